/** Helpers shared by every mapper: how a resource is referred to by its business identifier. */
package fr.vigie.mappings.common;
