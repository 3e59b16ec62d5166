/**
 * The {@code environment} feed: stations, long and wide environmental time series and the Réseau Sentinelles weekly
 * incidence files, mapped to {@code Location} and {@code Observation} by {@code fr.vigie.mappings.environment}.
 */
package fr.vigie.routes.environment;
