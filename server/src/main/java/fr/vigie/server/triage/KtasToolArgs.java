package fr.vigie.server.triage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Command line of the tools that evaluate or train a model on the KTAS data ({@link TriageModelTool}, the length of
 * stay tool): {@code evaluate [csv]} or {@code train [csv] [output folder]}, with the records read and the features
 * that describe them.
 *
 * @param train whether to train and write the model (else evaluate only)
 * @param data the KTAS CSV read (default {@link KtasDataset#DEFAULT_PATH})
 * @param output folder the trained model and its card go to
 */
public record KtasToolArgs(boolean train, Path data, Path output, List<KtasRecord> records, TriageFeatures features) {

    /**
     * Reads the arguments and the data.
     *
     * @param defaultOutput the output folder when none is given
     * @throws IllegalArgumentException for a command other than {@code evaluate} or {@code train}
     */
    public static KtasToolArgs parse(String[] args, Path defaultOutput) throws IOException {
        String command = args.length > 0 ? args[0] : "evaluate";
        if (!"train".equals(command) && !"evaluate".equals(command)) {
            throw new IllegalArgumentException("Unknown command '" + command + "': expected evaluate or train");
        }
        Path data = args.length > 1 ? Path.of(args[1]) : KtasDataset.DEFAULT_PATH;
        Path output = args.length > 2 ? Path.of(args[2]) : defaultOutput;
        return new KtasToolArgs(
                "train".equals(command),
                data,
                output,
                KtasDataset.read(data),
                new TriageFeatures(ComplaintCategorizer.fromClasspath()));
    }
}
