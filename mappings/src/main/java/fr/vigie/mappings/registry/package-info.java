/**
 * SMUR helicopter registries (Excel workbooks or CSV exports) to FHIR: the declarative {@link
 * fr.vigie.mappings.registry.RegistrySpec} files under {@code mappings/registry/}, the tolerant {@link
 * fr.vigie.mappings.registry.Labels label matching}, and the {@link fr.vigie.mappings.registry.RegistryMapper engine}
 * that turns summary sheets, month and pathology tables into {@code MeasureReport}s and mission rows into {@code
 * Encounter}s. Plain Java: cells come in as {@link fr.vigie.mappings.registry.Cell}s from any reader.
 */
package fr.vigie.mappings.registry;
