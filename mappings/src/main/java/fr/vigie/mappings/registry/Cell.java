package fr.vigie.mappings.registry;

import java.util.Locale;

/**
 * One cell as a reader saw it, independent of the file format (xlsx, xls, CSV).
 *
 * @param sheet sheet name (the file name for a CSV file)
 * @param row row number, from 1 as spreadsheets show it
 * @param column column index, from 0 ({@code A})
 * @param kind what the cell holds
 * @param number the value of a {@link Kind#NUMBER} or {@link Kind#DATE} cell (a date is Excel's serial day number)
 * @param text the text of a {@link Kind#TEXT} cell, else the value as shown
 */
public record Cell(String sheet, int row, int column, Kind kind, double number, String text) {

    /** What a cell holds. */
    public enum Kind {
        BLANK,
        NUMBER,
        /** A number formatted as a date or time: {@link #number} is Excel's serial day (1900 system). */
        DATE,
        TEXT,
        BOOLEAN,
        ERROR
    }

    public static Cell blank(String sheet, int row, int column) {
        return new Cell(sheet, row, column, Kind.BLANK, 0, "");
    }

    public static Cell number(String sheet, int row, int column, double value) {
        return new Cell(sheet, row, column, Kind.NUMBER, value, format(value));
    }

    public static Cell date(String sheet, int row, int column, double serial) {
        return new Cell(sheet, row, column, Kind.DATE, serial, format(serial));
    }

    /** A text cell; blank text is a {@link Kind#BLANK} cell. */
    public static Cell text(String sheet, int row, int column, String text) {
        if (text == null || text.isBlank()) {
            return blank(sheet, row, column);
        }
        return new Cell(sheet, row, column, Kind.TEXT, 0, text.strip());
    }

    public boolean isBlank() {
        return kind == Kind.BLANK;
    }

    /** {@code C5}, as Excel names the cell. */
    public String ref() {
        return columnName(column) + row;
    }

    /** {@code Synthese!C5}: the cell as an operator finds it. */
    public String label() {
        return sheet + "!" + ref();
    }

    /** Column letters of a 0-based index: 0 → A, 25 → Z, 26 → AA. */
    public static String columnName(int column) {
        StringBuilder name = new StringBuilder();
        int c = column + 1;
        while (c > 0) {
            int rem = (c - 1) % 26;
            name.insert(0, (char) ('A' + rem));
            c = (c - 1) / 26;
        }
        return name.toString();
    }

    private static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%s", value);
    }
}
