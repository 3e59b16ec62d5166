/** Spring configuration: HAPI FHIR JPA wiring, properties, the FHIR servlet. */
package fr.vigie.server.config;
