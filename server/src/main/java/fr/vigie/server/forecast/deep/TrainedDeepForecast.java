package fr.vigie.server.forecast.deep;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.vigie.server.forecast.model.CountDistribution;
import fr.vigie.server.forecast.model.DayForecast;
import fr.vigie.server.forecast.model.FeatureTable;
import fr.vigie.server.forecast.model.TrainedForecast;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trained LSTM, CNN or CNN-LSTM: forecasts from the days before asOf and stores itself as one zip (the network as
 * written by DL4J's {@link ModelSerializer}, without updater state, and {@code metadata.json}: scalers, predictive
 * distributions, training figures).
 *
 * <p>Expected count of day {@code asOf+h} = level × max(0, 1 + network output h), the level being the mean count of
 * the 28 days before asOf ({@link WindowEncoder}). Intervals and the peak probability come from a negative binomial
 * around that mean whose size was fitted, per horizon, to the errors on the held-out validation origins ({@link
 * CountDistribution}). A network is not safe for concurrent use, so forecasts are serialised.
 */
public final class TrainedDeepForecast implements TrainedForecast {

    static final String NETWORK_ENTRY = "network.zip";
    static final String METADATA_ENTRY = "metadata.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ComputationGraph network;
    private final WindowEncoder encoder;
    private final DeepModelMetadata metadata;

    TrainedDeepForecast(ComputationGraph network, DeepModelMetadata metadata) {
        this.network = network;
        this.metadata = metadata;
        this.encoder = new WindowEncoder(
                metadata.hyperparameters().window(),
                metadata.maxHorizon(),
                metadata.exogenous(),
                metadata.means(),
                metadata.scales());
    }

    @Override
    public String name() {
        return metadata.model();
    }

    /** Training figures, scalers and predictive distributions (for model cards). */
    public DeepModelMetadata metadata() {
        return metadata;
    }

    @Override
    public List<DayForecast> forecast(FeatureTable history, LocalDate asOf, int horizon, double peakThreshold) {
        if (horizon < 1 || horizon > metadata.maxHorizon()) {
            throw new IllegalArgumentException(
                    "horizon must be in 1.." + metadata.maxHorizon() + " for this model: " + horizon);
        }
        if (history.size() == 0 || !asOf.isAfter(history.firstDate())) {
            throw new IllegalArgumentException("no history before " + asOf);
        }
        // row index of asOf; only rows before it are read (the encoder and the level never look at row t or later)
        int t = (int) Math.min(
                Integer.MAX_VALUE, asOf.toEpochDay() - history.firstDate().toEpochDay());
        double level = WindowEncoder.level(history.counts(), t);
        if (Double.isNaN(level)) {
            throw new IllegalArgumentException("at least " + WindowEncoder.MIN_KNOWN_DAYS + " known daily counts are"
                    + " needed in the " + WindowEncoder.LEVEL_DAYS + " days before " + asOf);
        }
        float[] past = new float[encoder.channels() * encoder.steps()];
        float[] future = new float[encoder.futureSize()];
        encoder.encode(history, encoder.columnsIn(history), t, asOf, level, past, 0, future, 0);
        double[] ratios = predict(past, future, 1)[0];
        List<DayForecast> days = new ArrayList<>(horizon);
        for (int h = 0; h < horizon; h++) {
            double expected = level * Math.max(0, 1 + ratios[h]);
            days.add(CountDistribution.forecast(asOf.plusDays(h), expected, metadata.nbSize()[h], peakThreshold));
        }
        return days;
    }

    /** Network outputs (ratio to level minus 1) for {@code rows} encoded inputs. */
    double[][] predict(float[] past, float[] future, int rows) {
        INDArray[] inputs = inputs(encoder, past, future, rows);
        INDArray out;
        synchronized (network) {
            out = network.outputSingle(false, inputs);
        }
        return out.toDoubleMatrix();
    }

    /** The two input arrays of {@code rows} encoded origins. */
    static INDArray[] inputs(WindowEncoder encoder, float[] past, float[] future, int rows) {
        return new INDArray[] {
            Nd4j.create(past, new long[] {rows, encoder.channels(), encoder.steps()}, 'c'),
            Nd4j.create(future, new long[] {rows, encoder.futureSize()}, 'c')
        };
    }

    @Override
    public byte[] save() {
        try {
            ByteArrayOutputStream net = new ByteArrayOutputStream();
            ModelSerializer.writeModel(network, net, false);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
                zip.putNextEntry(new ZipEntry(METADATA_ENTRY));
                zip.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(metadata));
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry(NETWORK_ENTRY));
                zip.write(net.toByteArray());
                zip.closeEntry();
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise the " + name() + " model", e);
        }
    }

    /**
     * Reads what {@link #save()} wrote.
     *
     * @throws IllegalArgumentException when the bytes are not such a model or another model's
     */
    static TrainedDeepForecast load(byte[] bytes, String expectedModel) {
        DeepRuntime.init();
        byte[] net = null;
        DeepModelMetadata metadata = null;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (METADATA_ENTRY.equals(entry.getName())) {
                    metadata = JSON.readValue(zip.readAllBytes(), DeepModelMetadata.class);
                } else if (NETWORK_ENTRY.equals(entry.getName())) {
                    net = zip.readAllBytes();
                }
            }
            if (metadata == null || net == null) {
                throw new IllegalArgumentException("not a stored " + expectedModel + " model: " + METADATA_ENTRY
                        + " or " + NETWORK_ENTRY + " missing");
            }
            if (metadata.format() != DeepModelMetadata.FORMAT || !expectedModel.equals(metadata.model())) {
                throw new IllegalArgumentException("stored model is " + metadata.model() + " (format "
                        + metadata.format() + "), not " + expectedModel + " (format " + DeepModelMetadata.FORMAT
                        + ")");
            }
            ComputationGraph network = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(net), false);
            return new TrainedDeepForecast(network, metadata);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "cannot read a stored " + expectedModel + " model: " + e.getMessage(), e);
        }
    }
}
