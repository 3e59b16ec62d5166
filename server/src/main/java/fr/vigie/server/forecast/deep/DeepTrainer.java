package fr.vigie.server.forecast.deep;

import fr.vigie.server.forecast.model.CountDistribution;
import fr.vigie.server.forecast.model.FeatureTable;
import fr.vigie.server.forecast.model.TrainingSettings;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains one of the {@link Architecture}s on a feature table.
 *
 * <p>Every day {@code t} whose level is defined (see {@link WindowEncoder}) is a forecast origin: input its window,
 * targets the counts of days {@code t..t+maxHorizon-1} divided by the level, minus 1 (unknown counts are masked out of
 * the loss). The latest {@code validationFraction} of origins are held out; training origins end {@code maxHorizon}
 * days before the first held-out one, so no held-out day is ever a training target. Adam on shuffled mini-batches
 * (shuffling seeded), early stopping on the held-out loss, the best epoch kept. Then each horizon's negative-binomial
 * size is fitted to the held-out errors in counts ({@link CountDistribution#estimateSize}).
 *
 * <p>Deterministic on CPU: the seed fixes the weight initialisation and the shuffling, and no dropout is used; the
 * same table and settings give the same weights (checked by a test).
 */
final class DeepTrainer {

    /** Training origins needed at least, after the held-out ones. */
    static final int MIN_TRAINING_ORIGINS = 100;

    /** Held-out origins needed at least. */
    static final int MIN_VALIDATION_ORIGINS = 20;

    private static final int PREDICT_CHUNK = 512;

    private final Architecture architecture;
    private final DeepHyperparameters hp;

    DeepTrainer(Architecture architecture, DeepHyperparameters hp) {
        this.architecture = architecture;
        this.hp = hp;
    }

    TrainedDeepForecast train(FeatureTable table, TrainingSettings settings) {
        long started = System.nanoTime();
        DeepRuntime.init();
        int horizon = settings.maxHorizon();
        WindowEncoder encoder = WindowEncoder.fit(table, hp.window(), horizon);
        int[] columns = encoder.columnsIn(table);
        double[] counts = table.counts();
        int n = table.size();

        List<Integer> origins = new ArrayList<>();
        for (int t = 1; t < n; t++) {
            if (!Double.isNaN(WindowEncoder.level(counts, t)) && anyKnown(counts, t, Math.min(n, t + horizon))) {
                origins.add(t);
            }
        }
        int validationCount =
                Math.max(MIN_VALIDATION_ORIGINS, (int) Math.round(hp.validationFraction() * origins.size()));
        int firstValidation = origins.size() - validationCount;
        int trainingCount = 0;
        while (firstValidation > 0
                && trainingCount < firstValidation
                && origins.get(trainingCount) + horizon <= origins.get(firstValidation)) {
            trainingCount++;
        }
        if (firstValidation <= 0 || trainingCount < MIN_TRAINING_ORIGINS) {
            throw new IllegalArgumentException("the " + architecture.modelName() + " model needs more history: "
                    + table.knownCounts() + " known daily counts over " + n + " days give " + Math.max(0, trainingCount)
                    + " training origins, at least " + MIN_TRAINING_ORIGINS + " are needed (about "
                    + (int) Math.ceil(
                            (MIN_TRAINING_ORIGINS + MIN_VALIDATION_ORIGINS + horizon + WindowEncoder.LEVEL_DAYS)
                                    / (1 - hp.validationFraction()))
                    + " consecutive days with counts)");
        }

        int size = encoder.channels() * encoder.steps();
        int futureSize = encoder.futureSize();
        int total = origins.size();
        float[] inputs = new float[total * size];
        float[] future = new float[total * futureSize];
        float[] targets = new float[total * horizon];
        float[] masks = new float[total * horizon];
        double[] levels = new double[total];
        for (int k = 0; k < total; k++) {
            int t = origins.get(k);
            levels[k] = WindowEncoder.level(counts, t);
            encoder.encode(
                    table, columns, t, table.dates().get(t), levels[k], inputs, k * size, future, k * futureSize);
            for (int h = 0; h < horizon; h++) {
                int row = t + h;
                if (row < n && !Double.isNaN(counts[row])) {
                    targets[k * horizon + h] = (float) (counts[row] / levels[k] - 1);
                    masks[k * horizon + h] = 1f;
                }
            }
        }

        ComputationGraph network = new ComputationGraph(architecture.configuration(
                encoder.channels(), encoder.steps(), futureSize, horizon, settings.seed(), hp));
        network.init();
        TrainedDeepForecast trained = new TrainedDeepForecast(network, placeholder(encoder, settings));

        Random shuffle = new Random(settings.seed());
        int[] order = new int[trainingCount];
        for (int k = 0; k < trainingCount; k++) {
            order[k] = k;
        }
        double best = Double.POSITIVE_INFINITY;
        INDArray bestParams = null;
        int bestEpoch = 0;
        int epoch = 0;
        while (epoch < hp.maxEpochs() && epoch - bestEpoch < hp.patience()) {
            epoch++;
            shuffleInPlace(order, shuffle);
            for (int from = 0; from < trainingCount; from += hp.batchSize()) {
                int rows = Math.min(hp.batchSize(), trainingCount - from);
                float[] x = new float[rows * size];
                float[] f = new float[rows * futureSize];
                float[] y = new float[rows * horizon];
                float[] m = new float[rows * horizon];
                for (int r = 0; r < rows; r++) {
                    int k = order[from + r];
                    System.arraycopy(inputs, k * size, x, r * size, size);
                    System.arraycopy(future, k * futureSize, f, r * futureSize, futureSize);
                    System.arraycopy(targets, k * horizon, y, r * horizon, horizon);
                    System.arraycopy(masks, k * horizon, m, r * horizon, horizon);
                }
                network.fit(new MultiDataSet(
                        TrainedDeepForecast.inputs(encoder, x, f, rows),
                        new INDArray[] {Nd4j.create(y, new long[] {rows, horizon}, 'c')},
                        null,
                        new INDArray[] {Nd4j.create(m, new long[] {rows, horizon}, 'c')}));
            }
            double[][] predicted = predict(trained, inputs, size, future, futureSize, firstValidation, total);
            double loss = maskedMse(predicted, targets, masks, firstValidation, horizon);
            if (loss < best) {
                best = loss;
                bestEpoch = epoch;
                bestParams = network.params().dup();
            }
            settings.progress()
                    .report(
                            0.05 + 0.9 * epoch / hp.maxEpochs(),
                            architecture.modelName() + ": epoch " + epoch + ", validation loss "
                                    + String.format(java.util.Locale.ROOT, "%.4f", loss));
        }
        if (bestParams == null) {
            throw new IllegalStateException("the " + architecture.modelName()
                    + " model's validation loss was never finite (training diverged); lower the learning rate");
        }
        network.setParams(bestParams);

        // predictive distributions: negative binomial per horizon, size fitted to the held-out errors in counts
        double[][] predicted = predict(trained, inputs, size, future, futureSize, firstValidation, total);
        double[] nbSize = new double[horizon];
        double[] mae = new double[horizon];
        for (int h = 0; h < horizon; h++) {
            double[] observed = new double[validationCount];
            double[] expected = new double[validationCount];
            double absolute = 0;
            int known = 0;
            for (int v = 0; v < validationCount; v++) {
                int k = firstValidation + v;
                int row = origins.get(k) + h;
                observed[v] = row < n ? counts[row] : Double.NaN;
                expected[v] = levels[k] * Math.max(0, 1 + predicted[v][h]);
                if (!Double.isNaN(observed[v])) {
                    absolute += Math.abs(observed[v] - expected[v]);
                    known++;
                }
            }
            double size0 = CountDistribution.estimateSize(observed, expected);
            nbSize[h] = Double.isInfinite(size0) ? 1e9 : size0;
            mae[h] = known == 0 ? Double.NaN : absolute / known;
        }
        LocalDate validationFrom = table.dates().get(origins.get(firstValidation));
        DeepModelMetadata metadata = new DeepModelMetadata(
                DeepModelMetadata.FORMAT,
                architecture.modelName(),
                "deeplearning4j " + DeepForecastModel.LIBRARY_VERSION,
                settings.seed(),
                hp,
                horizon,
                table.firstDate().toString(),
                table.lastDate().toString(),
                trainingCount,
                validationCount,
                validationFrom.toString(),
                epoch,
                bestEpoch,
                best,
                mae,
                nbSize,
                encoder.exogenous(),
                encoder.means(),
                encoder.scales(),
                (System.nanoTime() - started) / 1e9);
        settings.progress().report(1.0, architecture.modelName() + ": trained, best epoch " + bestEpoch);
        return new TrainedDeepForecast(network, metadata);
    }

    private DeepModelMetadata placeholder(WindowEncoder encoder, TrainingSettings settings) {
        return new DeepModelMetadata(
                DeepModelMetadata.FORMAT,
                architecture.modelName(),
                "",
                settings.seed(),
                hp,
                settings.maxHorizon(),
                "",
                "",
                0,
                0,
                "",
                0,
                0,
                Double.NaN,
                new double[0],
                new double[settings.maxHorizon()],
                encoder.exogenous(),
                encoder.means(),
                encoder.scales(),
                0);
    }

    private static double[][] predict(
            TrainedDeepForecast model, float[] inputs, int size, float[] future, int futureSize, int from, int to) {
        double[][] out = new double[to - from][];
        for (int start = from; start < to; start += PREDICT_CHUNK) {
            int rows = Math.min(PREDICT_CHUNK, to - start);
            float[] x = new float[rows * size];
            float[] f = new float[rows * futureSize];
            System.arraycopy(inputs, start * size, x, 0, rows * size);
            System.arraycopy(future, start * futureSize, f, 0, rows * futureSize);
            double[][] chunk = model.predict(x, f, rows);
            System.arraycopy(chunk, 0, out, start - from, rows);
        }
        return out;
    }

    private static double maskedMse(double[][] predicted, float[] targets, float[] masks, int from, int horizon) {
        double sum = 0;
        int n = 0;
        for (int v = 0; v < predicted.length; v++) {
            for (int h = 0; h < horizon; h++) {
                int i = (from + v) * horizon + h;
                if (masks[i] > 0) {
                    double d = predicted[v][h] - targets[i];
                    sum += d * d;
                    n++;
                }
            }
        }
        return n == 0 ? Double.POSITIVE_INFINITY : sum / n;
    }

    private static boolean anyKnown(double[] counts, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Double.isNaN(counts[i])) {
                return true;
            }
        }
        return false;
    }

    private static void shuffleInPlace(int[] values, Random random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = values[i];
            values[i] = values[j];
            values[j] = tmp;
        }
    }
}
