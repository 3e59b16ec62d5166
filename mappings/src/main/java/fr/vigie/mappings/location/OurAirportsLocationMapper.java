package fr.vigie.mappings.location;

import fr.vigie.terminology.TerminologyCatalog;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Location;

/**
 * OurAirports {@code airports.csv} row → dropping-zone {@code Location}.
 *
 * <p>Columns (header-based, any order, extra columns ignored): {@code ident}, {@code name}, {@code type},
 * {@code latitude_deg} or {@code latitude}, {@code longitude_deg} or {@code longitude} (WGS84 decimal degrees) are
 * required; {@code id}, {@code elevation_ft} (feet), {@code iso_region}, {@code municipality}, {@code country_code}
 * are used when present.
 *
 * <p>Mapping:
 *
 * <ul>
 *   <li>identifiers: first {@value #OURAIRPORTS_SYSTEM} + {@code ident} (the key of the site's public page, e.g.
 *       {@code LFPG} or {@code FR-0001}; the one re-imports match on), then the ICAO location indicator when the
 *       ident is one (four letters) under {@value #ICAO_SYSTEM}, then OurAirports' numeric {@code id} under
 *       {@value #OURAIRPORTS_ID_SYSTEM};
 *   <li>{@code type} → dz-type: {@code heliport} → {@code hospital-helipad} when {@link SiteNames#isHospital the
 *       name says hospital} (hôpital, CHU, CH, clinique...), {@code fire-station} when it says fire and rescue
 *       centre, else {@code heliport}; {@code small_airport}, {@code medium_airport}, {@code large_airport} →
 *       {@code airport}; {@code closed} → the type its name suggests (a heliport or helipad as above, anything else
 *       {@code airport}, since OurAirports only lists aeronautical sites), status {@code inactive} and verification
 *       tag {@code obsolete} (the location-verification code for closed sites, kept for history);
 *       {@code seaplane_base} and {@code balloonport} are rejected: helicopters of the SMUR do not land there;
 *   <li>status {@code active} (OurAirports lists sites in use), verification tag {@code unverified};
 *   <li>position: WGS84 latitude/longitude as written in the file; altitude in metres from {@code elevation_ft}
 *       (× 0.3048, to 0.1 m);
 *   <li>address: {@code city} = municipality, {@code state} = ISO 3166-2 region ({@code FR-HDF}), {@code country}
 *       = country_code or the region's prefix.
 * </ul>
 */
public final class OurAirportsLocationMapper extends AbstractLocationCsvMapper {

    /** Identifier system of OurAirports idents; {@code https://ourairports.com/airports/<ident>/} is the page. */
    public static final String OURAIRPORTS_SYSTEM = "https://ourairports.com/airports";

    /** Identifier system of OurAirports' numeric record ids. */
    public static final String OURAIRPORTS_ID_SYSTEM = TerminologyCatalog.CANONICAL_BASE + "/sid/ourairports-id";

    /** Identifier system of ICAO location indicators (Doc 7910), e.g. {@code LFQQ}. */
    public static final String ICAO_SYSTEM = TerminologyCatalog.CANONICAL_BASE + "/sid/icao-location-indicator";

    private static final Pattern ICAO = Pattern.compile("[A-Z]{4}");
    private static final Set<String> AIRPORTS = Set.of("small_airport", "medium_airport", "large_airport");
    private static final Set<String> NOT_FOR_HELICOPTERS = Set.of("seaplane_base", "balloonport");
    private static final BigDecimal METRES_PER_FOOT = new BigDecimal("0.3048");

    @Override
    public List<String> missingColumns(Collection<String> header) {
        Set<String> columns = CsvRow.columns(header);
        List<String> missing = CsvRow.missing(columns, "ident", "name", "type");
        if (!columns.contains("latitude_deg") && !columns.contains("latitude")) {
            missing.add("latitude_deg (or latitude)");
        }
        if (!columns.contains("longitude_deg") && !columns.contains("longitude")) {
            missing.add("longitude_deg (or longitude)");
        }
        return missing;
    }

    @Override
    public Optional<String> rowId(Map<String, String> row) {
        return Optional.ofNullable(CsvRow.of(row).text("ident"));
    }

    @Override
    MappingResult mapRow(CsvRow row) {
        String ident = row.required("ident", "ident");
        String name = row.required("name", "name");
        String type = Locations.lower(row.required("type", "type"));
        List<String> warnings = new ArrayList<>();

        boolean closed = "closed".equals(type);
        String dzType;
        if (NOT_FOR_HELICOPTERS.contains(type)) {
            throw new RejectedRowException(
                    "OurAirports type " + type + " is not a landing point for SMUR helicopters: not imported");
        } else if (AIRPORTS.contains(type)) {
            dzType = Locations.AIRPORT;
        } else if ("heliport".equals(type)) {
            dzType = heliportType(name);
        } else if (closed) {
            dzType = SiteNames.isHeliport(name) ? heliportType(name) : Locations.AIRPORT;
        } else {
            throw new RejectedRowException("unknown OurAirports type '" + type
                    + "' (expected heliport, small_airport, medium_airport, large_airport or closed)");
        }

        Location location = Locations.dropZone(
                name,
                dzType,
                closed ? Location.LocationStatus.INACTIVE : Location.LocationStatus.ACTIVE,
                closed ? Locations.OBSOLETE : Locations.UNVERIFIED);
        location.addIdentifier().setSystem(OURAIRPORTS_SYSTEM).setValue(ident);
        if (ICAO.matcher(ident).matches()) {
            location.addIdentifier().setSystem(ICAO_SYSTEM).setValue(ident);
        }
        String id = row.text("id");
        if (id != null) {
            location.addIdentifier().setSystem(OURAIRPORTS_ID_SYSTEM).setValue(id);
        }

        Locations.position(
                location,
                row.decimal("latitude", "latitude_deg", "latitude"),
                row.decimal("longitude", "longitude_deg", "longitude"));
        String elevation = row.text("elevation_ft");
        if (elevation != null) {
            try {
                BigDecimal feet = CsvRow.parseDecimal("elevation_ft", elevation);
                location.getPosition()
                        .setAltitude(feet.multiply(METRES_PER_FOOT).setScale(1, RoundingMode.HALF_EVEN));
            } catch (RejectedRowException e) {
                warnings.add(e.getMessage() + ": altitude left out");
            }
        }

        String city = row.text("municipality");
        String region = row.text("iso_region");
        String country = row.text("country_code");
        if (country == null && region != null && region.indexOf('-') > 0) {
            country = region.substring(0, region.indexOf('-'));
        }
        if (city != null || region != null || country != null) {
            location.getAddress().setCity(city).setState(region).setCountry(country);
        }
        return new MappingResult.MappedRow(List.of(location), warnings);
    }

    private static String heliportType(String name) {
        if (SiteNames.isHospital(name)) {
            return Locations.HOSPITAL_HELIPAD;
        }
        return SiteNames.isFireStation(name) ? Locations.FIRE_STATION : Locations.HELIPORT;
    }
}
