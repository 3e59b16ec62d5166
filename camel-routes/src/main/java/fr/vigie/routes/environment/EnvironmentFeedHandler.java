package fr.vigie.routes.environment;

import fr.vigie.mappings.environment.EnvironmentCsvMapper;
import fr.vigie.mappings.environment.LongObservationMapper;
import fr.vigie.mappings.environment.SentinellesMapper;
import fr.vigie.mappings.environment.StationMapper;
import fr.vigie.mappings.environment.WideObservationMapper;
import fr.vigie.mappings.environment.WideSpec;
import fr.vigie.mappings.location.MappingResult;
import fr.vigie.routes.common.CsvFiles;
import fr.vigie.routes.common.FeedHandler;
import fr.vigie.routes.common.ImportFormats;
import fr.vigie.routes.common.ImportInput;
import fr.vigie.routes.common.ImportSink;
import fr.vigie.routes.common.RowRef;
import fr.vigie.routes.common.UnreadableImportException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVParser;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;

/**
 * Feed {@value #FEED}: environmental and epidemiological time series as FHIR {@code Observation}s, and the
 * {@code Location}s of their stations or areas (DESIGN §3).
 *
 * <ul>
 *   <li>{@code stations}: {@code station, name, latitude, longitude} → Locations ({@link StationMapper});
 *   <li>{@code long} (default): {@code station, date|datetime, parameter, value, unit} → one Observation per row
 *       ({@link LongObservationMapper});
 *   <li>{@code sentinelles}: Réseau Sentinelles weekly incidence → weekly Observations and area Locations
 *       ({@link SentinellesMapper});
 *   <li>{@code nmmaps}, {@code cams}: wide daily files read through the {@link WideSpec}s
 *       {@code mappings/environment/<format>.json} ({@link WideObservationMapper}).
 * </ul>
 *
 * <p>The format comes from {@code ?format=}, else from the file name: it contains {@code sentinelles},
 * {@code sentiweb} or {@code inc-<n>} (the Sentinelles download names), {@code nmmaps}, {@code cams},
 * {@code station}, or the word {@code long}.
 *
 * <p>Files are UTF-8 CSV (a byte order mark is skipped), delimiter {@code ,}, {@code ;} or tab, the one the header
 * uses most. A first line starting with {@code #} is a comment (as in Sentinelles files) and is skipped. Rows are
 * {@code line N} as an editor counts them (the comment and the header count); a rejected cell of a wide file is
 * {@code line N, column <name>}, and the rest of its row is still imported. A row whose values do not match the
 * header's count is rejected; so is a row whose Observation identifier (or, in a stations file, station) already
 * appeared earlier in the file: two values for one station, parameter and time in one file are a data error, and
 * letting the second silently overwrite the first would hide it. The area or station Location that Sentinelles and
 * wide rows carry is sent with the first row that needs it only (the writer would otherwise have to start a new
 * transaction for every row, since one transaction cannot update the same resource twice); a wide row with no value
 * at all is rejected ({@code no value}), since it has nothing to write.
 * A file lacking a required column is unreadable, and the message names the missing columns.
 */
public class EnvironmentFeedHandler implements FeedHandler {

    public static final String FEED = "environment";
    public static final String STATIONS = "stations";
    public static final String LONG = "long";
    public static final String SENTINELLES = "sentinelles";
    public static final String NMMAPS = "nmmaps";
    public static final String CAMS = "cams";

    private static final Pattern SENTINELLES_NAME = Pattern.compile("sentinelles|sentiweb|(?:^|[^a-z])inc-\\d");
    private static final Pattern LONG_WORD = Pattern.compile("(?:^|[^a-z])long(?:$|[^a-z])");

    private final Map<String, EnvironmentCsvMapper> rowMappers;
    private final Map<String, WideObservationMapper> wideMappers;

    /** The five formats with their standard mappers and shipped specs. */
    public EnvironmentFeedHandler() {
        this(
                Map.of(
                        STATIONS, new StationMapper(),
                        LONG, new LongObservationMapper(),
                        SENTINELLES, new SentinellesMapper()),
                List.of(
                        new WideObservationMapper(WideSpec.load(NMMAPS)),
                        new WideObservationMapper(WideSpec.load(CAMS))));
    }

    /**
     * @param rowMappers one-row mappers by format name; must include {@value #LONG}, the default format
     * @param wideMappers wide mappers, whose spec name is their format name
     */
    public EnvironmentFeedHandler(
            Map<String, EnvironmentCsvMapper> rowMappers, List<WideObservationMapper> wideMappers) {
        this.rowMappers = Map.copyOf(Objects.requireNonNull(rowMappers, "rowMappers"));
        Map<String, WideObservationMapper> wide = new HashMap<>();
        wideMappers.forEach(mapper -> wide.put(mapper.spec().name(), mapper));
        this.wideMappers = Map.copyOf(wide);
        if (!this.rowMappers.containsKey(LONG)) {
            throw new IllegalArgumentException("the environment feed needs a mapper for its default format " + LONG);
        }
        if (this.wideMappers.keySet().stream().anyMatch(this.rowMappers::containsKey)) {
            throw new IllegalArgumentException("a wide spec has the name of a row format");
        }
    }

    @Override
    public String feed() {
        return FEED;
    }

    @Override
    public Set<String> resourceTypes() {
        return Set.of("Location", "Observation");
    }

    @Override
    public Set<String> formats() {
        Set<String> formats = new TreeSet<>(rowMappers.keySet());
        formats.addAll(wideMappers.keySet());
        return formats;
    }

    @Override
    public String defaultFormat() {
        return LONG;
    }

    @Override
    public Optional<String> formatForFileName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String file = ImportFormats.fileName(name);
        String format = null;
        if (SENTINELLES_NAME.matcher(file).find()) {
            format = SENTINELLES;
        } else if (file.contains(NMMAPS)) {
            format = NMMAPS;
        } else if (file.contains(CAMS)) {
            format = CAMS;
        } else if (file.contains("station")) {
            format = STATIONS;
        } else if (LONG_WORD.matcher(file).find()) {
            format = LONG;
        }
        return Optional.ofNullable(format).filter(formats()::contains);
    }

    @Override
    public Optional<String> formatForContentType(String mediaType) {
        // text/csv says nothing about which layout this is
        return Optional.empty();
    }

    @Override
    public void read(ImportInput input, ImportSink sink) {
        EnvironmentCsvMapper rowMapper = rowMappers.get(input.format());
        WideObservationMapper wideMapper = wideMappers.get(input.format());
        if (rowMapper == null && wideMapper == null) {
            throw new IllegalArgumentException("feed " + FEED + " does not read " + input.format());
        }
        try (BufferedReader reader = CsvFiles.openUtf8(input)) {
            int skipped = skipComment(reader);
            char delimiter = CsvFiles.headerDelimiter(reader, 1 + skipped);
            try (CSVParser parser = CsvFiles.parse(CsvFiles.headerFormat(delimiter), reader)) {
                List<String> header = parser.getHeaderNames();
                CsvFiles.requireColumns(
                        input.format(),
                        rowMapper != null ? rowMapper.missingColumns(header) : wideMapper.missingColumns(header),
                        delimiter,
                        header);
                new Rows(parser, skipped, header.size(), input.format(), sink).read(rowMapper, wideMapper);
            }
        } catch (CharacterCodingException e) {
            throw CsvFiles.notUtf8("environment", e);
        } catch (IOException e) {
            throw new UnreadableImportException("cannot read " + input.source() + ": " + e.getMessage(), e);
        }
    }

    /** Reads the records of one file and keeps what is needed to spot duplicates. */
    private static final class Rows {

        private final CSVParser parser;
        private final int skipped;
        private final int columns;
        private final boolean stations;
        private final ImportSink sink;
        private final Map<String, Long> firstSeen = new HashMap<>();
        private final Set<String> locationsSent = new HashSet<>();

        Rows(CSVParser parser, int skipped, int columns, String format, ImportSink sink) {
            this.parser = parser;
            this.skipped = skipped;
            this.columns = columns;
            this.stations = STATIONS.equals(format);
            this.sink = sink;
        }

        void read(EnvironmentCsvMapper rowMapper, WideObservationMapper wideMapper) {
            CsvFiles.readRows(parser, skipped, columns, "environment", sink, (row, line, values) -> {
                if (rowMapper != null) {
                    mapRow(row, line, rowMapper.map(values));
                } else {
                    mapWide(row, line, wideMapper.map(values));
                }
            });
        }

        private void mapRow(RowRef row, long line, MappingResult result) {
            if (result instanceof MappingResult.Rejected rejected) {
                sink.reject(row, rejected.reason());
                return;
            }
            MappingResult.MappedRow mapped = (MappingResult.MappedRow) result;
            for (Resource resource : mapped.resources()) {
                if (resource instanceof Observation || stations) {
                    Optional<String> duplicate = duplicate(resource, line);
                    if (duplicate.isPresent()) {
                        sink.reject(row, duplicate.get());
                        return;
                    }
                }
            }
            List<Resource> resources = new ArrayList<>();
            for (Resource resource : mapped.resources()) {
                // an area Location travels with the first row that refers to it only
                if (resource instanceof Observation || stations || locationsSent.add(key(resource))) {
                    resources.add(resource);
                }
            }
            mapped.warnings().forEach(warning -> sink.warn(row, warning));
            sink.accept(row, resources);
        }

        private void mapWide(RowRef row, long line, WideObservationMapper.Result result) {
            if (result instanceof WideObservationMapper.Rejected rejected) {
                sink.reject(row, rejected.reason());
                return;
            }
            WideObservationMapper.Mapped mapped = (WideObservationMapper.Mapped) result;
            mapped.rejectedCells().forEach((column, reason) -> sink.reject(cell(line, column), reason));
            List<Resource> observations = new ArrayList<>();
            for (Observation observation : mapped.observations()) {
                Optional<String> duplicate = duplicate(observation, line);
                if (duplicate.isPresent()) {
                    String column = observation.getCode().getCodingFirstRep().getCode();
                    sink.reject(cell(line, column), duplicate.get());
                } else {
                    observations.add(observation);
                }
            }
            if (observations.isEmpty()) {
                if (mapped.rejectedCells().isEmpty()) {
                    sink.reject(row, "no value: every parameter cell is empty or marked missing");
                }
                return;
            }
            List<Resource> resources = new ArrayList<>();
            Location location = mapped.location();
            if (location != null && locationsSent.add(key(location))) {
                resources.add(location);
            }
            resources.addAll(observations);
            sink.accept(row, resources);
        }

        private Optional<String> duplicate(Resource resource, long line) {
            String key = key(resource);
            Long first = firstSeen.putIfAbsent(key, line);
            if (first == null) {
                return Optional.empty();
            }
            String what = resource instanceof Observation ? "observation " : "station ";
            return Optional.of("duplicate " + what + value(resource) + ", first seen line " + first);
        }

        private static RowRef cell(long line, String column) {
            return RowRef.of("line " + line + ", column " + column);
        }

        private static String key(Resource resource) {
            Identifier identifier = identifier(resource);
            return resource.fhirType() + " " + identifier.getSystem() + "|" + identifier.getValue();
        }

        private static String value(Resource resource) {
            return identifier(resource).getValue();
        }

        private static Identifier identifier(Resource resource) {
            if (resource instanceof Observation observation) {
                return observation.getIdentifierFirstRep();
            }
            return ((Location) resource).getIdentifierFirstRep();
        }
    }

    /** Skips a first {@code #} comment line; returns how many lines were skipped (0 or 1). */
    private static int skipComment(BufferedReader reader) throws IOException {
        reader.mark(1 << 16);
        String first = reader.readLine();
        if (first != null && first.startsWith("#")) {
            return 1;
        }
        reader.reset();
        return 0;
    }
}
