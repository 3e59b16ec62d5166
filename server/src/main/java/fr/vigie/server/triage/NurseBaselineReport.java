package fr.vigie.server.triage;

import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs how the triage nurses' KTAS level ({@code KTAS_RN}) agrees with the expert panel's ({@code KTAS_expert}) on
 * the KTAS training file: the baseline any triage model must beat (issue 7). Run from the repository root:
 *
 * <pre>
 * mvn -o -q -pl server compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp "server/target/classes:$(cat server/target/cp.txt)" fr.vigie.server.triage.NurseBaselineReport \
 *     [../shared/data/ktas/ktas_train.csv]
 * </pre>
 *
 * <p>Result on the 887 training rows (2026-11-22): accuracy 0.852, linear-weighted kappa 0.827, under-triage 0.104,
 * over-triage 0.044.
 */
public final class NurseBaselineReport {

    private static final Logger LOG = LoggerFactory.getLogger(NurseBaselineReport.class);

    private NurseBaselineReport() {}

    /** Computes the nurse baseline on the file given as first argument, or {@link KtasDataset#DEFAULT_PATH}. */
    public static void main(String[] args) {
        Path path = args.length > 0 ? Path.of(args[0]) : KtasDataset.DEFAULT_PATH;
        TriageEvaluation.Metrics metrics = evaluate(KtasDataset.read(path));
        LOG.info("Nurse (KTAS_RN) vs expert (KTAS_expert) on {}:\n{}", path, metrics.describe());
    }

    /** The nurse-versus-expert metrics on KTAS levels 1–5. */
    public static TriageEvaluation.Metrics evaluate(List<KtasRecord> records) {
        int[] expert = records.stream().mapToInt(KtasRecord::ktasExpert).toArray();
        int[] nurse = records.stream().mapToInt(KtasRecord::ktasNurse).toArray();
        return TriageEvaluation.evaluate(expert, nurse, 5);
    }
}
