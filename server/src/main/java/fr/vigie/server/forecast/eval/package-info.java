/**
 * Evaluation of admissions models: the metrics the operations and the evaluation command report ({@link
 * fr.vigie.server.forecast.eval.ForecastMetrics}), the backtest that produces them ({@link
 * fr.vigie.server.forecast.eval.Backtest}) and the command-line evaluation on a series file ({@link
 * fr.vigie.server.forecast.eval.EvaluationCommand}). Plain Java.
 */
package fr.vigie.server.forecast.eval;
