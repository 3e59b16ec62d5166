/**
 * Emergency-department activity simulator: synthetic arrivals, triage by Vigie's {@code $triage} model, doctors with
 * a specialty, shifts and a queue, boxes, one-minute steps; its output as FHIR (Patient, Encounter, Practitioner,
 * PractitionerRole, Location) written to NDJSON files or to a FHIR server, and the activity figures (per hour, day,
 * month, pathology). Plain Java apart from the FHIR mapping and writers, so it runs and is tested without a server.
 */
package fr.vigie.server.activity;
