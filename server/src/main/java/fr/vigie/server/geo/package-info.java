/**
 * Geography: the in-memory exact nearest-dropping-zone index behind {@code $nearest-dz} ({@link
 * fr.vigie.server.geo.DzIndex}) and its value types. Plain Java, no HAPI or Spring types: distances and bearings are
 * WGS84 ellipsoidal geodesics computed with GeographicLib.
 */
package fr.vigie.server.geo;
