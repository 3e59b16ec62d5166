/**
 * The generic {@code resources} feed: FHIR resources as NDJSON or as a Bundle, for demo data and for integrators
 * who already speak FHIR.
 */
package fr.vigie.routes.resources;
