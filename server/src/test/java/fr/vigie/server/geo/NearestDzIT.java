package fr.vigie.server.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import fr.vigie.server.AbstractFhirIT;
import fr.vigie.terminology.TerminologyCatalog;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicData;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code $nearest-dz} over HTTP. Each test works around its own remote point (Kerguelen, Crozet, Amsterdam Island,
 * the Pacific near the antimeridian), where no other test puts data, and names its Locations uniquely.
 */
class NearestDzIT extends AbstractFhirIT {

    private static final String OPERATION = "$nearest-dz";
    private static final double CRUISE_METRES_PER_MINUTE = 230_000.0 / 60.0;

    @Autowired
    DzIndexSync sync;

    @Autowired
    IInterceptorService interceptorService;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    /** One answer as read back from the Parameters. */
    record Match(String id, String display, Quantity distance, Quantity bearing, Quantity flightMinutes) {}

    private Location dz(String name, double lat, double lon, String dzType) {
        Location location = new Location();
        location.setName(name + " " + run);
        location.setStatus(Location.LocationStatus.ACTIVE);
        location.setMode(Location.LocationMode.INSTANCE);
        location.addType(new CodeableConcept(new Coding(TerminologyCatalog.CS_DZ_TYPE, dzType, null)));
        location.getPosition().setLatitude(BigDecimal.valueOf(lat)).setLongitude(BigDecimal.valueOf(lon));
        return location;
    }

    private String create(Location location) {
        return client.create()
                .resource(location)
                .execute()
                .getId()
                .toUnqualifiedVersionless()
                .getIdPart();
    }

    private static Parameters at(double lat, double lon) {
        Parameters in = new Parameters();
        in.addParameter().setName("latitude").setValue(new DecimalType(BigDecimal.valueOf(lat)));
        in.addParameter().setName("longitude").setValue(new DecimalType(BigDecimal.valueOf(lon)));
        return in;
    }

    private List<Match> nearest(Parameters in) {
        return read(client.operation()
                .onType(Location.class)
                .named(OPERATION)
                .withParameters(in)
                .useHttpGet()
                .execute());
    }

    private static List<Match> read(Parameters out) {
        List<Match> matches = new ArrayList<>();
        for (Parameters.ParametersParameterComponent match : out.getParameter()) {
            assertThat(match.getName()).isEqualTo("match");
            Reference reference = (Reference) part(match, "location");
            matches.add(new Match(
                    reference.getReferenceElement().getIdPart(),
                    reference.getDisplay(),
                    (Quantity) part(match, "distance"),
                    (Quantity) part(match, "bearing"),
                    (Quantity) part(match, "flightMinutes")));
        }
        return matches;
    }

    private static org.hl7.fhir.r4.model.Type part(Parameters.ParametersParameterComponent match, String name) {
        return match.getPart().stream()
                .filter(p -> p.getName().equals(name))
                .findFirst()
                .orElseThrow()
                .getValue();
    }

    private static List<String> ids(List<Match> matches, Set<String> ours) {
        return matches.stream().map(Match::id).filter(ours::contains).toList();
    }

    @Test
    void answersAscendingExactGeodesicDistancesAndFilters() {
        double lat = -49.3;
        double lon = 69.5;
        String a = create(dz("DZ A", -49.31, 69.5, "heliport"));
        String b = create(dz("DZ B", -49.3, 69.55, "airport"));
        Location inactive = dz("DZ inactive", -49.29, 69.51, "heliport");
        inactive.setStatus(Location.LocationStatus.INACTIVE);
        String d = create(inactive);
        Location night = dz("DZ night", -49.35, 69.45, "hospital-helipad");
        night.addExtension(DzLocations.NIGHT_USE_EXTENSION, new BooleanType(true));
        String n = create(night);
        String c = create(dz("DZ C", -49.4, 69.7, "stadium"));
        Set<String> ours = Set.of(a, b, c, d, n);

        Parameters in = at(lat, lon);
        in.addParameter().setName("count").setValue(new IntegerType(10));
        List<Match> matches = nearest(in);
        assertThat(ids(matches, ours)).containsExactly(a, b, n, c);
        assertThat(matches.subList(0, 4)).extracting(Match::id).containsExactly(a, b, n, c);
        for (Match match : matches.subList(0, 4)) {
            Location location =
                    client.read().resource(Location.class).withId(match.id()).execute();
            GeodesicData g = Geodesic.WGS84.Inverse(
                    lat,
                    lon,
                    location.getPosition().getLatitude().doubleValue(),
                    location.getPosition().getLongitude().doubleValue());
            assertThat(match.display()).isEqualTo(location.getName());
            assertThat(match.distance().getCode()).isEqualTo("m");
            assertThat(match.distance().getSystem()).isEqualTo("http://unitsofmeasure.org");
            assertThat(match.distance().getValue().doubleValue()).isCloseTo(g.s12, within(0.01));
            double azimuth = g.azi1 < 0 ? g.azi1 + 360 : g.azi1;
            assertThat(match.bearing().getCode()).isEqualTo("deg");
            assertThat(match.bearing().getValue().doubleValue()).isCloseTo(azimuth, within(0.01));
            assertThat(match.flightMinutes().getCode()).isEqualTo("min");
            assertThat(match.flightMinutes().getValue().doubleValue())
                    .isCloseTo(g.s12 / CRUISE_METRES_PER_MINUTE, within(0.06));
        }

        assertThat(nearest(at(lat, lon))).extracting(Match::id).containsExactly(a);

        Parameters two = at(lat, lon);
        two.addParameter().setName("count").setValue(new IntegerType(2));
        assertThat(nearest(two)).extracting(Match::id).containsExactly(a, b);

        Parameters withInactive = at(lat, lon);
        withInactive.addParameter().setName("count").setValue(new IntegerType(10));
        withInactive.addParameter().setName("includeInactive").setValue(new BooleanType(true));
        assertThat(ids(nearest(withInactive), ours)).containsExactly(a, d, b, n, c);

        Parameters within = at(lat, lon);
        within.addParameter().setName("count").setValue(new IntegerType(10));
        within.addParameter().setName("maxDistance").setValue(new DecimalType(2000));
        assertThat(nearest(within)).extracting(Match::id).containsExactly(a);

        Parameters nightOnly = at(lat, lon);
        nightOnly.addParameter().setName("count").setValue(new IntegerType(10));
        nightOnly.addParameter().setName("nightOnly").setValue(new BooleanType(true));
        assertThat(ids(nearest(nightOnly), ours)).containsExactly(n);

        Parameters types = at(lat, lon);
        types.addParameter().setName("count").setValue(new IntegerType(10));
        types.addParameter().setName("dzType").setValue(new CodeType("stadium"));
        types.addParameter().setName("dzType").setValue(new CodeType("airport"));
        assertThat(ids(nearest(types), ours)).containsExactly(b, c);
    }

    @Test
    void answersFromAHospitalAtInstanceLevel() {
        Location hospital = new Location();
        hospital.setName("Hôpital de Crozet " + run);
        hospital.setStatus(Location.LocationStatus.ACTIVE);
        hospital.addType(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/v3-RoleCode", "HOSP", "Hospital")));
        hospital.getPosition().setLatitude(new BigDecimal("-46.43")).setLongitude(new BigDecimal("51.86"));
        String h = create(hospital);
        String far = create(dz("Crozet far", -46.45, 51.95, "heliport"));
        String near = create(dz("Crozet near", -46.431, 51.861, "hospital-helipad"));

        Parameters in = new Parameters();
        in.addParameter().setName("count").setValue(new IntegerType(2));
        List<Match> matches = read(client.operation()
                .onInstance("Location/" + h)
                .named(OPERATION)
                .withParameters(in)
                .useHttpGet()
                .execute());
        assertThat(matches).extracting(Match::id).containsExactly(near, far);
        GeodesicData g = Geodesic.WGS84.Inverse(-46.43, 51.86, -46.431, 51.861);
        assertThat(matches.get(0).distance().getValue().doubleValue()).isCloseTo(g.s12, within(0.01));
    }

    @Test
    void followsUpdatesAndDeletes() {
        double lat = -37.8;
        double lon = 77.55;
        Location x = dz("Amsterdam X", -37.81, 77.55, "heliport");
        String xId = create(x);
        String yId = create(dz("Amsterdam Y", -37.8, 77.6, "heliport"));
        assertThat(nearest(at(lat, lon))).extracting(Match::id).containsExactly(xId);

        Location moved = client.read().resource(Location.class).withId(xId).execute();
        moved.getPosition().setLatitude(new BigDecimal("-37.95"));
        client.update().resource(moved).execute();
        List<Match> afterMove = nearest(at(lat, lon));
        assertThat(afterMove).extracting(Match::id).containsExactly(yId);

        client.delete().resourceById("Location", yId).execute();
        List<Match> afterDelete = nearest(at(lat, lon));
        assertThat(afterDelete).extracting(Match::id).containsExactly(xId);
        assertThat(afterDelete.get(0).distance().getValue().doubleValue())
                .isCloseTo(Geodesic.WGS84.Inverse(lat, lon, -37.95, 77.55).s12, within(0.01));

        Location noLongerDz = client.read().resource(Location.class).withId(xId).execute();
        noLongerDz.setType(List.of());
        client.update().resource(noLongerDz).execute();
        Parameters in = at(lat, lon);
        in.addParameter().setName("maxDistance").setValue(new DecimalType(100_000));
        assertThat(nearest(in)).isEmpty();
    }

    /**
     * Another node sharing the database: its writes do not pass through this node's storage hooks, only the HAPI
     * resource-change listener sees them. Played here by unregistering the hooks around the writes.
     */
    @Test
    void followsWritesMadeByAnotherNodeWithinSeconds() {
        Object hooks = sync.storageHooks();
        String id;
        interceptorService.unregisterInterceptor(hooks);
        try {
            id = create(dz("Other node", 10.0, -140.0, "heliport"));
        } finally {
            interceptorService.registerInterceptor(hooks);
        }
        Parameters in = at(10.0, -140.01);
        in.addParameter().setName("maxDistance").setValue(new DecimalType(50_000));
        await().atMost(Duration.ofSeconds(40))
                .untilAsserted(
                        () -> assertThat(nearest(in)).extracting(Match::id).containsExactly(id));

        interceptorService.unregisterInterceptor(hooks);
        try {
            client.delete().resourceById("Location", id).execute();
        } finally {
            interceptorService.registerInterceptor(hooks);
        }
        await().atMost(Duration.ofSeconds(40))
                .untilAsserted(() -> assertThat(nearest(in)).isEmpty());
    }

    @Test
    void isExactAcrossTheAntimeridian() {
        String across = create(dz("East of the antimeridian", -40.0, -179.999, "other"));
        String sameSide = create(dz("West of the antimeridian", -40.0, 179.98, "other"));
        Parameters in = at(-40.0, 179.999);
        in.addParameter().setName("count").setValue(new IntegerType(2));
        List<Match> matches = nearest(in);
        assertThat(matches).extracting(Match::id).containsExactly(across, sameSide);
        assertThat(matches.get(0).distance().getValue().doubleValue())
                .isCloseTo(Geodesic.WGS84.Inverse(-40.0, 179.999, -40.0, -179.999).s12, within(0.01));
    }

    @Test
    void rejectsBadInputNamingTheParameter() throws Exception {
        Location noPosition = new Location();
        noPosition.setName("No position " + run);
        String np = create(noPosition);
        String dzWithPosition = create(dz("Bad input DZ", -10.0, -120.0, "other"));
        String type = "Location/" + OPERATION;
        assertBadRequest(type + "?latitude=91&longitude=0", "latitude");
        assertBadRequest(type + "?latitude=-90.5&longitude=0", "latitude");
        assertBadRequest(type + "?latitude=0&longitude=180.01", "longitude");
        assertBadRequest(type + "?latitude=0&longitude=-200", "longitude");
        assertBadRequest(type + "?latitude=45", "longitude");
        assertBadRequest(type + "?longitude=5", "latitude");
        assertBadRequest(type + "?latitude=45&longitude=5&count=0", "count");
        assertBadRequest(type + "?latitude=45&longitude=5&count=101", "count");
        assertBadRequest(type + "?latitude=45&longitude=5&maxDistance=-1", "maxDistance");
        assertBadRequest(type + "?latitude=45&longitude=5&dzType=helipad", "dzType");
        assertBadRequest("Location/" + dzWithPosition + "/" + OPERATION + "?latitude=45&longitude=5", "latitude");
        assertBadRequest("Location/" + dzWithPosition + "/" + OPERATION + "?longitude=5", "longitude");
        assertBadRequest("Location/" + np + "/" + OPERATION, "position");
    }

    private void assertBadRequest(String path, String parameter) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(baseUrl() + "/" + path))
                                .header("Authorization", adminAuthorization())
                                .header("Accept", "application/fhir+json")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(400);
        OperationOutcome outcome = FHIR.newJsonParser().parseResource(OperationOutcome.class, response.body());
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).as(path).contains(parameter);
    }

    @Test
    void refusesAClientThatCannotReadLocations() {
        assertThatThrownBy(() -> clientAs("test-encounter-reader", "system/Encounter.rs")
                        .operation()
                        .onType(Location.class)
                        .named(OPERATION)
                        .withParameters(at(-49.3, 69.5))
                        .useHttpGet()
                        .execute())
                .isInstanceOf(ForbiddenOperationException.class);
    }
}
