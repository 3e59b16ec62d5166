/**
 * Security: SMART Backend Services authorisation (built-in Spring Authorization Server or an external issuer),
 * bearer-token checks, SMART v2 system scopes enforced per resource type and interaction, and the audit trail.
 */
package fr.vigie.server.security;
