/**
 * Deep-learning admissions forecasters (Deeplearning4j on the ND4J CPU backend): an LSTM, a 1-D convolutional
 * network (causal dilated convolutions) and a CNN-LSTM, behind the shared {@link
 * fr.vigie.server.forecast.model.ForecastModel} contract.
 *
 * <p>All three read the same input, built by {@link fr.vigie.server.forecast.deep.WindowEncoder}: the last days of
 * counts divided by their recent level, the standardised exogenous features and the calendar, followed by the
 * calendar of the days to forecast; all three answer every horizon at once (direct multi-horizon) as ratios to the
 * recent level, and turn them into counts with a negative-binomial distribution fitted per horizon on a held-out
 * validation period. Plain Java: trainable, testable and benchmarkable without a server.
 */
package fr.vigie.server.forecast.deep;
