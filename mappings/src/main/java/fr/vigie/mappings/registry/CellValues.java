package fr.vigie.mappings.registry;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads counts, percentages, dates and times out of cells, or says precisely why it cannot. */
final class CellValues {

    /** Excel's day 0 in the 1900 date system (serial 1 is 1900-01-01, with the 1900 leap-year bug after 60). */
    private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);

    private static final Pattern PERCENT_TEXT = Pattern.compile("([+-]?\\d+(?:[.,]\\d+)?)\\s*%?");
    private static final Pattern TIME_TEXT = Pattern.compile("(\\d{1,2})[:hH](\\d{2})(?::(\\d{2}))?");
    private static final List<DateTimeFormatter> DATE_FORMATS = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE,
            DateTimeFormatter.ofPattern("dd/MM/uuuu"),
            DateTimeFormatter.ofPattern("d/M/uuuu"),
            DateTimeFormatter.ofPattern("dd-MM-uuuu"),
            DateTimeFormatter.ofPattern("dd.MM.uuuu"));

    private CellValues() {}

    /** Thrown with the reason a cell was refused; the message names the cell. */
    static final class BadCell extends Exception {
        private static final long serialVersionUID = 1L;

        BadCell(Cell cell, String reason) {
            super(cell.label() + ": " + reason);
        }
    }

    /** A count: a whole number ≥ 0. Text is refused, even digits ("text in a count"), as are decimals. */
    static long count(Cell cell) throws BadCell {
        return switch (cell.kind()) {
            case NUMBER -> {
                double v = cell.number();
                if (v != Math.rint(v)) {
                    throw new BadCell(cell, "count " + cell.text() + " is not a whole number");
                }
                if (v < 0) {
                    throw new BadCell(cell, "negative count " + cell.text());
                }
                yield (long) v;
            }
            case TEXT -> throw new BadCell(cell, "text in a count: '" + cell.text() + "' (type a whole number)");
            case DATE -> throw new BadCell(cell, "a date where a count is expected: " + cell.text());
            default -> throw new BadCell(cell, "not a count: " + cell.text());
        };
    }

    /** A non-negative number of a measurement (age, minutes); CSV text is parsed. */
    static BigDecimal amount(Cell cell, String what) throws BadCell {
        BigDecimal value;
        if (cell.kind() == Cell.Kind.NUMBER) {
            value = BigDecimal.valueOf(cell.number()).stripTrailingZeros();
        } else {
            throw new BadCell(cell, "text in " + what + ": '" + cell.text() + "' (type a number)");
        }
        if (value.signum() < 0) {
            throw new BadCell(cell, "negative " + what + " " + cell.text());
        }
        if (value.scale() < 0) {
            value = value.setScale(0);
        }
        return value;
    }

    /**
     * A percentage, as typed: a number between 0 and 1 is an Excel percent cell (0.175 → 17.5), another number is
     * already a percent; text such as {@code 17,5 %} or {@code 17.5%} is read as a percent.
     */
    static double percent(Cell cell) throws BadCell {
        switch (cell.kind()) {
            case NUMBER -> {
                double v = cell.number();
                return v >= 0 && v <= 1 ? v * 100 : v;
            }
            case TEXT -> {
                Matcher m =
                        PERCENT_TEXT.matcher(cell.text().replace('\u00a0', ' ').strip());
                if (m.matches()) {
                    return Double.parseDouble(m.group(1).replace(',', '.'));
                }
                throw new BadCell(cell, "not a percentage: '" + cell.text() + "'");
            }
            default -> throw new BadCell(cell, "not a percentage: " + cell.text());
        }
    }

    /** A year header: a whole number from 1900 to 2100, as a number or as text. */
    static Integer year(Cell cell) {
        String text = cell.kind() == Cell.Kind.NUMBER || cell.kind() == Cell.Kind.TEXT ? cell.text() : "";
        if (text.matches("(19|20)\\d\\d|2100")) {
            return Integer.valueOf(text);
        }
        return null;
    }

    /** A date: a date cell, an Excel serial number, or text (ISO, dd/MM/yyyy). */
    static LocalDate date(Cell cell) throws BadCell {
        switch (cell.kind()) {
            case DATE, NUMBER -> {
                double serial = cell.number();
                if (serial < 1 || serial > 2958465) {
                    throw new BadCell(cell, "not a date: " + cell.text());
                }
                return EXCEL_EPOCH.plusDays((long) Math.floor(serial));
            }
            case TEXT -> {
                String text = cell.text().strip();
                String day = text.length() > 10 && text.charAt(10) == 'T' ? text.substring(0, 10) : text;
                for (DateTimeFormatter format : DATE_FORMATS) {
                    try {
                        return LocalDate.parse(day, format);
                    } catch (DateTimeParseException e) {
                        // next format
                    }
                }
                throw new BadCell(cell, "not a date: '" + text + "' (use a date cell, yyyy-MM-dd or dd/MM/yyyy)");
            }
            default -> throw new BadCell(cell, "no date");
        }
    }

    /** A time of day: the fraction of a time cell, or text {@code HH:mm}. */
    static LocalTime time(Cell cell) throws BadCell {
        switch (cell.kind()) {
            case DATE, NUMBER -> {
                double fraction = cell.number() - Math.floor(cell.number());
                long seconds = Math.round(fraction * 86400) % 86400;
                return LocalTime.ofSecondOfDay(seconds);
            }
            case TEXT -> {
                Matcher m = TIME_TEXT.matcher(cell.text().strip());
                if (m.matches()) {
                    int h = Integer.parseInt(m.group(1));
                    int min = Integer.parseInt(m.group(2));
                    int s = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
                    if (h < 24 && min < 60 && s < 60) {
                        return LocalTime.of(h, min, s);
                    }
                }
                throw new BadCell(cell, "not a time: '" + cell.text() + "' (use a time cell or HH:mm)");
            }
            default -> throw new BadCell(cell, "no time");
        }
    }

    /** The cell as text (numbers without a trailing .0), trimmed. */
    static String text(Cell cell) {
        return cell.text() == null ? "" : cell.text().strip();
    }

    static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
