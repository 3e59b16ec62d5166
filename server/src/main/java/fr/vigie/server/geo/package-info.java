/**
 * Geography: the in-memory exact nearest-dropping-zone index behind {@code $nearest-dz} ({@link
 * fr.vigie.server.geo.DzIndex}, plain Java, WGS84 geodesics with GeographicLib) and its synchronisation with the
 * database ({@link fr.vigie.server.geo.DzIndexSync}); the hospital ↔ DZ association ({@link
 * fr.vigie.server.geo.DzAssociator}, {@code $associate-dz}) and the rules every Location write goes through
 * (verification tags, obsolete sites, association: {@link fr.vigie.server.geo.LocationWriteRules}).
 */
package fr.vigie.server.geo;
