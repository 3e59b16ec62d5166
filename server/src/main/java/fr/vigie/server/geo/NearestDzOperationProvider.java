package fr.vigie.server.geo;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import fr.vigie.server.operation.VigieOperationProvider;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/**
 * {@code $nearest-dz}: the dropping zones (helicopter landing points) nearest to a point, for a dispatcher who needs
 * where to land for a hospital or an incident.
 *
 * <ul>
 *   <li>{@code [base]/Location/$nearest-dz?latitude=&longitude=} (GET or POST): from a WGS84 point in decimal
 *       degrees;
 *   <li>{@code [base]/Location/{id}/$nearest-dz}: from that Location's position (the Location itself, if it is a
 *       DZ, is among the answers at 0 m).
 * </ul>
 *
 * Filters: {@code count} (1–100, default 1), {@code maxDistance} (metres), {@code dzType} (repeatable code of
 * CodeSystem dz-type), {@code nightOnly}, {@code includeInactive} (default false: Locations with status inactive or
 * suspended are left out).
 *
 * <p>Answer: {@code Parameters} with one {@code match} per DZ, ascending distance, ties by Location id, each with
 * parts {@code location} (Reference {@code Location/<id>}, display = name), {@code distance} (Quantity, UCUM {@code
 * m}, 2 decimals): length of the geodesic on the WGS84 ellipsoid computed with GeographicLib ({@code
 * Geodesic.WGS84.Inverse}, accurate to about 15 nm), {@code bearing} (Quantity {@code deg}, 2 decimals): initial
 * azimuth of that geodesic, clockwise from true north in [0, 360), and {@code flightMinutes} (Quantity {@code min}, 1
 * decimal): the distance at the cruise speed {@code vigie.geo.cruise-speed-kmh} (default 230 km/h), with no allowance
 * for take-off, landing or wind.
 *
 * <p>Exactness: the answers are those of {@link DzIndex}, which prunes with a proven lower bound and never
 * approximates: the same DZs, order and distances as a geodesic scan over every DZ, overseas and across the
 * antimeridian included. Unlike HAPI's {@code Location?near=} (a bounding box, no distance, no order).
 *
 * <p>Bad input answers HTTP 400 with an OperationOutcome naming the parameter.
 */
@Component
public class NearestDzOperationProvider implements VigieOperationProvider {

    public static final String OPERATION = "$nearest-dz";
    public static final String LATITUDE = "latitude";
    public static final String LONGITUDE = "longitude";
    public static final String COUNT = "count";
    public static final String MAX_DISTANCE = "maxDistance";
    public static final String DZ_TYPE = "dzType";
    public static final String NIGHT_ONLY = "nightOnly";
    public static final String INCLUDE_INACTIVE = "includeInactive";

    /** Largest {@code count} accepted. */
    public static final int MAX_COUNT = 100;

    static final String UCUM = "http://unitsofmeasure.org";
    static final String BEARING_UNIT = "°";

    private final DzIndex index;
    private final DzNames names;
    private final DaoRegistry daoRegistry;

    public NearestDzOperationProvider(DzIndex index, DzNames names, DaoRegistry daoRegistry) {
        this.index = index;
        this.names = names;
        this.daoRegistry = daoRegistry;
    }

    @Description(
            shortDefinition = "Nearest dropping zones to a point",
            value = "The dropping zones nearest to a WGS84 point, ascending geodesic distance on the WGS84 ellipsoid"
                    + " (GeographicLib, exact), with bearing and flight time")
    @Operation(name = OPERATION, type = Location.class, idempotent = true)
    public Parameters nearestToPoint(
            @Description(value = "Latitude of the point, decimal degrees WGS84, in [-90, 90]")
                    @OperationParam(name = LATITUDE, min = 1, max = 1)
                    DecimalType latitude,
            @Description(value = "Longitude of the point, decimal degrees WGS84, in [-180, 180]")
                    @OperationParam(name = LONGITUDE, min = 1, max = 1)
                    DecimalType longitude,
            @Description(value = "How many dropping zones to return, 1-100, default 1")
                    @OperationParam(name = COUNT, max = 1)
                    IntegerType count,
            @Description(value = "Only dropping zones at most this far, metres along the geodesic")
                    @OperationParam(name = MAX_DISTANCE, max = 1)
                    DecimalType maxDistance,
            @Description(value = "Only dropping zones of this dz-type code (repeatable)")
                    @OperationParam(name = DZ_TYPE, max = OperationParam.MAX_UNLIMITED)
                    List<CodeType> dzType,
            @Description(value = "Only dropping zones usable at night, default false")
                    @OperationParam(name = NIGHT_ONLY, max = 1)
                    BooleanType nightOnly,
            @Description(value = "Also return inactive or suspended dropping zones, default false")
                    @OperationParam(name = INCLUDE_INACTIVE, max = 1)
                    BooleanType includeInactive) {
        return answer(matchesNearPoint(latitude, longitude, count, maxDistance, dzType, nightOnly, includeInactive));
    }

    /**
     * The matches of {@code Location/$nearest-dz} from a point, after the same checks (an
     * {@link InvalidRequestException} naming the parameter); {@link NearestDzFastPath} encodes them itself.
     */
    List<DzMatch> matchesNearPoint(
            DecimalType latitude,
            DecimalType longitude,
            IntegerType count,
            DecimalType maxDistance,
            List<CodeType> dzType,
            BooleanType nightOnly,
            BooleanType includeInactive) {
        if (isMissing(latitude) && isMissing(longitude)) {
            throw new InvalidRequestException("latitude and longitude are required (or call $nearest-dz on a"
                    + " Location instance: Location/{id}/$nearest-dz)");
        }
        if (isMissing(latitude)) {
            throw new InvalidRequestException("latitude is required when longitude is given");
        }
        if (isMissing(longitude)) {
            throw new InvalidRequestException("longitude is required when latitude is given");
        }
        double lat = latitude.getValue().doubleValue();
        double lon = longitude.getValue().doubleValue();
        if (!(Math.abs(lat) <= 90.0)) {
            throw new InvalidRequestException(
                    "latitude " + latitude.getValueAsString() + " is outside [-90, 90] (decimal degrees)");
        }
        if (!(Math.abs(lon) <= 180.0)) {
            throw new InvalidRequestException(
                    "longitude " + longitude.getValueAsString() + " is outside [-180, 180] (decimal degrees)");
        }
        return index.nearest(query(lat, lon, count, maxDistance, dzType, nightOnly, includeInactive));
    }

    @Description(
            shortDefinition = "Nearest dropping zones to a Location",
            value = "The dropping zones nearest to this Location's position, ascending geodesic distance on the"
                    + " WGS84 ellipsoid (GeographicLib, exact), with bearing and flight time")
    @Operation(name = OPERATION, type = Location.class, idempotent = true)
    public Parameters nearestToLocation(
            @IdParam IIdType id,
            @Description(value = "Not allowed at instance level: the position is the Location's")
                    @OperationParam(name = LATITUDE, max = 1)
                    DecimalType latitude,
            @Description(value = "Not allowed at instance level: the position is the Location's")
                    @OperationParam(name = LONGITUDE, max = 1)
                    DecimalType longitude,
            @Description(value = "How many dropping zones to return, 1-100, default 1")
                    @OperationParam(name = COUNT, max = 1)
                    IntegerType count,
            @Description(value = "Only dropping zones at most this far, metres along the geodesic")
                    @OperationParam(name = MAX_DISTANCE, max = 1)
                    DecimalType maxDistance,
            @Description(value = "Only dropping zones of this dz-type code (repeatable)")
                    @OperationParam(name = DZ_TYPE, max = OperationParam.MAX_UNLIMITED)
                    List<CodeType> dzType,
            @Description(value = "Only dropping zones usable at night, default false")
                    @OperationParam(name = NIGHT_ONLY, max = 1)
                    BooleanType nightOnly,
            @Description(value = "Also return inactive or suspended dropping zones, default false")
                    @OperationParam(name = INCLUDE_INACTIVE, max = 1)
                    BooleanType includeInactive) {
        if (!isMissing(latitude) || !isMissing(longitude)) {
            String name = isMissing(latitude) ? LONGITUDE : LATITUDE;
            throw new InvalidRequestException(name + " is not allowed with a Location id: Location/"
                    + id.getIdPart() + "/$nearest-dz starts from that Location's position; use"
                    + " Location/$nearest-dz?latitude=&longitude= for a point");
        }
        // Read as the system: the caller's right to run the operation already implies reading Locations.
        Location location = (Location) daoRegistry
                .getResourceDao(Location.class)
                .read(id.toUnqualifiedVersionless(), new SystemRequestDetails());
        if (!DzLocations.hasPosition(location)) {
            throw new InvalidRequestException("Location/" + id.getIdPart()
                    + " has no position (latitude and longitude): give latitude and longitude instead");
        }
        double lat = location.getPosition().getLatitude().doubleValue();
        double lon = location.getPosition().getLongitude().doubleValue();
        if (!(Math.abs(lat) <= 90.0) || !(Math.abs(lon) <= 180.0)) {
            throw new InvalidRequestException("Location/" + id.getIdPart() + " has a position out of range");
        }
        return answer(index.nearest(query(lat, lon, count, maxDistance, dzType, nightOnly, includeInactive)));
    }

    private static DzQuery query(
            double lat,
            double lon,
            IntegerType count,
            DecimalType maxDistance,
            List<CodeType> dzType,
            BooleanType nightOnly,
            BooleanType includeInactive) {
        int k = 1;
        if (count != null && count.getValue() != null) {
            k = count.getValue();
            if (k < 1 || k > MAX_COUNT) {
                throw new InvalidRequestException("count " + k + " is outside [1, " + MAX_COUNT + "]");
            }
        }
        double max = Double.POSITIVE_INFINITY;
        if (!isMissing(maxDistance)) {
            max = maxDistance.getValue().doubleValue();
            if (!(max >= 0.0)) {
                throw new InvalidRequestException(
                        "maxDistance " + maxDistance.getValueAsString() + " must be a non-negative number of metres");
            }
        }
        Set<String> types = new LinkedHashSet<>();
        if (dzType != null) {
            for (CodeType code : dzType) {
                if (code == null || code.isEmpty()) {
                    continue;
                }
                if (!DzLocations.DZ_TYPES.contains(code.getValue())) {
                    throw new InvalidRequestException("dzType '" + code.getValue()
                            + "' is not a code of CodeSystem dz-type; use one of " + DzLocations.DZ_TYPES);
                }
                types.add(code.getValue());
            }
        }
        return new DzQuery(
                lat,
                lon,
                k,
                max,
                types,
                nightOnly != null && nightOnly.booleanValue(),
                includeInactive != null && includeInactive.booleanValue());
    }

    private Parameters answer(List<DzMatch> matches) {
        Parameters parameters = new Parameters();
        for (DzMatch match : matches) {
            Parameters.ParametersParameterComponent part =
                    parameters.addParameter().setName("match");
            part.addPart()
                    .setName("location")
                    .setValue(new Reference("Location/" + match.point().id()).setDisplay(display(match)));
            part.addPart().setName("distance").setValue(quantity(distance(match), "m", "m"));
            part.addPart().setName("bearing").setValue(quantity(bearing(match), "deg", BEARING_UNIT));
            part.addPart().setName("flightMinutes").setValue(quantity(flightMinutes(match), "min", "min"));
        }
        return parameters;
    }

    /** The distance as answered: metres, 2 decimals (half-even). */
    static BigDecimal distance(DzMatch match) {
        return BigDecimal.valueOf(match.distanceMetres()).setScale(2, RoundingMode.HALF_EVEN);
    }

    /** The initial bearing as answered: degrees, 2 decimals (half-even). */
    static BigDecimal bearing(DzMatch match) {
        return BigDecimal.valueOf(match.initialBearingDegrees()).setScale(2, RoundingMode.HALF_EVEN);
    }

    /** The flight time as answered: minutes, 1 decimal (half-even). */
    static BigDecimal flightMinutes(DzMatch match) {
        return BigDecimal.valueOf(match.flightMinutes()).setScale(1, RoundingMode.HALF_EVEN);
    }

    /** The display of a DZ's reference: its name, or none. */
    String display(DzMatch match) {
        return names.get(match.point().id());
    }

    private static Quantity quantity(BigDecimal value, String code, String unit) {
        return new Quantity().setValue(value).setUnit(unit).setSystem(UCUM).setCode(code);
    }

    private static boolean isMissing(DecimalType value) {
        return value == null || value.getValue() == null;
    }
}
