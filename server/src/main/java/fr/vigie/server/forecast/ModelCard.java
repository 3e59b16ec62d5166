package fr.vigie.server.forecast;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * What a stored model is: the JSON model card kept beside its bytes (in the DocumentReference), and given back by the
 * operations, so a forecast always names its model, data window, threshold and backtest figures.
 *
 * @param id model id (the DocumentReference identifier value)
 * @param model model kind (seasonal-naive, glm, xgboost, lstm, cnn, cnn-lstm)
 * @param version model format version and library versions
 * @param location the hospital's Location id
 * @param condition the forecast-condition code
 * @param trainedFrom first day of the training window
 * @param trainedUntil last day of the training window
 * @param trainedAt when training finished (UTC, ISO 8601)
 * @param peakThreshold admissions a day above which a day is a peak
 * @param seed random seed
 * @param features feature columns of the table it was trained on
 * @param backtest metrics per model tried (name → metric → value), on the backtest period
 * @param backtestPeriod first and last day scored
 * @param trainingSeconds training time of the final model
 * @param notes how the model follows series breaks and how intervals are made
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelCard(
        String id,
        String model,
        String version,
        String location,
        String condition,
        String trainedFrom,
        String trainedUntil,
        String trainedAt,
        double peakThreshold,
        long seed,
        List<String> features,
        Map<String, Map<String, Double>> backtest,
        List<String> backtestPeriod,
        double trainingSeconds,
        String notes) {}
