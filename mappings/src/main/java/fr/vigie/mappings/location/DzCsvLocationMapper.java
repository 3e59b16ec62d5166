package fr.vigie.mappings.location;

import fr.vigie.terminology.TerminologyCatalog;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Location;

/**
 * Vigie's own landing-point register CSV → dropping-zone {@code Location}: for stadiums, fire stations and the DZ
 * registers kept by SAMU and prefectures, often in French projected coordinates.
 *
 * <p>Columns (header-based, any order, {@code ;} or {@code ,} separated, extra columns ignored):
 *
 * <table>
 *   <caption>dz format</caption>
 *   <tr><th>column</th><th>required</th><th>content</th></tr>
 *   <tr><td>{@code id}</td><td>yes</td><td>the register's stable id of the landing point</td></tr>
 *   <tr><td>{@code name}</td><td>yes</td><td>its name</td></tr>
 *   <tr><td>{@code dz_type}</td><td>yes</td><td>a code of CodeSystem dz-type: hospital-helipad, heliport, airport,
 *       stadium, fire-station, other (case-insensitive, {@code _} for {@code -} tolerated)</td></tr>
 *   <tr><td>{@code latitude}, {@code longitude}</td><td rowspan="2">one pair</td><td>WGS84 decimal degrees</td></tr>
 *   <tr><td>{@code x_l93}, {@code y_l93}</td><td>Lambert-93 (EPSG:2154) metres, converted by {@link Lambert93};
 *       used when latitude/longitude are empty</td></tr>
 *   <tr><td>{@code night_use}</td><td>no</td><td>true/false, oui/non, yes/no, 1/0; empty = unknown</td></tr>
 *   <tr><td>{@code status}</td><td>no</td><td>active (default), suspended or inactive</td></tr>
 * </table>
 *
 * <p>Decimals may use a comma ({@code 50,6366}) and spaces between thousands ({@code 652 469}).
 *
 * <p>Mapping: identifier {@value #DZ_SYSTEM} + id; type dz-type; status as given; night use as extension
 * {@code https://vigie.example.org/fhir/StructureDefinition/dz-night-use} (valueBoolean); position WGS84
 * (converted positions rounded to 7 decimals, about 1 cm); verification tag {@code unverified}; physical type
 * {@code si} for airports, {@code area} otherwise.
 */
public final class DzCsvLocationMapper extends AbstractLocationCsvMapper {

    /** Identifier system of the ids of Vigie's DZ register. */
    public static final String DZ_SYSTEM = TerminologyCatalog.CANONICAL_BASE + "/sid/dz";

    /** URL of the night-use extension (valueBoolean). */
    public static final String NIGHT_USE_EXTENSION = Locations.NIGHT_USE_EXTENSION;

    private static final Set<String> TRUE = Set.of("true", "oui", "yes", "1", "vrai", "o", "y");
    private static final Set<String> FALSE = Set.of("false", "non", "no", "0", "faux", "n");

    @Override
    public List<String> missingColumns(Collection<String> header) {
        Set<String> columns = CsvRow.columns(header);
        List<String> missing = CsvRow.missing(columns, "id", "name", "dz_type");
        boolean wgs84 = columns.contains("latitude") && columns.contains("longitude");
        boolean lambert = columns.contains("x_l93") && columns.contains("y_l93");
        if (!wgs84 && !lambert) {
            missing.add("latitude and longitude, or x_l93 and y_l93");
        }
        return missing;
    }

    @Override
    public Optional<String> rowId(Map<String, String> row) {
        return Optional.ofNullable(CsvRow.of(row).text("id"));
    }

    @Override
    MappingResult mapRow(CsvRow row) {
        String id = row.required("id", "id");
        String name = row.required("name", "name");
        String dzType =
                row.required("dz_type", "dz_type").toLowerCase(Locale.ROOT).replace('_', '-');
        if (!Locations.isDzType(dzType)) {
            throw new RejectedRowException("unknown dz_type '" + row.text("dz_type") + "' (expected one of "
                    + String.join(", ", Locations.DZ_TYPES) + ")");
        }
        List<String> warnings = new ArrayList<>();
        Location location = Locations.dropZone(name, dzType, status(row), Locations.UNVERIFIED);
        location.addIdentifier().setSystem(DZ_SYSTEM).setValue(id);
        position(location, row, warnings);
        Boolean night = nightUse(row);
        if (night != null) {
            location.addExtension(NIGHT_USE_EXTENSION, new BooleanType(night));
        }
        return new MappingResult.MappedRow(List.of(location), warnings);
    }

    private static void position(Location location, CsvRow row, List<String> warnings) {
        BigDecimal latitude = row.decimal("latitude", "latitude");
        BigDecimal longitude = row.decimal("longitude", "longitude");
        BigDecimal x = row.decimal("x_l93", "x_l93");
        BigDecimal y = row.decimal("y_l93", "y_l93");
        if (latitude != null || longitude != null || (x == null && y == null)) {
            if (x != null || y != null) {
                warnings.add("x_l93/y_l93 ignored: latitude/longitude given");
            }
            Locations.position(location, latitude, longitude);
            return;
        }
        if (x == null || y == null) {
            throw new RejectedRowException("missing " + (x == null ? "x_l93" : "y_l93"));
        }
        Lambert93.GeoPoint point;
        try {
            point = Lambert93.toWgs84(x.doubleValue(), y.doubleValue());
        } catch (IllegalArgumentException e) {
            throw new RejectedRowException(e.getMessage());
        }
        Locations.position(location, Locations.degrees(point.latitude()), Locations.degrees(point.longitude()));
    }

    private static Location.LocationStatus status(CsvRow row) {
        String status = row.text("status");
        if (status == null) {
            return Location.LocationStatus.ACTIVE;
        }
        return switch (status.toLowerCase(Locale.ROOT)) {
            case "active" -> Location.LocationStatus.ACTIVE;
            case "suspended" -> Location.LocationStatus.SUSPENDED;
            case "inactive" -> Location.LocationStatus.INACTIVE;
            default ->
                throw new RejectedRowException("status '" + status + "' is not one of active, suspended, inactive");
        };
    }

    private static Boolean nightUse(CsvRow row) {
        String value = row.text("night_use");
        if (value == null) {
            return null;
        }
        String folded = value.toLowerCase(Locale.ROOT);
        if (TRUE.contains(folded)) {
            return Boolean.TRUE;
        }
        if (FALSE.contains(folded)) {
            return Boolean.FALSE;
        }
        throw new RejectedRowException("night_use '" + value + "' is not true/false (or oui/non)");
    }
}
