package fr.vigie.routes.registry;

import fr.vigie.mappings.registry.Cell;
import fr.vigie.mappings.registry.MissionNumbers;
import fr.vigie.mappings.registry.Missions;
import fr.vigie.mappings.registry.RegistryMapper;
import fr.vigie.mappings.registry.RegistryOutput;
import fr.vigie.mappings.registry.RegistrySpec;
import fr.vigie.routes.common.CsvFiles;
import fr.vigie.routes.common.FeedHandler;
import fr.vigie.routes.common.ImportException;
import fr.vigie.routes.common.ImportInput;
import fr.vigie.routes.common.ImportSink;
import fr.vigie.routes.common.RowRef;
import fr.vigie.routes.common.UnreadableImportException;
import fr.vigie.terminology.TerminologyCatalog;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.hl7.fhir.r4.model.Resource;

/**
 * Feed {@value #FEED}: SMUR helicopter registries → MeasureReports (summary sheets, month and pathology tables) and
 * mission Encounters (one row per mission), through the {@link RegistryMapper} and the specs under
 * {@code mappings/registry/}.
 *
 * <p>Formats: {@code xlsx} (default; read in streaming mode, one row in memory at a time; the mission numbers
 * already read, to reject a number used twice, are kept in a temporary on-disk map: memory does not grow with the
 * file), {@code xls} (read whole:
 * the format holds at most 65,536 rows a sheet) and {@code csv} (one sheet, UTF-8, delimiter {@code ,} {@code ;} or
 * tab; numbers typed as text are numbers). The content decides between xlsx and xls whatever the extension says.
 * A file that is not a workbook, a password-protected workbook or an empty one is refused as a whole (400); any
 * other bad input is rejected cell by cell, the rest imported.
 *
 * <p>Rows in the report: one per mission row, one per MeasureReport (labelled with its cell range,
 * {@code Synthese!Y2:Y7}), one per rejected cell or row.
 */
public class RegistryFeedHandler implements FeedHandler {

    public static final String FEED = "registry";
    public static final String XLSX = "xlsx";
    public static final String XLS = "xls";
    public static final String CSV = "csv";

    private static final Pattern NUMBER = Pattern.compile("[+-]?\\d+(?:[.,]\\d+)?");

    /** Says whether Vigie holds a Location: FINESS établissements and dropping zones, per import. */
    public interface LocationDirectory {
        /** A fresh lookup for one import (it may cache). */
        Lookups open();
    }

    /** Lookups for one import. */
    public interface Lookups {
        boolean hasFiness(String finess);

        boolean hasDz(String id);

        /** Lookups answered by two predicates (FINESS numbers, dropping-zone ids). */
        static Lookups of(Predicate<String> finess, Predicate<String> dz) {
            Objects.requireNonNull(finess, "finess");
            Objects.requireNonNull(dz, "dz");
            return new Lookups() {
                @Override
                public boolean hasFiness(String number) {
                    return finess.test(number);
                }

                @Override
                public boolean hasDz(String id) {
                    return dz.test(id);
                }
            };
        }

        /**
         * Lookups asking {@code holds(identifier system, value)} once per distinct FINESS number or dropping-zone id
         * ({@link TerminologyCatalog#FINESS_SYSTEM}, {@link Missions#DZ_SYSTEM}), the answers cached for the import:
         * the cache grows with the hospitals and zones a file names, not with its rows.
         */
        static Lookups cached(BiPredicate<String, String> holds) {
            Objects.requireNonNull(holds, "holds");
            Map<String, Boolean> cache = new HashMap<>();
            return of(
                    finess -> cache.computeIfAbsent(
                            "F" + finess, k -> holds.test(TerminologyCatalog.FINESS_SYSTEM, finess)),
                    id -> cache.computeIfAbsent("D" + id, k -> holds.test(Missions.DZ_SYSTEM, id)));
        }
    }

    private final List<RegistrySpec> specs;
    private final LocationDirectory directory;
    private final Clock clock;

    public RegistryFeedHandler(List<RegistrySpec> specs, LocationDirectory directory, Clock clock) {
        this.specs = List.copyOf(specs);
        this.directory = Objects.requireNonNull(directory, "directory");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String feed() {
        return FEED;
    }

    @Override
    public Set<String> resourceTypes() {
        return Set.of("MeasureReport", "Encounter");
    }

    @Override
    public Set<String> formats() {
        return Set.of(XLSX, XLS, CSV);
    }

    @Override
    public String defaultFormat() {
        return XLSX;
    }

    @Override
    public Optional<String> formatForContentType(String mediaType) {
        return switch (mediaType) {
            case "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" -> Optional.of(XLSX);
            case "application/vnd.ms-excel" -> Optional.of(XLS);
            case "text/csv" -> Optional.of(CSV);
            default -> Optional.empty();
        };
    }

    @Override
    public void read(ImportInput input, ImportSink sink) {
        Lookups lookups = directory.open();
        Predicate<String> finess = lookups::hasFiness;
        Predicate<String> dz = lookups::hasDz;
        RegistryMapper mapper =
                new RegistryMapper(specs, LocalDate.now(clock.withZone(ZoneId.of("Europe/Paris"))), finess, dz);
        try (MissionNumbers missionNumbers = DiskMissionNumbers.open()) {
            RegistryMapper.Workbook workbook = mapper.open(input.source(), new SinkOutput(sink), missionNumbers);
            try {
                if (CSV.equals(input.format())) {
                    readCsv(input, workbook);
                } else {
                    readWorkbook(input, workbook);
                }
            } catch (CharacterCodingException e) {
                throw CsvFiles.notUtf8("registry CSV", e);
            } catch (IOException e) {
                throw new UnreadableImportException("cannot read " + input.source() + ": " + e.getMessage(), e);
            }
            if (workbook.dataRows() == 0) {
                throw new UnreadableImportException(input.source() + " is empty: no sheet holds any value");
            }
            workbook.end();
        }
    }

    private void readWorkbook(ImportInput input, RegistryMapper.Workbook workbook) throws IOException {
        FileMagic magic;
        try (InputStream in = FileMagic.prepareToCheckMagic(new BufferedInputStream(input.open()))) {
            magic = FileMagic.valueOf(in);
        }
        switch (magic) {
            case OOXML -> readXlsx(input, workbook);
            case OLE2 -> readOle2(input, workbook);
            default ->
                throw new UnreadableImportException(input.source()
                        + " is not an Excel workbook (.xlsx or .xls); import CSV exports with ?format=csv");
        }
    }

    private static void readXlsx(ImportInput input, RegistryMapper.Workbook workbook) throws IOException {
        // POI reads a zip from a stream into memory; from a file it reads entries on demand (streaming)
        Path copy = Files.createTempFile("vigie-registry-", ".xlsx");
        try {
            try (InputStream in = input.open()) {
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            }
            try (OPCPackage pkg = OPCPackage.open(copy.toFile(), PackageAccess.READ)) {
                XlsxSheetReader.read(pkg, workbook);
            } catch (IOException | ImportException e) {
                throw e;
            } catch (Exception e) {
                throw new UnreadableImportException(
                        input.source() + " is not a readable .xlsx workbook: " + e.getMessage(), e);
            }
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    private static void readOle2(ImportInput input, RegistryMapper.Workbook workbook) throws IOException {
        try (InputStream in = input.open();
                POIFSFileSystem fs = new POIFSFileSystem(in)) {
            if (fs.getRoot().hasEntry("EncryptionInfo")) {
                throw new UnreadableImportException(input.source()
                        + " is password-protected: save it without a password (File > Info > Protect workbook)");
            }
            try (HSSFWorkbook xls = new HSSFWorkbook(fs.getRoot(), true)) {
                for (Sheet sheet : xls) {
                    RegistryMapper.Sheet target = workbook.sheet(sheet.getSheetName());
                    for (Row row : sheet) {
                        target.row(row.getRowNum() + 1, cells(sheet.getSheetName(), row));
                    }
                    target.end();
                }
            }
        } catch (EncryptedDocumentException e) {
            throw new UnreadableImportException(input.source()
                    + " is password-protected: save it without a password (File > Info > Protect workbook)");
        } catch (IllegalArgumentException e) {
            throw new UnreadableImportException(
                    input.source() + " is not a readable .xls workbook: " + e.getMessage(), e);
        }
    }

    private static List<Cell> cells(String sheet, Row row) {
        List<Cell> cells = new ArrayList<>();
        int r = row.getRowNum() + 1;
        for (org.apache.poi.ss.usermodel.Cell cell : row) {
            int c = cell.getColumnIndex();
            CellType type =
                    cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
            cells.add(
                    switch (type) {
                        case NUMERIC ->
                            DateUtil.isCellDateFormatted(cell)
                                    ? Cell.date(sheet, r, c, cell.getNumericCellValue())
                                    : Cell.number(sheet, r, c, cell.getNumericCellValue());
                        case STRING -> Cell.text(sheet, r, c, cell.getStringCellValue());
                        case BOOLEAN ->
                            new Cell(sheet, r, c, Cell.Kind.BOOLEAN, 0, Boolean.toString(cell.getBooleanCellValue()));
                        case ERROR -> new Cell(sheet, r, c, Cell.Kind.ERROR, 0, "#ERROR");
                        default -> Cell.blank(sheet, r, c);
                    });
        }
        return cells;
    }

    private static void readCsv(ImportInput input, RegistryMapper.Workbook workbook) throws IOException {
        try (BufferedReader reader = CsvFiles.openUtf8(input)) {
            reader.mark(64 * 1024);
            String first = reader.readLine();
            reader.reset();
            char delimiter = CsvFiles.delimiterOf(first == null ? "" : first);
            CSVFormat format = CSVFormat.DEFAULT
                    .builder()
                    .setDelimiter(delimiter)
                    .setIgnoreEmptyLines(false)
                    .get();
            String name = input.source();
            RegistryMapper.Sheet sheet = workbook.sheet(name);
            try (CSVParser parser = CsvFiles.parse(format, reader)) {
                Iterator<CSVRecord> records = parser.iterator();
                int line = 0;
                while (records.hasNext()) {
                    CSVRecord record = records.next();
                    line++;
                    List<Cell> cells = new ArrayList<>(record.size());
                    for (int c = 0; c < record.size(); c++) {
                        String value = record.get(c).strip();
                        if (NUMBER.matcher(value).matches()
                                && !(value.startsWith("0")
                                        && value.length() > 1
                                        && !value.contains(".")
                                        && !value.contains(","))) {
                            cells.add(Cell.number(name, line, c, Double.parseDouble(value.replace(',', '.'))));
                        } else {
                            cells.add(Cell.text(name, line, c, value));
                        }
                    }
                    sheet.row(line, cells);
                }
            }
            sheet.end();
        }
    }

    /** Hands the engine's output to the import sink. */
    private static final class SinkOutput implements RegistryOutput {
        private final ImportSink sink;

        SinkOutput(ImportSink sink) {
            this.sink = sink;
        }

        @Override
        public void accept(String row, List<? extends Resource> resources) {
            sink.accept(RowRef.of(row), resources);
        }

        @Override
        public void reject(String row, String reason) {
            sink.reject(RowRef.of(row), reason);
        }

        @Override
        public void warn(String row, String message) {
            sink.warn(RowRef.of(row), message);
        }
    }
}
