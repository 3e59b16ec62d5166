/**
 * SMUR mission statistics: the Measures the registry reports point at, and the aggregation of mission Encounters
 * into MeasureReports of the registry shape, refreshed after each {@code registry} import.
 */
package fr.vigie.server.missions;
