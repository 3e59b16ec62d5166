/**
 * Hospitals and helicopter dropping zones (DZ) from CSV sources to FHIR R4 {@code Location} (and
 * {@code Organization}): OurAirports, GISCO/FINESS and Vigie's own DZ register, with the Lambert-93 conversion they
 * need. Plain Java; the {@code locations} feed of vigie-camel-routes reads the files and calls these mappers.
 */
package fr.vigie.mappings.location;
