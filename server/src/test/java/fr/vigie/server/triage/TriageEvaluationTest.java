package fr.vigie.server.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TriageEvaluationTest {

    // Reference (expert) and predicted levels on a 3-level scale, 10 cases:
    // agreements: 1-1, 1-1, 2-2, 2-2, 2-2, 3-3 (6); under-triage: 1->2, 2->3 (2); over-triage: 3->2, 3->1 (2).
    private static final int[] REFERENCE = {1, 1, 1, 2, 2, 2, 2, 3, 3, 3};
    private static final int[] PREDICTED = {1, 1, 2, 2, 2, 2, 3, 3, 2, 1};

    @Test
    void buildsTheConfusionMatrixWithReferenceRows() {
        assertThat(TriageEvaluation.confusionMatrix(REFERENCE, PREDICTED, 3))
                .isDeepEqualTo(new int[][] {{2, 1, 0}, {0, 3, 1}, {1, 1, 1}});
    }

    @Test
    void computesAccuracyAndTriageErrorRates() {
        TriageEvaluation.Metrics metrics = TriageEvaluation.evaluate(REFERENCE, PREDICTED, 3);

        assertThat(metrics.count()).isEqualTo(10);
        assertThat(metrics.accuracy()).isCloseTo(0.6, within(1e-12));
        assertThat(metrics.underTriageRate()).isCloseTo(0.2, within(1e-12));
        assertThat(metrics.overTriageRate()).isCloseTo(0.2, within(1e-12));
    }

    @Test
    void computesLinearWeightedKappaByHand() {
        // Weights |i-j|/2. Observed disagreement: 0.5*(1+1+1) + 1*(1) = 2.5.
        // Row sums 3,4,3; column sums 3,5,2; expected counts E_ij = r_i*c_j/10:
        // weight 0.5 cells: (0,1) 1.5, (1,0) 1.2, (1,2) 0.8, (2,1) 1.5 -> 5.0 * 0.5 = 2.5
        // weight 1 cells: (0,2) 0.6, (2,0) 0.9 -> 1.5. Expected disagreement 4.0. Kappa = 1 - 2.5/4 = 0.375.
        assertThat(TriageEvaluation.evaluate(REFERENCE, PREDICTED, 3).linearKappa())
                .isCloseTo(0.375, within(1e-12));
    }

    @Test
    void givesPerfectScoresToPerfectAgreement() {
        int[] levels = {1, 2, 3, 4, 5, 3, 3};

        TriageEvaluation.Metrics metrics = TriageEvaluation.evaluate(levels, levels, 5);

        assertThat(metrics.accuracy()).isEqualTo(1.0);
        assertThat(metrics.linearKappa()).isCloseTo(1.0, within(1e-12));
        assertThat(metrics.underTriageRate()).isZero();
        assertThat(metrics.overTriageRate()).isZero();
    }

    @Test
    void countsAllUnderTriage() {
        TriageEvaluation.Metrics metrics = TriageEvaluation.evaluate(new int[] {1, 2, 3, 4}, new int[] {2, 3, 4, 5}, 5);

        assertThat(metrics.accuracy()).isZero();
        assertThat(metrics.underTriageRate()).isEqualTo(1.0);
        assertThat(metrics.overTriageRate()).isZero();
        assertThat(metrics.describe()).contains("n=4").contains("under-triage=1.000");
    }

    @Test
    void rejectsMismatchedOrOutOfRangeInput() {
        assertThatThrownBy(() -> TriageEvaluation.confusionMatrix(new int[] {1}, new int[] {1, 2}, 5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 levels but predicted has 2");
        assertThatThrownBy(() -> TriageEvaluation.confusionMatrix(new int[] {6}, new int[] {1}, 5))
                .hasMessageContaining("level 6 at index 0 is outside 1..5");
        assertThatThrownBy(() -> TriageEvaluation.confusionMatrix(new int[0], new int[0], 5))
                .hasMessageContaining("no cases");
    }
}
