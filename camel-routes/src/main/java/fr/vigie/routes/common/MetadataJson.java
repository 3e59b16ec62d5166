package fr.vigie.routes.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads import metadata ({@link ImportInput#metadata()}) from JSON: one flat object whose values are strings (numbers
 * and booleans are kept as their text, {@code null} means absent). Used for inbox sidecars and the {@code metadata}
 * part of multipart uploads.
 */
public final class MetadataJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private MetadataJson() {}

    /**
     * @param label how to name the JSON in error messages ({@code the metadata sidecar note.pdf.json})
     * @throws UnreadableImportException when it is not one flat JSON object
     */
    public static Map<String, String> read(String label, InputStream in) {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (IOException e) {
            String reason = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
            throw new UnreadableImportException(label + " is not valid JSON: " + reason, e);
        }
        if (root == null || !root.isObject()) {
            throw new UnreadableImportException(label + " must hold one JSON object of strings");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) root::fields) {
            JsonNode value = field.getValue();
            if (value.isContainerNode()) {
                throw new UnreadableImportException(label + ": field '" + field.getKey() + "' must be a string, not "
                        + value.getNodeType().name().toLowerCase(Locale.ROOT));
            }
            if (!value.isNull()) {
                values.put(field.getKey(), value.asText());
            }
        }
        return values;
    }
}
