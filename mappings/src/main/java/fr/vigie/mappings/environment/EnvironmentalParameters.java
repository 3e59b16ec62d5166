package fr.vigie.mappings.environment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.vigie.terminology.TerminologyCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The concepts of CodeSystem {@code environmental-parameter} with their {@code unit} (UCUM) and {@code category}
 * (code of CodeSystem {@code environment}) properties, read once from the terminology module's classpath through
 * {@link TerminologyCatalog#open}, so that the mappers and the terminology never disagree on a code or a unit.
 *
 * <p>The JSON is read as a plain tree (Jackson) rather than through a {@code FhirContext}: only codes, displays and
 * two properties are needed.
 */
public final class EnvironmentalParameters {

    /**
     * One parameter.
     *
     * @param code code in {@code environmental-parameter}
     * @param display its display
     * @param unit UCUM code values are stored in ({@code ug/m3}, {@code Cel}, {@code %}, {@code /100000}...)
     * @param category code in {@code environment} ({@code air-quality}, {@code weather}, {@code pollen},
     *     {@code epidemiology})
     * @param categoryDisplay display of the category
     */
    public record Parameter(String code, String display, String unit, String category, String categoryDisplay) {}

    private static final EnvironmentalParameters STANDARD = load();

    private final Map<String, Parameter> parameters;

    private EnvironmentalParameters(Map<String, Parameter> parameters) {
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** The parameters shipped with vigie-terminology. */
    public static EnvironmentalParameters standard() {
        return STANDARD;
    }

    public Optional<Parameter> find(String code) {
        return Optional.ofNullable(code == null ? null : parameters.get(code));
    }

    /** Every code, in CodeSystem order. */
    public Set<String> codes() {
        return parameters.keySet();
    }

    /**
     * The parameter with this code.
     *
     * @throws RejectedValueException naming the accepted codes when the code is unknown
     */
    Parameter require(String code) {
        return find(code)
                .orElseThrow(() -> new RejectedValueException(
                        "unknown parameter '" + code + "' (accepted: " + String.join(", ", parameters.keySet()) + ")"));
    }

    private static EnvironmentalParameters load() {
        ObjectMapper json = new ObjectMapper();
        JsonNode categories = read(json, "CodeSystem/environment.json");
        Map<String, String> categoryDisplays = new LinkedHashMap<>();
        categories
                .path("concept")
                .forEach(c -> categoryDisplays.put(
                        c.path("code").asText(), c.path("display").asText()));
        JsonNode codeSystem = read(json, "CodeSystem/environmental-parameter.json");
        Map<String, Parameter> parameters = new LinkedHashMap<>();
        for (JsonNode concept : codeSystem.path("concept")) {
            String code = concept.path("code").asText();
            String unit = null;
            String category = null;
            for (JsonNode property : concept.path("property")) {
                switch (property.path("code").asText()) {
                    case "unit" -> unit = property.path("valueString").asText(null);
                    case "category" -> category = property.path("valueCode").asText(null);
                    default -> {
                        // other properties are not needed for mapping
                    }
                }
            }
            if (unit == null || category == null || !categoryDisplays.containsKey(category)) {
                throw new IllegalStateException(
                        "environmental-parameter " + code + " lacks a unit or a category of CodeSystem environment");
            }
            parameters.put(
                    code,
                    new Parameter(
                            code,
                            concept.path("display").asText(code),
                            unit,
                            category,
                            categoryDisplays.get(category)));
        }
        return new EnvironmentalParameters(parameters);
    }

    private static JsonNode read(ObjectMapper json, String path) {
        try (InputStream in = TerminologyCatalog.open(path)) {
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read terminology " + path, e);
        }
    }
}
