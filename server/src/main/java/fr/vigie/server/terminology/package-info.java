/** Loads Vigie's terminology (classpath JSON, optional full CIM-10 file) into the FHIR store at start-up. */
package fr.vigie.server.terminology;
