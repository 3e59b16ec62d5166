package fr.vigie.routes.admissions;

import fr.vigie.mappings.admissions.AdmissionCountMapper;
import fr.vigie.mappings.location.MappingResult;
import fr.vigie.routes.common.CsvFiles;
import fr.vigie.routes.common.FeedHandler;
import fr.vigie.routes.common.ImportInput;
import fr.vigie.routes.common.ImportSink;
import fr.vigie.routes.common.RowRef;
import fr.vigie.routes.common.UnreadableImportException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.hl7.fhir.r4.model.MeasureReport;

/**
 * Feed {@value #FEED}, format {@value #CSV}: daily admission counts of hospitals that export counts rather than
 * Encounters, {@code date, hospital, condition, count} ({@link AdmissionCountMapper}) → one {@code MeasureReport} a
 * row. UTF-8 CSV (byte order mark skipped), delimiter {@code ,}, {@code ;} or tab. A row repeating the hospital,
 * condition and date of an earlier row of the file is rejected (two counts for one day are a data error); a row whose
 * hospital does not exist is rejected by the FHIR server with its reason. The forecaster reads these reports beside the
 * stored Encounters ({@code $forecast-admissions}).
 */
public class AdmissionsFeedHandler implements FeedHandler {

    public static final String FEED = "admissions";
    public static final String CSV = "csv";

    private final AdmissionCountMapper mapper = new AdmissionCountMapper();

    @Override
    public String feed() {
        return FEED;
    }

    @Override
    public Set<String> resourceTypes() {
        return Set.of("MeasureReport");
    }

    @Override
    public Set<String> formats() {
        return Set.of(CSV);
    }

    @Override
    public String defaultFormat() {
        return CSV;
    }

    @Override
    public Optional<String> formatForContentType(String mediaType) {
        return Optional.of(CSV);
    }

    @Override
    public void read(ImportInput input, ImportSink sink) {
        try (BufferedReader reader = CsvFiles.openUtf8(input)) {
            reader.mark(1 << 16);
            String header = reader.readLine();
            reader.reset();
            if (header == null || header.isBlank()) {
                throw new UnreadableImportException(
                        "empty file: a CSV header line date,hospital,condition,count is" + " expected on line 1");
            }
            CSVFormat format = CSVFormat.DEFAULT
                    .builder()
                    .setDelimiter(CsvFiles.delimiterOf(header))
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .setIgnoreEmptyLines(true)
                    .get();
            try (CSVParser parser = CsvFiles.parse(format, reader)) {
                List<String> missing = mapper.missingColumns(parser.getHeaderNames());
                if (!missing.isEmpty()) {
                    throw new UnreadableImportException("not an admissions file: missing column"
                            + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing) + " (header: "
                            + String.join(", ", parser.getHeaderNames()) + ")");
                }
                int columns = parser.getHeaderNames().size();
                Map<String, Long> seen = new HashMap<>();
                Iterator<CSVRecord> records = parser.iterator();
                while (true) {
                    CSVRecord record;
                    try {
                        if (!records.hasNext()) {
                            break;
                        }
                        record = records.next();
                    } catch (UncheckedIOException e) {
                        if (e.getCause() instanceof CharacterCodingException coding) {
                            throw CsvFiles.notUtf8("admissions", coding);
                        }
                        throw new UnreadableImportException(
                                "malformed CSV: " + e.getCause().getMessage(), e);
                    }
                    long line = record.getRecordNumber() + 1;
                    RowRef row = RowRef.line(line);
                    if (record.size() != columns) {
                        sink.reject(
                                row,
                                "the row has " + record.size() + " values, the header has " + columns + " columns");
                        continue;
                    }
                    MappingResult result = mapper.map(record.toMap());
                    if (result instanceof MappingResult.Rejected rejected) {
                        sink.reject(row, rejected.reason());
                        continue;
                    }
                    MappingResult.MappedRow mapped = (MappingResult.MappedRow) result;
                    String key = ((MeasureReport) mapped.resources().get(0))
                            .getIdentifierFirstRep()
                            .getValue();
                    Long first = seen.putIfAbsent(key, line);
                    if (first != null) {
                        sink.reject(row, "duplicate count for " + key + ", first given line " + first);
                        continue;
                    }
                    mapped.warnings().forEach(w -> sink.warn(row, w));
                    sink.accept(row, mapped.resources());
                }
            }
        } catch (CharacterCodingException e) {
            throw CsvFiles.notUtf8("admissions", e);
        } catch (IOException e) {
            throw new UnreadableImportException("cannot read " + input.source() + ": " + e.getMessage(), e);
        }
    }
}
