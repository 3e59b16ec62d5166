package fr.vigie.server.forecast.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import fr.vigie.server.forecast.features.FeatureTableBuilder.Method;
import fr.vigie.server.forecast.features.FeatureTableBuilder.Settings;
import fr.vigie.server.forecast.model.FeatureTable;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeatureTableBuilderTest {

    // CHU de Toulouse Purpan, and two points ~10 km and ~30 km away along the meridian
    private static final double LAT = 43.6106;
    private static final double LON = 1.4011;
    private static final double LAT_10KM = LAT + 10 / 111.13;
    private static final double LAT_30KM = LAT - 30 / 111.13;
    private static final LocalDate D0 = LocalDate.of(2024, 3, 4); // a Monday

    private static Measurement day(LocalDate d, double v) {
        return new Measurement(d.atStartOfDay(), d.plusDays(1).atStartOfDay(), v);
    }

    private static FeatureTable build(Settings settings, List<StationSeries> series, int days) {
        return new FeatureTableBuilder(settings).build(LAT, LON, series, Map.of(), D0, D0.plusDays(days - 1));
    }

    @Test
    void inverseDistanceWeightingFavoursTheCloserStation() {
        StationSeries near = new StationSeries("near", LAT_10KM, LON, "pm10", List.of(day(D0, 10)));
        StationSeries far = new StationSeries("far", LAT_30KM, LON, "pm10", List.of(day(D0, 40)));
        FeatureTable idw = build(Settings.defaults(), List.of(near, far), 1);
        // weights 1/10^2 and 1/30^2: (10*9 + 40*1) / 10 = 13
        assertThat(idw.columnValues("env:pm10")[0]).isCloseTo(13.0, within(0.05));
        FeatureTable nearest = build(new Settings(Method.NEAREST, 50, 2, 3), List.of(near, far), 1);
        assertThat(nearest.columnValues("env:pm10")[0]).isEqualTo(10.0);
        FeatureTable small = build(new Settings(Method.IDW, 20, 2, 3), List.of(near, far), 1);
        assertThat(small.columnValues("env:pm10")[0])
                .as("far station outside a 20 km radius")
                .isEqualTo(10.0);
    }

    @Test
    void hourlyValuesBecomeDailyMeansOnlyWithEighteenHours() {
        List<Measurement> hours = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            hours.add(new Measurement(D0.atTime(h, 0), D0.atTime(h, 0).plusHours(1), h));
        }
        for (int h = 0; h < 17; h++) { // only 17 hours the next day
            LocalDateTime t = D0.plusDays(1).atTime(h, 0);
            hours.add(new Measurement(t, t.plusHours(1), 100));
        }
        FeatureTable t = build(Settings.defaults(), List.of(new StationSeries("s", LAT, LON, "no2", hours)), 2);
        assertThat(t.columnValues("env:no2")[0]).isEqualTo(11.5);
        assertThat(t.columnValues("env:no2:missing")).containsExactly(0, 1);
        assertThat(t.columnValues("env:no2")[1]).as("carried forward").isEqualTo(11.5);
    }

    @Test
    void ozoneIsTheDailyMaximumEightHourMean() {
        List<Measurement> hours = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            double v = h >= 12 && h < 20 ? 120 : 40; // 8 hours at 120 from noon to 20:00
            hours.add(new Measurement(D0.atTime(h, 0), D0.atTime(h, 0).plusHours(1), v));
        }
        FeatureTable t = build(Settings.defaults(), List.of(new StationSeries("s", LAT, LON, "o3", hours)), 1);
        // the window 12:00-19:00 averages 120; a plain daily mean would be (8*120+16*40)/24 = 66.7
        assertThat(t.columnValues("env:o3")[0]).isEqualTo(120.0);
    }

    @Test
    void weeklyIncidenceIsKnownOnlyAfterItsWeekEnds() {
        Measurement week = new Measurement(D0.atStartOfDay(), D0.plusDays(7).atStartOfDay(), 250);
        FeatureTable t = build(
                Settings.defaults(),
                List.of(new StationSeries("FR", Double.NaN, Double.NaN, "ili-incidence", List.of(week))),
                21);
        double[] v = t.columnValues("env:ili-incidence");
        double[] mask = t.columnValues("env:ili-incidence:missing");
        assertThat(v[0]).as("week not over yet").isEqualTo(0.0);
        assertThat(mask[6]).isEqualTo(1.0);
        assertThat(v[7]).isEqualTo(250.0);
        assertThat(v[13]).isEqualTo(250.0);
        assertThat(mask[13]).isEqualTo(0.0);
        assertThat(mask[14])
                .as("after the 7 days it covers, the weekly value is a gap")
                .isEqualTo(1.0);
    }

    @Test
    void gapsAreFilledCausallyAndMasked() {
        List<Measurement> values = new ArrayList<>();
        values.add(day(D0, 10));
        values.add(day(D0.plusDays(1), 20));
        values.add(day(D0.plusDays(10), 99));
        FeatureTable t = build(Settings.defaults(), List.of(new StationSeries("s", LAT, LON, "pm10", values)), 11);
        double[] v = t.columnValues("env:pm10");
        assertThat(v[2]).as("LOCF").isEqualTo(20.0);
        assertThat(v[4]).as("3 days carried").isEqualTo(20.0);
        assertThat(v[5]).as("then the mean of the past year").isEqualTo(15.0);
        assertThat(v[9]).as("never the value to come").isEqualTo(15.0);
        assertThat(t.columnValues("env:pm10:missing")).containsExactly(0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0);
        assertThat(t.columnValues("env:pm10:lag1")[1]).isEqualTo(10.0);
        assertThat(t.columnValues("env:pm10:mean7")[1]).isEqualTo(15.0);
    }

    @Test
    void rowsBeforeADateDoNotDependOnLaterData() {
        List<Measurement> values = new ArrayList<>();
        Map<LocalDate, Double> counts = new HashMap<>();
        for (int i = 0; i < 60; i++) {
            if (i % 5 != 3) {
                values.add(day(D0.plusDays(i), 20 + i % 7));
            }
            counts.put(D0.plusDays(i), (double) (i % 9));
        }
        List<StationSeries> all = List.of(new StationSeries("s", LAT, LON, "pm10", values));
        List<StationSeries> cut = List.of(new StationSeries(
                "s",
                LAT,
                LON,
                "pm10",
                values.stream()
                        .filter(m -> m.start().toLocalDate().isBefore(D0.plusDays(30)))
                        .toList()));
        FeatureTableBuilder builder = new FeatureTableBuilder(Settings.defaults());
        LocalDate asOf = D0.plusDays(30);
        FeatureTable full = builder.build(LAT, LON, all, counts, D0, D0.plusDays(59));
        FeatureTable partial = builder.build(LAT, LON, cut, counts, D0, D0.plusDays(59));
        assertThat(partial.before(asOf)).isEqualTo(full.before(asOf));
        assertThat(full.featureNames()).contains("cal:holiday", "env:pm10:missing");
        assertThat(full.counts()[5]).isEqualTo(5.0);
    }
}
