/** Mapping of daily admission counts ({@code admissions} feed) to FHIR {@code MeasureReport}s. */
package fr.vigie.mappings.admissions;
