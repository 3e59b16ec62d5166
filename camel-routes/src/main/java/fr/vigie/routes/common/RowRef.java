package fr.vigie.routes.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * Position of a row in its source, as a person reads it: {@code line 17}, {@code entry 3}, {@code Synthese!C5}.
 *
 * <p>It is the label that appears in report rejections and warnings, so it must let an operator find the row in the
 * original file. Lines and entries count from 1.
 */
public record RowRef(String label) {

    public RowRef {
        Objects.requireNonNull(label, "label");
        if (label.isBlank()) {
            throw new IllegalArgumentException("a row reference needs a label");
        }
    }

    /** A line of a text file (CSV, NDJSON), counted from 1 as editors do. */
    public static RowRef line(long number) {
        return new RowRef("line " + number);
    }

    /** An entry of a FHIR Bundle, counted from 1. */
    public static RowRef entry(int number) {
        return new RowRef("entry " + number);
    }

    /** A spreadsheet cell or row anchor, written as Excel does: {@code Synthese!C5}. */
    public static RowRef cell(String sheet, String cell) {
        return new RowRef(sheet + "!" + cell);
    }

    /** Any other label (a record key, a page number...); also how reports are read back from JSON. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static RowRef of(String label) {
        return new RowRef(label);
    }

    @JsonValue
    @Override
    public String toString() {
        return label;
    }
}
