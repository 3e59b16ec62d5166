/** Declarative source-to-FHIR mappings and the plain-Java engine that applies them. */
package fr.vigie.mappings;
