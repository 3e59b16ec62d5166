/**
 * The forecasting contract shared by every admissions model: the daily {@link
 * fr.vigie.server.forecast.model.FeatureTable} a hospital's history is turned into, the {@link
 * fr.vigie.server.forecast.model.ForecastModel} / {@link fr.vigie.server.forecast.model.TrainedForecast} pair each
 * model implements, and the value types they exchange. Plain Java, no HAPI or Spring types, so models can be trained,
 * tested and benchmarked without a server.
 */
package fr.vigie.server.forecast.model;
