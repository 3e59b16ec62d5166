/**
 * SMUR missions on the server: the stored SMUR Measures the registry reports point at, local location lookups for
 * the {@code registry} feed, and the aggregation of mission Encounters into MeasureReports of the registry shape,
 * refreshed after each {@code registry} import.
 */
package fr.vigie.server.missions;
