/** Audit trail: every access recorded as a FHIR AuditEvent (IHE BALP) with the client that made it. */
package fr.vigie.server.audit;
