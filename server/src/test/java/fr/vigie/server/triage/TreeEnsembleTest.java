package fr.vigie.server.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import fr.vigie.server.los.EmergencyLos;
import fr.vigie.server.los.LosModel;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import ml.dmlc.xgboost4j.java.Booster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Java evaluation of the shipped tree ensembles gives what XGBoost4J gives (its reference implementation), on
 * KTAS rows with their missing values: probabilities, quantile predictions and TreeSHAP contributions of every class.
 */
class TreeEnsembleTest {

    static List<KtasRecord> records;
    static TriageFeatures features;

    @BeforeAll
    static void read() throws Exception {
        try (Reader reader = new InputStreamReader(
                TreeEnsembleTest.class.getResourceAsStream("/ktas/ktas_train.csv"), StandardCharsets.UTF_8)) {
            records = KtasDataset.read(reader).subList(0, 300);
        }
        features = new TriageFeatures(ComplaintCategorizer.fromClasspath());
    }

    @Test
    void triageProbabilitiesAndContributionsEqualXgboosts() {
        for (TriageModel model : List.of(TriageModel.fromClasspath(features))) {
            TreeEnsemble trees = TreeEnsemble.of(model.booster());
            assertThat(trees.groups()).isEqualTo(TriageModel.LEVELS);
            for (KtasRecord record : records) {
                float[] row = model.features().vector(TriageInput.of(record));
                float[] expected = Boosting.predict(model.booster(), row);
                float[] actual = trees.predict(row);
                for (int k = 0; k < TriageModel.LEVELS; k++) {
                    assertThat(actual[k]).isCloseTo(expected[k], within(1e-6f));
                }
                float[] reference = Boosting.contributions(model.booster(), row);
                for (int k = 0; k < TriageModel.LEVELS; k++) {
                    double[] contributions = trees.contributions(row, k);
                    for (int f = 0; f < row.length; f++) {
                        assertThat(contributions[f])
                                .as(
                                        "class %d feature %s",
                                        k, model.features().names().get(f))
                                .isCloseTo(reference[k * (row.length + 1) + f], within(1e-5));
                    }
                }
            }
        }
    }

    @Test
    void lengthOfStayQuantilesEqualXgboosts() {
        LosModel los = EmergencyLos.fromClasspath(features);
        for (Booster booster : los.boosters()) {
            TreeEnsemble trees = TreeEnsemble.of(booster);
            for (KtasRecord record : records) {
                float[] row = EmergencyLos.vector(features, record);
                assertThat(trees.predict(row)[0]).isCloseTo(Boosting.predict(booster, row)[0], within(1e-6f));
            }
        }
    }
}
