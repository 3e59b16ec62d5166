/**
 * Admissions forecasting: {@code Location/{id}/$train-forecast} and {@code Location/{id}/$forecast-admissions}
 * ({@link fr.vigie.server.forecast.ForecastOperationProvider}), the service behind them, the reading of a hospital's
 * history from stored resources ({@link fr.vigie.server.forecast.HospitalHistory}), the model store and the training
 * jobs. The models themselves are plain Java in {@code .model}, {@code .models} and {@code .deep}; harmonisation in
 * {@code .features}; evaluation in {@code .eval}.
 */
package fr.vigie.server.forecast;
