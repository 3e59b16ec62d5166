package fr.vigie.server.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.vigie.server.AbstractFhirIT;
import fr.vigie.terminology.TerminologyCatalog;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import net.sf.geographiclib.Geodesic;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Hospital ↔ DZ association and the verification workflow, end to end. Each test works in its own remote area (South
 * Atlantic and South Pacific islands), far beyond the 100 km reach of any other test's data, and names its rows
 * uniquely.
 */
class DzAssociationIT extends AbstractFhirIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FINESS_HEADER = "id,hospital_name,lat,lon\n";
    private static final String DZ_HEADER = "id,name,dz_type,latitude,longitude,night_use,status\n";

    @Autowired
    DzAssociator associator;

    @Autowired
    LocationWriteRules rules;

    @Autowired
    IInterceptorService interceptorService;

    private final HttpClient http = HttpClient.newHttpClient();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Random random = new Random();

    // ---- helpers --------------------------------------------------------------------------------------------

    private JsonNode importCsv(String format, String csv) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(serverUrl() + "/import/locations?format=" + format))
                        .POST(HttpRequest.BodyPublishers.ofString(csv, StandardCharsets.UTF_8))
                        .timeout(Duration.ofMinutes(2))
                        .header("Authorization", adminAuthorization())
                        .header("Content-Type", "text/csv")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** A random FINESS-shaped number in département 97 (overseas), unique enough for one run. */
    private String finess() {
        return "97" + String.format("%07d", random.nextInt(10_000_000));
    }

    private Location byIdentifier(String system, String value) {
        Bundle found = client.search()
                .forResource(Location.class)
                .where(Location.IDENTIFIER.exactly().systemAndCode(system, value))
                .returnBundle(Bundle.class)
                .execute();
        assertThat(found.getEntry()).hasSize(1);
        return (Location) found.getEntryFirstRep().getResource();
    }

    private Location hospital(String finess) {
        return byIdentifier(TerminologyCatalog.FINESS_SYSTEM, finess);
    }

    private Location dz(String id) {
        return byIdentifier(TerminologyCatalog.CANONICAL_BASE + "/sid/dz", id);
    }

    private Location read(String id) {
        return client.read().resource(Location.class).withId(id).execute();
    }

    private static String id(Location location) {
        return location.getIdElement().getIdPart();
    }

    private static Location newDz(String name, double lat, double lon) {
        Location location = new Location();
        location.setName(name);
        location.setStatus(Location.LocationStatus.ACTIVE);
        location.addType(new CodeableConcept(new Coding(TerminologyCatalog.CS_DZ_TYPE, "heliport", null)));
        location.getPosition().setLatitude(BigDecimal.valueOf(lat)).setLongitude(BigDecimal.valueOf(lon));
        return location;
    }

    private static Location newHospital(String name, double lat, double lon) {
        Location location = new Location();
        location.setName(name);
        location.setStatus(Location.LocationStatus.ACTIVE);
        location.addType(new CodeableConcept(new Coding(DzAssociations.ROLE_CODE_SYSTEM, "HOSP", "Hospital")));
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

    /** The exact WGS84 geodesic between two Locations, metres, rounded as the extension writes it. */
    private static BigDecimal geodesic(Location from, Location to) {
        double metres = Geodesic.WGS84.Inverse(
                        from.getPosition().getLatitude().doubleValue(),
                        from.getPosition().getLongitude().doubleValue(),
                        to.getPosition().getLatitude().doubleValue(),
                        to.getPosition().getLongitude().doubleValue())
                .s12;
        return BigDecimal.valueOf(metres).setScale(2, RoundingMode.HALF_EVEN);
    }

    private static void assertAssociated(Location hospital, Location dz) {
        Optional<DzAssociations.Association> association = DzAssociations.read(hospital);
        assertThat(association).as("association of %s", hospital.getName()).isPresent();
        assertThat(association.get().dropZoneId()).isEqualTo(id(dz));
        assertThat(association.get().display()).isEqualTo(dz.getName());
        assertThat(association.get().distanceMetres()).isEqualByComparingTo(geodesic(hospital, dz));
    }

    private static List<String> verificationTags(Location location) {
        return location.getMeta().getTag().stream()
                .filter(tag -> TerminologyCatalog.CS_LOCATION_VERIFICATION.equals(tag.getSystem()))
                .map(Coding::getCode)
                .toList();
    }

    private Parameters associateDz(boolean dryRun) {
        Parameters in = new Parameters();
        in.addParameter().setName("dryRun").setValue(new BooleanType(dryRun));
        return client.operation()
                .onType(Location.class)
                .named("$associate-dz")
                .withParameters(in)
                .execute();
    }

    private List<String> nearestDzIds(double lat, double lon, boolean includeInactive) {
        Parameters in = new Parameters();
        in.addParameter().setName("latitude").setValue(new DecimalType(BigDecimal.valueOf(lat)));
        in.addParameter().setName("longitude").setValue(new DecimalType(BigDecimal.valueOf(lon)));
        in.addParameter().setName("count").setValue(new IntegerType(10));
        in.addParameter().setName("maxDistance").setValue(new DecimalType(50_000));
        in.addParameter().setName("includeInactive").setValue(new BooleanType(includeInactive));
        Parameters out = client.operation()
                .onType(Location.class)
                .named("$nearest-dz")
                .withParameters(in)
                .useHttpGet()
                .execute();
        return out.getParameter().stream()
                .map(match -> ((Reference) match.getPart().stream()
                                .filter(p -> p.getName().equals("location"))
                                .findFirst()
                                .orElseThrow()
                                .getValue())
                        .getReferenceElement()
                        .getIdPart())
                .toList();
    }

    /** The report entry of one hospital, if listed. */
    private static Optional<Parameters.ParametersParameterComponent> entry(Parameters report, String hospitalId) {
        return report.getParameter().stream()
                .filter(p -> p.getName().equals("hospital"))
                .filter(p -> p.getPart().stream()
                        .anyMatch(part -> part.getName().equals("location")
                                && ((Reference) part.getValue())
                                        .getReferenceElement()
                                        .getIdPart()
                                        .equals(hospitalId)))
                .findFirst();
    }

    private static String part(Parameters.ParametersParameterComponent entry, String name) {
        return entry.getPart().stream()
                .filter(p -> p.getName().equals(name))
                .findFirst()
                .map(p -> p.getValue() instanceof Reference r
                        ? r.getReferenceElement().getIdPart()
                        : p.getValue() instanceof Quantity q
                                ? q.getValue().toPlainString()
                                : p.getValue().primitiveValue())
                .orElse(null);
    }

    private static int count(Parameters report, String name) {
        return ((IntegerType) report.getParameter(name).getValue()).getValue();
    }

    private void awaitNoPendingPass() {
        await().atMost(Duration.ofSeconds(60)).until(() -> !associator.isPassPending());
    }

    // ---- tests ----------------------------------------------------------------------------------------------

    @Test
    void importedHospitalsGetTheirNearestDzAndDzImportsReassociateThem() throws Exception {
        // Tristan da Cunha: DZ register first, then the hospitals
        String dz1 = "IT-ASSOC-" + run + "-1";
        String dz2 = "IT-ASSOC-" + run + "-2";
        JsonNode dzReport =
                importCsv("dz", DZ_HEADER + dz1 + ",Edinburgh DZ " + run + ",heliport,-37.0670,-12.3110,true,active\n");
        assertThat(dzReport.get("created").asInt()).isEqualTo(1);

        String near = finess();
        String far = finess();
        String finessCsv = FINESS_HEADER + near + ",Tristan Hospital " + run + ",-37.0650,-12.3000\n" + far
                + ",Gough Station Hospital " + run + ",-40.3500,-9.8800\n";
        JsonNode hospitals = importCsv("finess", finessCsv);
        assertThat(hospitals.get("created").asInt()).as(hospitals.toString()).isEqualTo(2);

        // associated in the same write as the import: nearest active DZ, exact geodesic distance
        Location tristan = hospital(near);
        assertAssociated(tristan, dz(dz1));
        assertThat(tristan.getMeta().getVersionId()).isEqualTo("1");
        // Gough Island is 380 km away from any DZ: none within reach
        assertThat(DzAssociations.read(hospital(far))).isEmpty();

        // a DZ import with a closer DZ: the hospital is re-associated by the pass that follows DZ changes
        importCsv("dz", DZ_HEADER + dz2 + ",Hospital pad " + run + ",hospital-helipad,-37.0652,-12.3005,true,active\n");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertAssociated(hospital(near), dz(dz2)));

        // re-importing both files changes nothing
        assertThat(importCsv("finess", finessCsv).get("unchanged").asInt()).isEqualTo(2);
        assertThat(importCsv(
                                "dz",
                                DZ_HEADER + dz2 + ",Hospital pad " + run
                                        + ",hospital-helipad,-37.0652,-12.3005,true,active\n")
                        .get("unchanged")
                        .asInt())
                .isEqualTo(1);
        awaitNoPendingPass();
        assertAssociated(hospital(near), dz(dz2));
        assertThat(hospital(near).getMeta().getVersionId()).isEqualTo("2");
    }

    @Test
    void anObsoleteDzBecomesInactiveLeavesNearestDzAndItsHospitalsAreReassociated() {
        // Saint Helena
        Location pad = newDz("Jamestown pad " + run, -15.9260, -5.7180);
        String padId = create(pad);
        String airportId = create(newDz("St Helena airport " + run, -15.9577, -5.6457));
        String hospitalId = create(newHospital("Jamestown Hospital " + run, -15.9270, -5.7170));
        assertAssociated(read(hospitalId), read(padId));
        assertThat(nearestDzIds(-15.9270, -5.7170, false)).containsSequence(padId, airportId);

        // a reviewer retires the pad
        Location retired = read(padId);
        retired.getMeta().addTag(TerminologyCatalog.CS_LOCATION_VERIFICATION, "obsolete", "Obsolete");
        client.update().resource(retired).execute();

        Location stored = read(padId);
        assertThat(stored.getStatus()).isEqualTo(Location.LocationStatus.INACTIVE);
        assertThat(verificationTags(stored)).containsExactly("obsolete");
        assertThat(nearestDzIds(-15.9270, -5.7170, false)).doesNotContain(padId).contains(airportId);
        assertThat(nearestDzIds(-15.9270, -5.7170, true)).contains(padId);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertAssociated(read(hospitalId), read(airportId)));

        // a re-import of an "unverified" row for the retired site does not bring it back
        Location reimported = newDz("Jamestown pad " + run, -15.9260, -5.7180);
        reimported.setId(padId);
        reimported.getMeta().addTag(TerminologyCatalog.CS_LOCATION_VERIFICATION, "unverified", "Unverified");
        client.update().resource(reimported).execute();
        Location still = read(padId);
        assertThat(verificationTags(still)).containsExactly("obsolete");
        assertThat(still.getStatus()).isEqualTo(Location.LocationStatus.INACTIVE);
    }

    @Test
    void movingAHospitalKeepsTheOldPositionInHistoryAndReassociatesIt() {
        // Easter Island: two DZs 14 km apart
        String hangaRoa = create(newDz("Hanga Roa DZ " + run, -27.1500, -109.4300));
        String anakena = create(newDz("Anakena DZ " + run, -27.0730, -109.3230));
        Location hospital = newHospital("Hanga Roa Hospital " + run, -27.1480, -109.4250);
        hospital.getMeta().addTag(TerminologyCatalog.CS_LOCATION_VERIFICATION, "unverified", "Unverified");
        String id = create(hospital);
        assertAssociated(read(id), read(hangaRoa));

        // the operator moves the point (to the entrance, here far east) and verifies it in one update
        Location moved = read(id);
        moved.getPosition().setLatitude(new BigDecimal("-27.0750")).setLongitude(new BigDecimal("-109.3260"));
        moved.getMeta().addTag(TerminologyCatalog.CS_LOCATION_VERIFICATION, "verified", "Verified");
        client.update().resource(moved).execute();

        Location current = read(id);
        assertThat(current.getMeta().getVersionId()).isEqualTo("2");
        assertThat(verificationTags(current)).containsExactly("verified");
        assertAssociated(current, read(anakena));
        Location first =
                client.read().resource(Location.class).withIdAndVersion(id, "1").execute();
        assertThat(first.getPosition().getLatitude()).isEqualByComparingTo("-27.1480");
        assertThat(verificationTags(first)).containsExactly("unverified");
        assertThat(DzAssociations.read(first).orElseThrow().dropZoneId()).isEqualTo(hangaRoa);
        Bundle history = client.history()
                .onInstance("Location/" + id)
                .returnBundle(Bundle.class)
                .execute();
        assertThat(history.getEntry()).hasSize(2);

        // _tag search: the site left the "to check" list
        Bundle unverified = client.search()
                .forResource(Location.class)
                .withTag(TerminologyCatalog.CS_LOCATION_VERIFICATION, "unverified")
                .where(Location.NAME.matchesExactly().value("Hanga Roa Hospital " + run))
                .returnBundle(Bundle.class)
                .execute();
        assertThat(unverified.getEntry()).isEmpty();
    }

    @Test
    void reimportNeverDowngradesAVerifiedHospitalAndChangesNothing() throws Exception {
        // Pitcairn: a DZ, then two hospitals imported
        String dzId = create(newDz("Adamstown DZ " + run, -25.0660, -130.1010));
        String a = finess();
        String b = finess();
        String csv = FINESS_HEADER + a + ",Adamstown Clinic " + run + ",-25.0650,-130.1000\n" + b
                + ",Pitcairn Health Post " + run + ",-25.0700,-130.0950\n";
        assertThat(importCsv("finess", csv).get("created").asInt()).isEqualTo(2);
        JsonNode again = importCsv("finess", csv);
        assertThat(again.get("unchanged").asInt()).as(again.toString()).isEqualTo(2);

        // verified and moved to the entrance by an operator
        Location clinic = hospital(a);
        assertThat(verificationTags(clinic)).containsExactly("unverified");
        clinic.getPosition().setLatitude(new BigDecimal("-25.0655")).setLongitude(new BigDecimal("-130.1003"));
        clinic.getMeta().getTag().clear();
        clinic.getMeta().addTag(TerminologyCatalog.CS_LOCATION_VERIFICATION, "verified", "Verified");
        client.update().resource(clinic).execute();
        Location verified = hospital(a);
        assertThat(verificationTags(verified)).containsExactly("verified");
        assertAssociated(verified, read(dzId));

        // the same file again: unchanged, still verified at the operator's position
        JsonNode third = importCsv("finess", csv);
        assertThat(third.get("unchanged").asInt()).as(third.toString()).isEqualTo(2);
        assertThat(third.get("updated").asInt()).isZero();
        Location after = hospital(a);
        assertThat(verificationTags(after)).containsExactly("verified");
        assertThat(after.getPosition().getLatitude()).isEqualByComparingTo("-25.0655");
        assertThat(after.getMeta().getVersionId()).isEqualTo(verified.getMeta().getVersionId());
        assertAssociated(after, read(dzId));
    }

    @Test
    void associateDzReportsWhoGotWhichDzWhoChangedAndWhoHasNoneWithinReach() {
        // Kiribati, Line Islands: data written behind the rules' back, as before this feature existed
        String dzNear = create(newDz("Kiritimati DZ " + run, 1.9860, -157.3500));
        String dzOther = create(newDz("Poland DZ " + run, 1.8750, -157.5300));
        awaitNoPendingPass();
        String withoutDz;
        String withWrongDz;
        String unreachable;
        String obsoleteHospital;
        interceptorService.unregisterInterceptor(rules.hooks());
        try {
            withoutDz = create(newHospital("London Clinic " + run, 1.9850, -157.3480));
            Location wrong = newHospital("Poland Clinic " + run, 1.8760, -157.5280);
            DzAssociations.write(wrong, new DzAssociations.Association(dzNear, "stale", new BigDecimal("1.00")));
            withWrongDz = create(wrong);
            unreachable = create(newHospital("Malden Clinic " + run, -4.0300, -154.9800));
            Location closed = newHospital("Closed Clinic " + run, 1.9840, -157.3470);
            closed.setStatus(Location.LocationStatus.INACTIVE);
            obsoleteHospital = create(closed);
        } finally {
            interceptorService.registerInterceptor(rules.hooks());
        }

        Parameters dry = associateDz(true);
        assertThat(((BooleanType) dry.getParameter("dryRun").getValue()).booleanValue())
                .isTrue();
        assertThat(part(entry(dry, withoutDz).orElseThrow(), "outcome")).isEqualTo("associated");
        assertThat(DzAssociations.read(read(withoutDz))).isEmpty();

        Parameters report = associateDz(false);
        Parameters.ParametersParameterComponent got = entry(report, withoutDz).orElseThrow();
        assertThat(part(got, "outcome")).isEqualTo("associated");
        assertThat(part(got, "dropZone")).isEqualTo(dzNear);
        assertThat(new BigDecimal(part(got, "distance"))).isEqualByComparingTo(geodesic(read(withoutDz), read(dzNear)));
        Parameters.ParametersParameterComponent changed =
                entry(report, withWrongDz).orElseThrow();
        assertThat(part(changed, "outcome")).isEqualTo("changed");
        assertThat(part(changed, "previousDropZone")).isEqualTo(dzNear);
        assertThat(part(changed, "dropZone")).isEqualTo(dzOther);
        assertThat(part(entry(report, unreachable).orElseThrow(), "outcome")).isEqualTo("none-in-reach");
        assertThat(entry(report, obsoleteHospital)).isEmpty();
        assertThat(count(report, "associated")).isGreaterThanOrEqualTo(1);
        assertThat(count(report, "noneInReach")).isGreaterThanOrEqualTo(1);
        assertThat(count(report, "inactive")).isGreaterThanOrEqualTo(1);

        assertAssociated(read(withoutDz), read(dzNear));
        assertAssociated(read(withWrongDz), read(dzOther));
        assertThat(DzAssociations.read(read(unreachable))).isEmpty();
        assertThat(DzAssociations.read(read(obsoleteHospital))).isEmpty();

        // a second run: nothing left to change for these hospitals
        Parameters second = associateDz(false);
        assertThat(entry(second, withoutDz)).isEmpty();
        assertThat(entry(second, withWrongDz)).isEmpty();
        assertThat(part(entry(second, unreachable).orElseThrow(), "outcome")).isEqualTo("none-in-reach");
        assertThat(read(withoutDz).getMeta().getVersionId()).isEqualTo("2");
    }

    @Test
    void theCapabilityStatementDeclaresAssociateDz() {
        CapabilityStatement capabilities =
                client.capabilities().ofType(CapabilityStatement.class).execute();
        assertThat(capabilities.getRest().get(0).getResource().stream()
                        .filter(r -> r.getType().equals("Location"))
                        .flatMap(r -> r.getOperation().stream())
                        .map(o -> o.getName()))
                .contains("associate-dz", "nearest-dz");
    }
}
