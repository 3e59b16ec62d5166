package fr.vigie.routes.common;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * What every CSV feed needs before its columns mean anything: strict UTF-8 (a file in another encoding is refused
 * rather than imported with garbled names), a byte order mark skipped, the delimiter found from the header line,
 * and header errors reported as an unreadable file.
 */
public final class CsvFiles {

    private CsvFiles() {}

    /** A strict UTF-8 reader over the content, past its byte order mark if any. */
    public static BufferedReader openUtf8(ImportInput input) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(
                input.open(),
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)));
        try {
            reader.mark(1);
            int first = reader.read();
            if (first != '\uFEFF') {
                reader.reset();
            }
        } catch (IOException e) {
            reader.close();
            throw e;
        }
        return reader;
    }

    /** The delimiter a header line uses most, outside quotes: {@code ;}, {@code ,} or tab ({@code ,} on a tie). */
    public static char delimiterOf(String header) {
        int semicolons = 0;
        int commas = 0;
        int tabs = 0;
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                switch (c) {
                    case ';' -> semicolons++;
                    case ',' -> commas++;
                    case '\t' -> tabs++;
                    default -> {
                        // other characters do not separate columns
                    }
                }
            }
        }
        if (tabs > commas && tabs > semicolons) {
            return '\t';
        }
        return semicolons > commas ? ';' : ',';
    }

    /**
     * The header line's delimiter ({@link #delimiterOf}), read ahead: the reader is left before the header.
     *
     * @param line the header's line number, for the message when it is missing
     */
    public static char headerDelimiter(BufferedReader reader, int line) throws IOException {
        reader.mark(1 << 16);
        String header = reader.readLine();
        reader.reset();
        if (header == null || header.isBlank()) {
            throw new UnreadableImportException("empty file: a CSV header line is expected on line " + line);
        }
        return delimiterOf(header);
    }

    /**
     * The format of a header-based file: the first record names the columns (a nameless column is allowed), blank lines
     * are kept so line numbers stay true.
     */
    public static CSVFormat headerFormat(char delimiter) {
        return CSVFormat.DEFAULT
                .builder()
                .setDelimiter(delimiter)
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(false)
                .setAllowMissingColumnNames(true)
                .get();
    }

    /**
     * Fails when the header lacks required columns, naming them and the header as read.
     *
     * @param format the format the file was read as, for the message
     */
    public static void requireColumns(String format, List<String> missing, char delimiter, List<String> header) {
        if (!missing.isEmpty()) {
            throw new UnreadableImportException("not a " + format + " file: missing column"
                    + (missing.size() > 1 ? "s " : " ") + String.join("; ", missing)
                    + " (header read with delimiter '" + delimiter + "': " + String.join(", ", header) + ")");
        }
    }

    /** Parses with the header; a header commons-csv refuses (duplicate or empty names) makes the file unreadable. */
    public static CSVParser parse(CSVFormat format, Reader reader) throws IOException {
        try {
            return CSVParser.builder().setFormat(format).setReader(reader).get();
        } catch (IllegalArgumentException e) {
            throw new UnreadableImportException("unreadable CSV header: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** What to do with one row of a CSV file that has as many values as the header has columns. */
    @FunctionalInterface
    public interface RowReader {
        void read(RowRef row, long line, Map<String, String> values);
    }

    /**
     * Reads every record of a header-based file: a blank line is skipped, a row with another number of values than the
     * header has columns is rejected, and the others go to {@code reader} with their line number. A malformed record
     * (an unclosed quote) or bytes that are not UTF-8 make the rest of the file unreadable.
     *
     * @param skipped lines before the header, so line numbers are the file's
     * @param kind the kind of file, for the UTF-8 error ({@link #notUtf8})
     */
    public static void readRows(
            CSVParser parser, int skipped, int columns, String kind, ImportSink sink, RowReader reader) {
        Iterator<CSVRecord> records = parser.iterator();
        while (true) {
            long line = parser.getCurrentLineNumber() + 1 + skipped;
            CSVRecord record;
            try {
                if (!records.hasNext()) {
                    return;
                }
                record = records.next();
            } catch (UncheckedIOException e) {
                if (e.getCause() instanceof CharacterCodingException coding) {
                    throw notUtf8(kind, coding);
                }
                throw new UnreadableImportException(
                        "malformed CSV from line " + line + ": " + e.getCause().getMessage(), e);
            }
            if (record.size() == 1 && record.get(0).isBlank()) {
                continue;
            }
            RowRef row = RowRef.line(line);
            if (record.size() != columns) {
                sink.reject(row, "the row has " + record.size() + " values, the header has " + columns + " columns");
            } else {
                reader.read(row, line, record.toMap());
            }
        }
    }

    /** The error for a file that is not UTF-8, naming the kind of file. */
    public static UnreadableImportException notUtf8(String kind, CharacterCodingException e) {
        return new UnreadableImportException("not UTF-8 text: " + kind + " CSV files must be encoded in UTF-8", e);
    }
}
