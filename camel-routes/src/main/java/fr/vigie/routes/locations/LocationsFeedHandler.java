package fr.vigie.routes.locations;

import fr.vigie.mappings.location.DzCsvLocationMapper;
import fr.vigie.mappings.location.FinessLocationMapper;
import fr.vigie.mappings.location.LocationCsvMapper;
import fr.vigie.mappings.location.MappingResult;
import fr.vigie.mappings.location.OurAirportsLocationMapper;
import fr.vigie.routes.common.CsvFiles;
import fr.vigie.routes.common.FeedHandler;
import fr.vigie.routes.common.ImportFormats;
import fr.vigie.routes.common.ImportInput;
import fr.vigie.routes.common.ImportSink;
import fr.vigie.routes.common.UnreadableImportException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVParser;

/**
 * Feed {@value #FEED}: hospitals and helicopter dropping zones (DZ) from CSV files, as FHIR {@code Location} (and
 * {@code Organization} when a FINESS juridique is given).
 *
 * <ul>
 *   <li>{@code ourairports}: OurAirports airports CSV → DZ Locations ({@link OurAirportsLocationMapper});
 *   <li>{@code finess}: Eurostat GISCO / FINESS hospitals CSV → hospital Locations ({@link FinessLocationMapper});
 *   <li>{@code dz} (default): Vigie's own DZ register, WGS84 or Lambert-93 ({@link DzCsvLocationMapper}).
 * </ul>
 *
 * <p>The format comes from {@code ?format=}, else from the file name: it contains {@code ourairports} (or
 * {@code airports}), {@code finess} (or {@code gisco}, {@code hospital}), or the word {@code dz}
 * ({@code dz-hdf.csv}, {@code stades_dz.csv}).
 *
 * <p>Files are UTF-8 (a byte order mark is skipped), header-based CSV whose delimiter, {@code ;} or {@code ,} (or a
 * tab), is the one the header line uses most. Row references are file lines ({@code line N}, header = line 1; a
 * quoted value spanning lines counts from its first line); blank lines are skipped. A row with fewer or more values
 * than the header, or whose id (the FINESS on 9 characters, the OurAirports ident, the register id) already appeared
 * in the file, is rejected ({@code duplicate id X, first seen line N}; the first one is kept, even when it was itself
 * rejected). A file that is not UTF-8, not CSV or lacks a required column is unreadable, and the message names the
 * missing columns.
 */
public class LocationsFeedHandler implements FeedHandler {

    public static final String FEED = "locations";
    public static final String OURAIRPORTS = "ourairports";
    public static final String FINESS = "finess";
    public static final String DZ = "dz";

    private static final Pattern DZ_WORD = Pattern.compile("(?:^|[^a-z0-9])dz(?:$|[^a-z0-9])");

    private final Map<String, LocationCsvMapper> mappers;

    /** The three formats with their standard mappers. */
    public LocationsFeedHandler() {
        this(Map.of(
                OURAIRPORTS, new OurAirportsLocationMapper(),
                FINESS, new FinessLocationMapper(),
                DZ, new DzCsvLocationMapper()));
    }

    /** @param mappers mapper per format name; must include {@value #DZ}, the default format */
    public LocationsFeedHandler(Map<String, LocationCsvMapper> mappers) {
        this.mappers = Map.copyOf(Objects.requireNonNull(mappers, "mappers"));
        if (!this.mappers.containsKey(DZ)) {
            throw new IllegalArgumentException("the locations feed needs a mapper for its default format " + DZ);
        }
    }

    @Override
    public String feed() {
        return FEED;
    }

    @Override
    public Set<String> resourceTypes() {
        return Set.of("Location", "Organization");
    }

    @Override
    public Set<String> formats() {
        return mappers.keySet();
    }

    @Override
    public String defaultFormat() {
        return DZ;
    }

    @Override
    public Optional<String> formatForFileName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String file = ImportFormats.fileName(name);
        String format = null;
        if (file.contains(OURAIRPORTS) || file.contains("airports")) {
            format = OURAIRPORTS;
        } else if (file.contains(FINESS) || file.contains("gisco") || file.contains("hospital")) {
            format = FINESS;
        } else if (DZ_WORD.matcher(file).find()) {
            format = DZ;
        }
        return Optional.ofNullable(format).filter(mappers::containsKey);
    }

    @Override
    public Optional<String> formatForContentType(String mediaType) {
        // text/csv says nothing about which of the three CSV layouts this is
        return Optional.empty();
    }

    @Override
    public void read(ImportInput input, ImportSink sink) {
        LocationCsvMapper mapper = mappers.get(input.format());
        if (mapper == null) {
            throw new IllegalArgumentException("feed " + FEED + " does not read " + input.format());
        }
        try (BufferedReader reader = CsvFiles.openUtf8(input)) {
            char delimiter = CsvFiles.headerDelimiter(reader, 1);
            try (CSVParser parser = CsvFiles.parse(CsvFiles.headerFormat(delimiter), reader)) {
                List<String> header = parser.getHeaderNames();
                CsvFiles.requireColumns(input.format(), mapper.missingColumns(header), delimiter, header);
                readRows(parser, header.size(), mapper, sink);
            }
        } catch (CharacterCodingException e) {
            throw CsvFiles.notUtf8("location", e);
        } catch (IOException e) {
            throw new UnreadableImportException("cannot read " + input.source() + ": " + e.getMessage(), e);
        }
    }

    private static void readRows(CSVParser parser, int columns, LocationCsvMapper mapper, ImportSink sink) {
        Map<String, Long> firstSeen = new HashMap<>();
        CsvFiles.readRows(parser, 0, columns, "location", sink, (row, line, values) -> {
            Optional<String> id = mapper.rowId(values);
            if (id.isPresent()) {
                Long first = firstSeen.putIfAbsent(id.get(), line);
                if (first != null) {
                    sink.reject(row, "duplicate id " + id.get() + ", first seen line " + first);
                    return;
                }
            }
            MappingResult result = mapper.map(values);
            if (result instanceof MappingResult.MappedRow mapped) {
                mapped.warnings().forEach(warning -> sink.warn(row, warning));
                sink.accept(row, mapped.resources());
            } else if (result instanceof MappingResult.Rejected rejected) {
                sink.reject(row, rejected.reason());
            }
        });
    }
}
