package fr.vigie.routes.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import fr.vigie.routes.common.ImportFormats;
import fr.vigie.routes.common.ImportInput;
import fr.vigie.routes.common.RecordingSink;
import fr.vigie.routes.common.RowRef;
import fr.vigie.routes.common.UnreadableImportException;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.Location;
import org.junit.jupiter.api.Test;

class ResourcesFeedHandlerTest {

    private static final String HOSPITAL = """
            {"resourceType":"Location","name":"CHU de Rennes",\
            "identifier":[{"system":"https://finess.esante.gouv.fr","value":"350005179"}]}""";
    private static final String NO_IDENTIFIER = """
            {"resourceType":"Location","name":"Héliport sans identifiant"}""";

    private final ResourcesFeedHandler handler = new ResourcesFeedHandler(FhirContext.forR4Cached());

    @Test
    void readsNdjsonLinesAndRejectsBadOnes() {
        String ndjson = String.join(
                "\n",
                HOSPITAL,
                "",
                "{not json",
                NO_IDENTIFIER,
                HOSPITAL.replace("\"name\"", "\"colour\":\"blue\",\"name\""),
                HOSPITAL.replace("\"name\":\"CHU de Rennes\"", "\"name\":\"x\",\"status\":42"),
                "{\"resourceType\":\"Nonsense\"}");

        RecordingSink sink = read(ImportFormats.NDJSON, ndjson);

        assertThat(sink.accepted).containsOnlyKeys(RowRef.line(1), RowRef.line(5));
        assertThat(((Location) sink.accepted.get(RowRef.line(1)).get(0)).getName())
                .isEqualTo("CHU de Rennes");
        assertThat(sink.rejected).containsOnlyKeys(RowRef.line(3), RowRef.line(4), RowRef.line(6), RowRef.line(7));
        assertThat(sink.rejected.get(RowRef.line(3))).startsWith("invalid FHIR JSON:");
        assertThat(sink.rejected.get(RowRef.line(4)))
                .isEqualTo("Location resource has no identifier: add one so re-imports stay idempotent");
        assertThat(sink.rejected.get(RowRef.line(6))).contains("status");
        assertThat(sink.rejected.get(RowRef.line(7))).contains("Nonsense");
        assertThat(sink.warnings).containsOnlyKeys(RowRef.line(5));
        assertThat(sink.warnings.get(RowRef.line(5))).contains("colour");
    }

    @Test
    void readsBundleEntries() {
        String bundle = """
                {"resourceType":"Bundle","type":"transaction","entry":[
                  {"fullUrl":"urn:uuid:1","resource":%s,"request":{"method":"PUT","url":"Location?identifier=x"}},
                  {"resource":%s},
                  {"request":{"method":"GET","url":"Location"}},
                  {"request":{"method":"DELETE","url":"Location/1"}},
                  {"resource":{"resourceType":"Location","status":"nope",\
                "identifier":[{"system":"urn:x","value":"1"}]}}
                ]}""".formatted(HOSPITAL, NO_IDENTIFIER);

        RecordingSink sink = read(ImportFormats.BUNDLE, bundle);

        assertThat(sink.accepted).containsOnlyKeys(RowRef.entry(1));
        assertThat(sink.rejected).containsOnlyKeys(RowRef.entry(2), RowRef.entry(3), RowRef.entry(4), RowRef.entry(5));
        assertThat(sink.rejected.get(RowRef.entry(2))).contains("resource has no identifier: add one so re-imports");
        assertThat(sink.rejected.get(RowRef.entry(3))).isEqualTo("entry has no resource");
        assertThat(sink.rejected.get(RowRef.entry(4))).startsWith("DELETE entries are not imported");
        assertThat(sink.rejected.get(RowRef.entry(5))).contains("nope");
    }

    @Test
    void emptyBundleHasNoRows() {
        RecordingSink sink = read(ImportFormats.BUNDLE, "{\"resourceType\":\"Bundle\",\"type\":\"collection\"}");

        assertThat(sink.accepted).isEmpty();
        assertThat(sink.rejected).isEmpty();
    }

    @Test
    void bundleThatIsNotJsonIsUnreadable() {
        assertThatThrownBy(() -> read(ImportFormats.BUNDLE, "FINESS;nom\n350005179;CHU"))
                .isInstanceOf(UnreadableImportException.class)
                .hasMessageStartingWith("not a FHIR JSON Bundle");
    }

    @Test
    void ndjsonSentAsBundleIsUnreadable() {
        assertThatThrownBy(() -> read(ImportFormats.BUNDLE, HOSPITAL + "\n" + HOSPITAL))
                .isInstanceOf(UnreadableImportException.class)
                .hasMessageContaining("use format ndjson");
    }

    @Test
    void singleResourceOrUnsupportedBundleTypeIsUnreadable() {
        assertThatThrownBy(() -> read(ImportFormats.BUNDLE, HOSPITAL))
                .isInstanceOf(UnreadableImportException.class)
                .hasMessageContaining("expected a FHIR Bundle, found Location");
        assertThatThrownBy(() -> read(ImportFormats.BUNDLE, "{\"resourceType\":\"Bundle\",\"type\":\"searchset\"}"))
                .isInstanceOf(UnreadableImportException.class)
                .hasMessageContaining("searchset");
    }

    @Test
    void ndjsonThatIsNotUtf8IsUnreadable() {
        byte[] latin1 = HOSPITAL.replace("CHU", "Hôpital").getBytes(StandardCharsets.ISO_8859_1);
        ImportInput input = ImportInput.ofBytes("resources", ImportFormats.NDJSON, "x.ndjson", null, latin1);

        assertThatThrownBy(() -> handler.read(input, new RecordingSink()))
                .isInstanceOf(UnreadableImportException.class)
                .hasMessageContaining("UTF-8");
    }

    @Test
    void choosesFormatByFileNameAndContentType() {
        assertThat(handler.formatForFileName("export.ndjson")).contains(ImportFormats.NDJSON);
        assertThat(handler.formatForFileName("export.jsonl")).contains(ImportFormats.NDJSON);
        assertThat(handler.formatForFileName("demo.json")).contains(ImportFormats.BUNDLE);
        assertThat(handler.formatForFileName("demo.xlsx")).isEmpty();
        assertThat(handler.formatForContentType("application/fhir+ndjson")).contains(ImportFormats.NDJSON);
        assertThat(handler.formatForContentType("application/fhir+json")).contains(ImportFormats.BUNDLE);
        assertThat(handler.formatForContentType("text/csv")).isEmpty();
    }

    private RecordingSink read(String format, String content) {
        RecordingSink sink = new RecordingSink();
        handler.read(
                ImportInput.ofBytes("resources", format, "test", null, content.getBytes(StandardCharsets.UTF_8)), sink);
        return sink;
    }
}
