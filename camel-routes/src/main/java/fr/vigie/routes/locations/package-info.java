/**
 * The {@code locations} feed: hospitals and helicopter dropping zones from CSV files (OurAirports, GISCO/FINESS,
 * Vigie's DZ register), mapped by {@code fr.vigie.mappings.location}.
 */
package fr.vigie.routes.locations;
