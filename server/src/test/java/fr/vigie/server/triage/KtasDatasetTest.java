package fr.vigie.server.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reads fixtures/triage/ktas_sample.csv: 12 rows cut from the KTAS training file (see the README there). */
class KtasDatasetTest {

    private static final String HEADER = "id,Group,Sex,Age,Patients number per hour,Arrival mode,Injury,"
            + "Chief_complain,Mental,Pain,NRS_pain,SBP,DBP,HR,RR,BT,Saturation,KTAS_RN,Diagnosis in ED,"
            + "Disposition,KTAS_expert,Error_group,Length of stay_min,KTAS duration_min,mistriage\n";

    private static Map<Integer, KtasRecord> byId;

    @BeforeAll
    static void readFixture() throws IOException {
        try (Reader reader = new InputStreamReader(
                KtasDatasetTest.class.getResourceAsStream("/fixtures/triage/ktas_sample.csv"),
                StandardCharsets.UTF_8)) {
            List<KtasRecord> records = KtasDataset.read(reader);
            assertThat(records).hasSize(12);
            byId = records.stream().collect(Collectors.toMap(KtasRecord::id, Function.identity()));
        }
    }

    @Test
    void mapsACompleteRow() {
        KtasRecord first = byId.get(1);

        assertThat(first)
                .isEqualTo(new KtasRecord(
                        1,
                        2,
                        71,
                        "male",
                        3,
                        "private-vehicle",
                        true,
                        "right ocular pain",
                        true,
                        new VitalSigns(84.0, 18.0, 160.0, 100.0, 36.6, 100.0, Consciousness.ALERT, null, 2),
                        4,
                        2,
                        86.0));
    }

    @Test
    void mapsCodedColumns() {
        assertThat(byId.get(2).sex()).isEqualTo("female");
        assertThat(byId.get(32).arrivalMode()).isEqualTo("other");
        assertThat(byId.get(62).arrivalMode()).isEqualTo("public-ambulance");
        assertThat(byId.get(6).arrivalMode()).isEqualTo("private-ambulance");
        assertThat(byId.get(62).vitals().consciousness()).isEqualTo(Consciousness.VOICE);
        assertThat(byId.get(124).vitals().consciousness()).isEqualTo(Consciousness.PAIN);
        assertThat(byId.get(156).vitals().consciousness()).isEqualTo(Consciousness.UNRESPONSIVE);
        assertThat(byId.get(2).injury()).isTrue();
        assertThat(byId.get(32).injury()).isFalse();
    }

    @Test
    void keepsMissingValuesMissing() {
        assertThat(byId.get(2).vitals().oxygenSaturation()).isNull();
        assertThat(byId.get(62).vitals().systolic()).isNull();
        assertThat(byId.get(62).vitals().oxygenSaturation()).isEqualTo(78.0);
        assertThat(byId.get(124).vitals().temperature()).isNull();
        assertThat(byId.get(156).vitals().missing())
                .contains("heartRate", "respiratoryRate", "systolic", "temperature");
        assertThat(byId.get(35).chiefComplaint()).isNull();
        assertThat(byId.get(66).chiefComplaint())
                .as("complaint lost to encoding")
                .isNull();
        assertThat(byId.get(124).chiefComplaint()).isEqualTo("Blood Pressure, Low");
    }

    @Test
    void derivesPainScoreFromThePainFlag() {
        assertThat(byId.get(32).painPresent()).isFalse();
        assertThat(byId.get(32).vitals().painScore()).as("no pain, empty NRS").isZero();
        assertThat(byId.get(134).painPresent()).isTrue();
        assertThat(byId.get(134).vitals().painScore()).as("pain, empty NRS").isNull();
    }

    @Test
    void readsLabelsButNoAfterTriageInputs() {
        assertThat(byId.get(6).ktasExpert()).isEqualTo(4);
        assertThat(byId.get(6).ktasNurse()).isEqualTo(3);
        assertThat(byId.get(6).lengthOfStayMinutes()).isEqualTo(9246.0);
        assertThat(KtasRecord.class.getRecordComponents())
                .extracting(component -> component.getName().toLowerCase(java.util.Locale.ROOT))
                .noneMatch(name -> name.contains("diagnosis")
                        || name.contains("disposition")
                        || name.contains("error")
                        || name.contains("mistriage")
                        || name.contains("duration"));
    }

    @Test
    void treatsQuestionMarksAndSpreadsheetErrorsAsMissingAndReadsDecimalCommas() throws IOException {
        // synthetic row in the published file's raw conventions
        String csv =
                HEADER + "9,1,1,40,5,1,1,??,1,1,??,\"120,0\",80,#BOÞ!,??,\"36,5\",,3,x,1,3,0,\"60,5\",\"2,00\",0\n";

        KtasRecord record = KtasDataset.read(new StringReader(csv)).get(0);

        assertThat(record.chiefComplaint()).isNull();
        assertThat(record.vitals().systolic()).isEqualTo(120.0);
        assertThat(record.vitals().temperature()).isEqualTo(36.5);
        assertThat(record.vitals().heartRate()).isNull();
        assertThat(record.vitals().respiratoryRate()).isNull();
        assertThat(record.vitals().painScore()).isNull();
        assertThat(record.lengthOfStayMinutes()).isEqualTo(60.5);
        assertThat(record.arrivalMode()).isEqualTo("walk-in");
    }

    @Test
    void rejectsBadRequiredValuesNamingLineAndColumn() {
        String csv = HEADER + "9,1,3,40,5,1,1,fever,1,0,,120,80,80,20,37,,3,x,1,3,0,60,2.00,0\n";

        assertThatThrownBy(() -> KtasDataset.read(new StringReader(csv)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("KTAS line 2, column 'Sex': value '3' expected 1 or 2");
    }

    @Test
    void computesTheNurseBaselineOnTheFixture() {
        TriageEvaluation.Metrics metrics = NurseBaselineReport.evaluate(List.copyOf(byId.values()));

        // the fixture rows were picked for their inputs and happen to be all mistriaged: 6 under (e.g. id 62, nurse
        // 2 for expert 1) and 6 over (e.g. id 1, nurse 2 for expert 4); this says nothing of real nurse accuracy
        assertThat(metrics.count()).isEqualTo(12);
        assertThat(metrics.accuracy()).isZero();
        assertThat(metrics.underTriageRate()).isEqualTo(0.5);
        assertThat(metrics.overTriageRate()).isEqualTo(0.5);
    }
}
