package fr.vigie.server.forecast.model;

import java.time.LocalDate;
import java.util.List;

/** A trained model, ready to forecast and to be stored. */
public interface TrainedForecast {

    /** The {@link ForecastModel#name()} that made it. */
    String name();

    /**
     * Forecasts days {@code asOf, asOf+1, …, asOf+horizon-1}, using only rows of {@code history} dated before {@code
     * asOf} (rows on or after it must be ignored, so replaying a past date cannot leak the future). The model must
     * follow the recent level of the series (epidemics, coding or catchment changes), not only the training years.
     *
     * @param history the hospital's feature table (same columns as in training); may extend past asOf
     * @param asOf first forecast day
     * @param horizon number of days, 1..{@link TrainingSettings#MAX_HORIZON}
     * @param peakThreshold admissions a day above which a day is a peak
     * @return one forecast per day, in date order, the first being asOf
     * @throws IllegalArgumentException when there is not enough history before asOf
     */
    List<DayForecast> forecast(FeatureTable history, LocalDate asOf, int horizon, double peakThreshold);

    /** The model's bytes, read back by {@link ForecastModel#load(byte[])}. */
    byte[] save();
}
