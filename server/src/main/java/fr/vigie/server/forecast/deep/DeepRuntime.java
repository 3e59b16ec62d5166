package fr.vigie.server.forecast.deep;

import java.nio.file.Path;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares ND4J before its first use.
 *
 * <p>JavaCPP unpacks ND4J's native libraries (about 400 MB with OpenBLAS) at first use into {@code
 * org.bytedeco.javacpp.cachedir}, {@code ~/.javacpp/cache} by default. Unless the operator set that property, it is
 * pointed at {@code <vigie.data-dir>/javacpp} ({@code VIGIE_DATA_DIR}, default {@code ./data}), so nothing is written
 * under {@code $HOME}; the tests set it under {@code target/}. Networks compute in 32-bit floats.
 *
 * <p>ND4J runs its operations on {@value #DEFAULT_THREADS} thread unless {@code -Dvigie.forecast.deep.threads=N}
 * (1..64): these networks are small, so each operation is short, and OpenMP's spin-waiting threads made a training
 * step 20 times slower with 2 threads than with 1 on a loaded 2-core machine (measured); the server parallelises across
 * requests instead. The cap is applied to ND4J's environment and to OpenBLAS, but the OpenMP runtime sizes its pool
 * from {@code OMP_NUM_THREADS} when the native library loads, before any Java code can change it: on NMMAPS (10
 * years, 2 shared cores) {@code OMP_NUM_THREADS=1} cut the CPU time of training by 35–55 % (lstm 28 → 17 s, cnn 22 →
 * 10 s, cnn-lstm 39 → 20 s) for identical weights. The Docker image sets it; elsewhere a warning says to.
 */
public final class DeepRuntime {

    /** JavaCPP's system property naming where native libraries are unpacked. */
    public static final String CACHE_DIR_PROPERTY = "org.bytedeco.javacpp.cachedir";

    /** System property setting ND4J's thread count. */
    public static final String THREADS_PROPERTY = "vigie.forecast.deep.threads";

    static final int DEFAULT_THREADS = 1;

    private static final Logger LOG = LoggerFactory.getLogger(DeepRuntime.class);

    private static boolean ready;

    private DeepRuntime() {}

    /** Idempotent: sets the native cache directory when unset, then loads the backend. */
    public static synchronized void init() {
        if (ready) {
            return;
        }
        String cacheDir = System.getProperty(CACHE_DIR_PROPERTY);
        if (cacheDir == null || cacheDir.isBlank()) {
            System.setProperty(CACHE_DIR_PROPERTY, defaultCacheDir().toString());
        }
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        int threads = Math.max(1, Math.min(64, Integer.getInteger(THREADS_PROPERTY, DEFAULT_THREADS)));
        Nd4j.getEnvironment().setMaxThreads(threads);
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        if (System.getenv("OMP_NUM_THREADS") == null && Runtime.getRuntime().availableProcessors() > threads) {
            LOG.warn(
                    "OMP_NUM_THREADS is not set: the deep forecasters' OpenMP pool has one spinning thread per core;"
                            + " set OMP_NUM_THREADS={} in Vigie's environment (training then uses about half the CPU time)",
                    threads);
        }
        // OpenBLAS keeps its own OpenMP pool (as many threads as cores unless OMP_NUM_THREADS is set): capped too
        Nd4j.factory().blas().setMaxThreads(threads);
        ready = true;
    }

    /** {@code <vigie.data-dir or VIGIE_DATA_DIR or ./data>/javacpp}, absolute. */
    static Path defaultCacheDir() {
        String dataDir = System.getProperty("vigie.data-dir", System.getenv("VIGIE_DATA_DIR"));
        Path base = Path.of(dataDir == null || dataDir.isBlank() ? "data" : dataDir);
        return base.resolve("javacpp").toAbsolutePath().normalize();
    }
}
