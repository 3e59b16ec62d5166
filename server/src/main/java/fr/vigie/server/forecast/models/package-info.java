/**
 * The admissions models Vigie ships besides the deep-learning ones: {@link
 * fr.vigie.server.forecast.models.SeasonalNaiveModel} (the baseline every model must beat), {@link
 * fr.vigie.server.forecast.models.GlmModel} (negative-binomial regression on calendar and exposure, fitted by IRLS)
 * and {@link fr.vigie.server.forecast.models.XgboostModel} (gradient-boosted trees on lag features). All give
 * negative-binomial predictive intervals ({@link fr.vigie.server.forecast.model.CountDistribution}) and follow the
 * recent level of the series (see each class).
 */
package fr.vigie.server.forecast.models;
