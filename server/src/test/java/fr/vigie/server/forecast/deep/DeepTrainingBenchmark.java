package fr.vigie.server.forecast.deep;

import fr.vigie.server.forecast.model.DayForecast;
import fr.vigie.server.forecast.model.FeatureTable;
import fr.vigie.server.forecast.model.FrenchCalendar;
import fr.vigie.server.forecast.model.PeakThreshold;
import fr.vigie.server.forecast.model.TrainedForecast;
import fr.vigie.server.forecast.model.TrainingProgress;
import fr.vigie.server.forecast.model.TrainingSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bytedeco.javacpp.Pointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bench command (not a test): trains each deep model on the NMMAPS Chicago file's respiratory deaths, 1987–1996 (10
 * years of daily data), and logs the training time, memory (heap and JavaCPP off-heap) and, on 1998–2000, the MAE at
 * horizons 1 and 7 beside seasonal-naive. Run from {@code server/} after {@code test-compile}:
 *
 * <pre>
 * java -cp "target/test-classes:target/classes:$(cat cp.txt)" fr.vigie.server.forecast.deep.DeepTrainingBenchmark \
 *     ../../shared/data/nmmaps-chicago/chicagoNMMAPS.csv [lstm,cnn,cnn-lstm]
 * </pre>
 *
 * The table is built here in the feature table's layout (env columns, last-value gap filling with a missing mask,
 * calendar); the forecast evaluation command builds the same with the harmonisation of the forecast package.
 */
public final class DeepTrainingBenchmark {

    private static final Logger LOG = LoggerFactory.getLogger(DeepTrainingBenchmark.class);
    private static final String[] ENV = {"temp", "dptp", "rhum", "pm10", "o3"};

    private DeepTrainingBenchmark() {}

    public static void main(String[] args) throws IOException {
        FeatureTable all = nmmaps(Path.of(args[0]));
        String[] models = (args.length > 1 ? args[1] : "lstm,cnn,cnn-lstm").split(",");
        FeatureTable train = all.upTo(LocalDate.of(1996, 12, 31));
        double threshold = PeakThreshold.defaultFor(train.counts());
        for (String name : models) {
            DeepForecastModel model = (DeepForecastModel)
                    switch (name) {
                        case "lstm" -> new LstmForecastModel();
                        case "cnn" -> new CnnForecastModel();
                        default -> new CnnLstmForecastModel();
                    };
            System.gc();
            long started = System.nanoTime();
            TrainedForecast trained =
                    model.train(train, new TrainingSettings(42, 14, threshold, TrainingProgress.NONE));
            double seconds = (System.nanoTime() - started) / 1e9;
            Runtime rt = Runtime.getRuntime();
            double[] mae = new double[2];
            double[] naive = new double[2];
            int[] horizons = {1, 7};
            int n = 0;
            for (LocalDate asOf = LocalDate.of(1998, 1, 1);
                    asOf.isBefore(LocalDate.of(2000, 12, 25));
                    asOf = asOf.plusDays(1)) {
                List<DayForecast> days = trained.forecast(all, asOf, 7, threshold);
                int t = all.indexOf(asOf);
                for (int k = 0; k < 2; k++) {
                    int h = horizons[k] - 1;
                    double y = all.counts()[t + h];
                    mae[k] += Math.abs(days.get(h).expected() - y);
                    naive[k] += Math.abs(all.counts()[t + h - 7 * (h / 7 + 1)] - y);
                }
                n++;
            }
            DeepModelMetadata md = ((TrainedDeepForecast) trained).metadata();
            LOG.info(String.format(
                    Locale.ROOT,
                    "%s: trained in %.1f s (%d epochs, best %d, %d origins); heap used %d MB; JavaCPP off-heap %d MB,"
                            + " process physical %d MB; 1998-2000 MAE h1 %.2f (seasonal-naive %.2f), h7 %.2f (%.2f)",
                    name,
                    seconds,
                    md.epochs(),
                    md.bestEpoch(),
                    md.trainingOrigins(),
                    (rt.totalMemory() - rt.freeMemory()) >> 20,
                    Pointer.totalBytes() >> 20,
                    Pointer.physicalBytes() >> 20,
                    mae[0] / n,
                    naive[0] / n,
                    mae[1] / n,
                    naive[1] / n));
        }
    }

    /** The NMMAPS file as a feature table: resp = counts; env columns gap-filled with the last value and masked. */
    static FeatureTable nmmaps(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = List.of(lines.get(0).replace("\"", "").split(","));
        List<String> names = new ArrayList<>();
        for (String e : ENV) {
            names.add("env:" + e);
            names.add("env:" + e + ":missing");
        }
        names.addAll(FrenchCalendar.NAMES);
        List<LocalDate> dates = new ArrayList<>();
        double[] counts = new double[lines.size() - 1];
        double[][] features = new double[lines.size() - 1][];
        double[] last = new double[ENV.length];
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            LocalDate date = LocalDate.parse(cells[header.indexOf("date")]);
            dates.add(date);
            counts[i - 1] = Double.parseDouble(cells[header.indexOf("resp")]);
            double[] row = new double[names.size()];
            for (int k = 0; k < ENV.length; k++) {
                String cell = cells[header.indexOf(ENV[k])];
                boolean missing = cell.isBlank() || cell.equals("NA");
                if (!missing) {
                    last[k] = Double.parseDouble(cell);
                }
                row[2 * k] = last[k];
                row[2 * k + 1] = missing ? 1 : 0;
            }
            System.arraycopy(FrenchCalendar.features(date), 0, row, 2 * ENV.length, FrenchCalendar.NAMES.size());
            features[i - 1] = row;
        }
        return new FeatureTable(dates, counts, names, features);
    }
}
