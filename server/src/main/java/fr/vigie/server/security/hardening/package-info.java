/**
 * Transport-level hardening of the HTTP endpoints ({@code /fhir}, {@code /import}) for health data hosted under the
 * French HDS rules: request body size limits, per-client rate limiting, CORS, and error responses that never reveal
 * internals (class names, SQL, file paths). Settings under {@code vigie.security.hardening.*}.
 */
package fr.vigie.server.security.hardening;
