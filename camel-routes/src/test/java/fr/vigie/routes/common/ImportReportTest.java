package fr.vigie.routes.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImportReportTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void writesContractFieldNames() throws Exception {
        ImportReport report = sample().complete();

        JsonNode json = new ObjectMapper().readTree(ImportReportStore.toJson(report));

        assertThat(json.properties())
                .extracting(Map.Entry::getKey)
                .contains(
                        "feed",
                        "format",
                        "source",
                        "startedAt",
                        "finishedAt",
                        "status",
                        "rowsRead",
                        "created",
                        "updated",
                        "unchanged",
                        "rejected",
                        "warnings")
                .containsOnly(
                        "id",
                        "feed",
                        "format",
                        "source",
                        "target",
                        "startedAt",
                        "finishedAt",
                        "status",
                        "error",
                        "rowsRead",
                        "created",
                        "updated",
                        "unchanged",
                        "rejected",
                        "warnings");
        assertThat(json.get("feed").asText()).isEqualTo("registry");
        assertThat(json.get("startedAt").asText()).isEqualTo("2026-03-01T10:00:00Z");
        assertThat(json.get("finishedAt").asText()).isEqualTo("2026-03-01T10:00:00Z");
        assertThat(json.get("status").asText()).isEqualTo("completed-with-rejections");
        assertThat(json.get("rowsRead").asLong()).isEqualTo(5);
        assertThat(json.get("created").asLong()).isEqualTo(2);
        assertThat(json.get("updated").asLong()).isEqualTo(1);
        assertThat(json.get("unchanged").asLong()).isEqualTo(1);
        JsonNode rejection = json.get("rejected").get(0);
        assertThat(rejection.properties()).extracting(Map.Entry::getKey).containsExactly("row", "reason");
        assertThat(rejection.get("row").asText()).isEqualTo("Synthese!C5");
        assertThat(rejection.get("reason").asText()).isEqualTo("month 13 does not exist");
        JsonNode warning = json.get("warnings").get(0);
        assertThat(warning.properties()).extracting(Map.Entry::getKey).containsExactly("row", "message");
        assertThat(warning.get("row").asText()).isEqualTo("line 17");
    }

    @Test
    void runningReportHasNoFinishInstant() throws Exception {
        JsonNode json = new ObjectMapper().readTree(ImportReportStore.toJson(sample().snapshot()));

        assertThat(json.get("status").asText()).isEqualTo("running");
        assertThat(json.get("finishedAt").isNull()).isTrue();
        assertThat(json.get("rowsRead").asLong()).isEqualTo(5);
    }

    @Test
    void statusFollowsRejectionsAndFailure() {
        ImportProgress clean = new ImportProgress("a", "f", "csv", "a.csv", CLOCK);
        clean.record(RowRef.line(2), RowOutcome.CREATED);
        ImportProgress failed = new ImportProgress("b", "f", "csv", "b.csv", CLOCK);

        assertThat(clean.complete().status()).isEqualTo(ImportStatus.COMPLETED);
        ImportReport failedReport = failed.fail("unreadable file: not a CSV file");
        assertThat(failedReport.status()).isEqualTo(ImportStatus.FAILED);
        assertThat(failedReport.error()).isEqualTo("unreadable file: not a CSV file");
        assertThat(failed.complete().status()).as("first end wins").isEqualTo(ImportStatus.FAILED);
    }

    @Test
    void rowsReadAlwaysEqualsTheSumOfOutcomes() {
        ImportReport report = sample().complete();

        assertThat(report.rowsRead())
                .isEqualTo(report.created()
                        + report.updated()
                        + report.unchanged()
                        + report.rejected().size());
        assertThatThrownBy(() -> new ImportReport(
                        "x",
                        "f",
                        "csv",
                        "x.csv",
                        null,
                        Instant.EPOCH,
                        Instant.EPOCH,
                        ImportStatus.COMPLETED,
                        null,
                        3,
                        1,
                        0,
                        0,
                        List.of(),
                        List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rowsRead");
    }

    @Test
    void roundTripsThroughJson() {
        ImportReport report = sample().complete();

        assertThat(ImportReportStore.fromJson(ImportReportStore.toJson(report))).isEqualTo(report);
    }

    private static ImportProgress sample() {
        ImportProgress progress = new ImportProgress("registry-1", "registry", "xlsx", "registre.xlsx", CLOCK);
        progress.target("https://fhir.example.org/fhir");
        progress.record(RowRef.line(2), RowOutcome.CREATED);
        progress.record(RowRef.line(3), RowOutcome.CREATED);
        progress.record(RowRef.line(4), RowOutcome.UPDATED);
        progress.record(RowRef.line(5), RowOutcome.UNCHANGED);
        progress.reject(RowRef.cell("Synthese", "C5"), "month 13 does not exist");
        progress.warn(RowRef.line(17), "unknown pathology code 'XX': kept as text");
        return progress;
    }
}
