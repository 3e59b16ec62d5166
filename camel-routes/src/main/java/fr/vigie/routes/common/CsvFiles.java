package fr.vigie.routes.common;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;

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

    /** The error for a file that is not UTF-8, naming the kind of file. */
    public static UnreadableImportException notUtf8(String kind, CharacterCodingException e) {
        return new UnreadableImportException("not UTF-8 text: " + kind + " CSV files must be encoded in UTF-8", e);
    }
}
