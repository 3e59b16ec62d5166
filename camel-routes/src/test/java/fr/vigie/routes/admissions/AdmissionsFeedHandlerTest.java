package fr.vigie.routes.admissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.vigie.routes.common.ImportInput;
import fr.vigie.routes.common.RecordingSink;
import fr.vigie.routes.common.RowRef;
import fr.vigie.routes.common.UnreadableImportException;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.MeasureReport;
import org.junit.jupiter.api.Test;

class AdmissionsFeedHandlerTest {

    private static RecordingSink read(String csv) {
        RecordingSink sink = new RecordingSink();
        new AdmissionsFeedHandler()
                .read(
                        ImportInput.ofBytes(
                                "admissions", "csv", "test.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)),
                        sink);
        return sink;
    }

    @Test
    void mapsCountsByFinessOrLocationIdForGroupsAndCim10Codes() {
        RecordingSink sink = read("""
                date;hospital;condition;count
                2024-01-15;310781406;respiratory;42
                2024-01-15;Location/123;J44.1;7
                2024-01-15;123;j441;3
                """);
        assertThat(sink.rejected).containsOnlyKeys(RowRef.line(4));
        assertThat(sink.rejected.get(RowRef.line(4)))
                .as("same hospital (bare id) and code (undotted) as line 3")
                .contains("duplicate count for 123|J44.1|2024-01-15");
        MeasureReport first = (MeasureReport) sink.accepted.get(RowRef.line(2)).get(0);
        assertThat(first.getSubject().getReference())
                .isEqualTo("Location?identifier=https://finess.esante.gouv.fr|310781406");
        assertThat(first.getPeriod().getStartElement().getValueAsString()).isEqualTo("2024-01-15");
        assertThat(first.getGroupFirstRep().getCode().getCodingFirstRep().getCode())
                .isEqualTo("respiratory");
        assertThat(first.getGroupFirstRep().getPopulationFirstRep().getCount()).isEqualTo(42);
        assertThat(first.getIdentifierFirstRep().getValue()).isEqualTo("310781406|respiratory|2024-01-15");
        MeasureReport second = (MeasureReport) sink.accepted.get(RowRef.line(3)).get(0);
        assertThat(second.getSubject().getReference()).isEqualTo("Location/123");
        assertThat(second.getGroupFirstRep().getCode().getCodingFirstRep().getSystem())
                .endsWith("/cim10-fr");
        assertThat(second.getGroupFirstRep().getCode().getCodingFirstRep().getCode())
                .isEqualTo("J44.1");
    }

    @Test
    void rejectsBadRowsWithTheirReason() {
        RecordingSink sink = read("""
                date,hospital,condition,count
                2024-02-30,310781406,copd,4
                2024-01-15,,copd,4
                2024-01-15,310781406,flu,4
                2024-01-15,310781406,asthma,-1
                2024-01-15,310781406,asthma,2.5
                2024-01-16,310781406,asthma,2
                2024-01-16,310781406,asthma,3
                2024-01-17,310781406,asthma
                """);
        assertThat(sink.rejected.get(RowRef.line(2))).contains("not a date");
        assertThat(sink.rejected.get(RowRef.line(3))).contains("hospital");
        assertThat(sink.rejected.get(RowRef.line(4))).contains("condition 'flu'");
        assertThat(sink.rejected.get(RowRef.line(5))).contains("negative");
        assertThat(sink.rejected.get(RowRef.line(6))).contains("whole number");
        assertThat(sink.accepted).containsKey(RowRef.line(7));
        assertThat(sink.rejected.get(RowRef.line(8))).contains("duplicate");
        assertThat(sink.rejected.get(RowRef.line(9))).contains("values");
    }

    @Test
    void refusesAFileWithoutTheRequiredColumns() {
        assertThatThrownBy(() -> read("date,hospital,count\n2024-01-01,1,2\n"))
                .isInstanceOf(UnreadableImportException.class)
                .hasMessageContaining("condition");
    }
}
