/**
 * Harmonisation: turns environmental series measured at stations or over areas (hourly, daily or weekly) and a
 * hospital's daily admission counts into the daily {@link fr.vigie.server.forecast.model.FeatureTable} the models
 * read. Plain Java; every rule is causal (row i uses nothing dated after day i), so a forecast replayed on a past date
 * sees what was known then. The rules are documented on {@link fr.vigie.server.forecast.features.FeatureTableBuilder}.
 */
package fr.vigie.server.forecast.features;
