package fr.vigie.routes.resources;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.ErrorHandlerAdapter;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import fr.vigie.routes.common.BusinessIdentifiers;
import fr.vigie.routes.common.FeedHandler;
import fr.vigie.routes.common.ImportFormats;
import fr.vigie.routes.common.ImportInput;
import fr.vigie.routes.common.ImportSink;
import fr.vigie.routes.common.RowRef;
import fr.vigie.routes.common.UnreadableImportException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Feed {@value #FEED}: FHIR R4 JSON resources written as they are (conditional update on their first identifier).
 *
 * <ul>
 *   <li>{@code ndjson} (files {@code .ndjson}, {@code .jsonl}; {@code application/fhir+ndjson}): one resource per
 *       line, row {@code line N}; blank lines are skipped.
 *   <li>{@code bundle} (default; files {@code .json}; {@code application/fhir+json}): a Bundle of type collection,
 *       batch or transaction, row {@code entry N}. Entry requests are ignored (every resource is upserted on its
 *       identifier); {@code DELETE} entries are rejected.
 * </ul>
 *
 * <p>Each resource must carry an identifier, else its row is rejected. Each row is written on its own, possibly in a
 * different transaction from the others, so references between rows must be conditional
 * ({@code Location?identifier=system|value}), not {@code urn:uuid:} or server ids. A line or entry that does not
 * parse is rejected with the parser's message; unknown elements are dropped with a warning. A bundle file that is
 * not a JSON Bundle at all is unreadable.
 */
public class ResourcesFeedHandler implements FeedHandler {

    public static final String FEED = "resources";

    private static final Set<String> BUNDLE_TYPES = Set.of("collection", "batch", "transaction");
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final FhirContext fhirContext;

    public ResourcesFeedHandler(FhirContext fhirContext) {
        this.fhirContext = Objects.requireNonNull(fhirContext, "fhirContext");
    }

    @Override
    public String feed() {
        return FEED;
    }

    @Override
    public Set<String> formats() {
        return Set.of(ImportFormats.NDJSON, ImportFormats.BUNDLE);
    }

    @Override
    public String defaultFormat() {
        return ImportFormats.BUNDLE;
    }

    @Override
    public void read(ImportInput input, ImportSink sink) {
        switch (input.format()) {
            case ImportFormats.NDJSON -> readNdjson(input, sink);
            case ImportFormats.BUNDLE -> readBundle(input, sink);
            default -> throw new IllegalArgumentException("feed " + FEED + " does not read " + input.format());
        }
    }

    private void readNdjson(ImportInput input, ImportSink sink) {
        try (InputStream in = input.open();
                BufferedReader reader = new BufferedReader(new InputStreamReader(
                        in,
                        StandardCharsets.UTF_8
                                .newDecoder()
                                .onMalformedInput(CodingErrorAction.REPORT)
                                .onUnmappableCharacter(CodingErrorAction.REPORT)))) {
            long number = 0;
            String line;
            while ((line = reader.readLine()) != null) {
                number++;
                if (number == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (!line.isBlank()) {
                    importResource(RowRef.line(number), line, sink);
                }
            }
        } catch (CharacterCodingException e) {
            throw new UnreadableImportException("not UTF-8 text: NDJSON files must be encoded in UTF-8", e);
        } catch (IOException e) {
            throw new UnreadableImportException("cannot read " + input.source() + ": " + e.getMessage(), e);
        }
    }

    private void readBundle(ImportInput input, ImportSink sink) {
        JsonNode bundle;
        try (InputStream in = input.open()) {
            bundle = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw new UnreadableImportException(
                    "not a FHIR JSON Bundle: " + e.getOriginalMessage() + at(e)
                            + " (for one resource per line, use format ndjson)",
                    e);
        } catch (IOException e) {
            throw new UnreadableImportException("cannot read " + input.source() + ": " + e.getMessage(), e);
        }
        if (bundle == null || !bundle.isObject()) {
            throw new UnreadableImportException("not a FHIR JSON Bundle: the file must hold one JSON object");
        }
        String resourceType = bundle.path("resourceType").asText("");
        if (!"Bundle".equals(resourceType)) {
            throw new UnreadableImportException("expected a FHIR Bundle, found "
                    + (resourceType.isEmpty() ? "no resourceType" : resourceType)
                    + " (for resources one per line, use format ndjson)");
        }
        String type = bundle.path("type").asText("");
        if (!BUNDLE_TYPES.contains(type)) {
            throw new UnreadableImportException(
                    "Bundle type '" + type + "' cannot be imported: use collection, batch" + " or transaction");
        }
        JsonNode entries = bundle.path("entry");
        if (!entries.isMissingNode() && !entries.isArray()) {
            throw new UnreadableImportException("Bundle.entry must be an array");
        }
        int number = 0;
        for (JsonNode entry : entries) {
            RowRef row = RowRef.entry(++number);
            String method = entry.path("request").path("method").asText("");
            JsonNode resource = entry.path("resource");
            if ("DELETE".equals(method.toUpperCase(Locale.ROOT))) {
                sink.reject(row, "DELETE entries are not imported: imports only create or update resources");
            } else if (!resource.isObject()) {
                sink.reject(row, "entry has no resource");
            } else {
                importResource(row, resource.toString(), sink);
            }
        }
    }

    /** Parses one resource and hands it to the sink, or rejects its row. */
    private void importResource(RowRef row, String json, ImportSink sink) {
        CollectingErrorHandler problems = new CollectingErrorHandler();
        IParser parser = fhirContext.newJsonParser().setParserErrorHandler(problems);
        IBaseResource resource;
        try {
            resource = parser.parseResource(json);
        } catch (DataFormatException e) {
            sink.reject(row, "invalid FHIR JSON: " + e.getMessage());
            return;
        }
        problems.warnings.forEach(message -> sink.warn(row, message));
        Optional<String> problem = BusinessIdentifiers.problem(resource);
        if (problem.isPresent()) {
            sink.reject(row, problem.get());
            return;
        }
        sink.accept(row, List.of(resource));
    }

    private static String at(JsonProcessingException e) {
        return e.getLocation() == null
                ? ""
                : " at line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr();
    }

    /**
     * Turns what HAPI's lenient parser would only log into row warnings, and values it cannot store (a date that is
     * not a date, a string where an object belongs) into rejections.
     */
    private static final class CollectingErrorHandler extends ErrorHandlerAdapter {

        private final List<String> warnings = new ArrayList<>();

        @Override
        public void unknownElement(IParseLocation location, String name) {
            warnings.add("unknown element '" + name + "'" + where(location) + " ignored");
        }

        @Override
        public void unknownAttribute(IParseLocation location, String name) {
            warnings.add("unknown attribute '" + name + "'" + where(location) + " ignored");
        }

        @Override
        public void unexpectedRepeatingElement(IParseLocation location, String name) {
            warnings.add("element '" + name + "'" + where(location) + " repeats but should not: last value kept");
        }

        @Override
        public void invalidValue(IParseLocation location, String value, String error) {
            throw new DataFormatException("invalid value '" + value + "'" + where(location) + ": " + error);
        }

        @Override
        public void incorrectJsonType(
                IParseLocation location,
                String name,
                BaseJsonLikeValue.ValueType expected,
                BaseJsonLikeValue.ScalarType expectedScalar,
                BaseJsonLikeValue.ValueType found,
                BaseJsonLikeValue.ScalarType foundScalar) {
            throw new DataFormatException("element '" + name + "'" + where(location) + " should be "
                    + describe(expected, expectedScalar) + ", found " + describe(found, foundScalar));
        }

        private static String describe(BaseJsonLikeValue.ValueType type, BaseJsonLikeValue.ScalarType scalar) {
            return scalar == null
                    ? String.valueOf(type).toLowerCase(Locale.ROOT)
                    : String.valueOf(scalar).toLowerCase(Locale.ROOT);
        }

        private static String where(IParseLocation location) {
            return location == null || location.getParentElementName() == null
                    ? ""
                    : " in " + location.getParentElementName();
        }
    }
}
