package fr.vigie.routes.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * Status of an import as written in its report (external contract: the JSON values must not change).
 *
 * <ul>
 *   <li>{@code running}: rows are still being read or written;
 *   <li>{@code completed}: every row was imported;
 *   <li>{@code completed-with-rejections}: some rows were rejected, the others imported;
 *   <li>{@code failed}: the file could not be read, or the import stopped (see the report's {@code error}).
 * </ul>
 */
public enum ImportStatus {
    RUNNING("running"),
    COMPLETED("completed"),
    COMPLETED_WITH_REJECTIONS("completed-with-rejections"),
    FAILED("failed");

    private final String json;

    ImportStatus(String json) {
        this.json = json;
    }

    @JsonValue
    public String json() {
        return json;
    }

    @JsonCreator
    public static ImportStatus fromJson(String value) {
        return Arrays.stream(values())
                .filter(status -> status.json.equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown import status " + value));
    }

    public boolean isFinished() {
        return this != RUNNING;
    }
}
