/** Custom FHIR operations: the registration contract and shared parameter helpers. */
package fr.vigie.server.operation;
