/**
 * Environmental and epidemiological time series (air quality, weather, pollen, incidence) from CSV sources to FHIR
 * R4 {@code Observation}s and the {@code Location}s of their stations or areas, as DESIGN §3 models them: category
 * from CodeSystem {@code environment}, code from {@code environmental-parameter}, value in the parameter's UCUM unit.
 * Plain Java; the {@code environment} feed of vigie-camel-routes reads the files and calls these mappers.
 */
package fr.vigie.mappings.environment;
