package fr.vigie.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import fr.vigie.server.TestTokens;
import fr.vigie.server.activity.ActivityFhirMapper;
import fr.vigie.server.activity.ActivitySimulator;
import fr.vigie.server.activity.Department;
import fr.vigie.server.activity.Doctor;
import fr.vigie.server.activity.FhirServerActivityWriter;
import fr.vigie.server.activity.Pathology;
import fr.vigie.server.activity.SimulationResult;
import fr.vigie.server.activity.TriageFunction;
import fr.vigie.server.activity.Visit;
import fr.vigie.server.forecast.ForecastHistoryFixture;
import fr.vigie.server.triage.TriageModels;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeMap;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The activity dashboard in a real headless browser ({@link AbstractDashboardIT}). Fixture: two days of the default
 * department simulated with a fixed seed (written as the FHIR-server writer does), a second department (another seed,
 * one day) and, for the outlook, the hospital
 * configured in {@code application-test.yaml} ({@code urn:vigie-it|activity-outlook}) with 160 days of respiratory
 * admissions and a trained seasonal-naive model. The expected figures are computed here from the simulation's visits
 * (arrival minutes, statuses, shifts), not by the page's code; then an arrival posted during the test must show after
 * the page's next poll (every 5 s in the test profile). Screenshot: {@code target/dashboard-activity.png}.
 */
class ActivityDashboardIT extends AbstractDashboardIT {

    private static final long SEED = 909;
    private static final long OTHER_SEED = 910;
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final ZonedDateTime START = ZonedDateTime.of(2025, 3, 3, 0, 0, 0, 0, PARIS);
    private static final int SIMULATED_DAYS = 2;
    /** Days of the per-day chart ({@code vigie.dashboard.activity.days}, default). */
    private static final int WINDOW_DAYS = 14;

    private static final String OUTLOOK = "urn:vigie-it|activity-outlook";
    private static final String OUTLOOK_AS_OF = "2020-06-01";
    private static final int CAPACITY = 14;
    private static final String[] DAY_NAMES = {"lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."};

    @Autowired
    TriageModels models;

    private SimulationResult result;
    private String departmentId;
    /** A second department (another seed, one day), never written to by the tests. */
    private SimulationResult other;

    private String otherDepartmentId;
    private String hospitalId;
    private IGenericClient admin;

    @BeforeAll
    void storeTheFixture() throws Exception {
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        FHIR.getRestfulClientFactory().setSocketTimeout(180_000);
        admin = clientAs("test-admin", ADMIN_SCOPES);
        result = new ActivitySimulator(Department.defaults(), TriageFunction.of(models.engine()))
                .run(SEED, START, SIMULATED_DAYS);
        new FhirServerActivityWriter(admin).write(result);
        departmentId = departmentOf(result);
        other = new ActivitySimulator(Department.defaults(), TriageFunction.of(models.engine()))
                .run(OTHER_SEED, START.plusDays(7), 1);
        new FhirServerActivityWriter(admin).write(other);
        otherDepartmentId = departmentOf(other);

        Location hospital = new Location().setName("Hôpital de la prévision (IT)");
        hospital.addIdentifier().setSystem("urn:vigie-it").setValue("activity-outlook");
        hospitalId = ForecastHistoryFixture.store(admin, hospital, LocalDate.of(2020, 1, 1), 160);
        HttpResponse<String> trained = adminCall(
                "POST",
                "/Location/" + hospitalId + "/$train-forecast?condition=respiratory&until=2020-05-31"
                        + "&model=seasonal-naive");
        assertThat(trained.statusCode()).as(trained.body()).isEqualTo(200);
    }

    // ---------------------------------------------------------------- HTTP: the client and the operation

    @Test
    void theDashboardClientReadsTheActivityButNoPatientAndWritesNothing() throws Exception {
        HttpResponse<String> page = get("/dashboard/activity", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>Activité des urgences — Vigie</title>");
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self';"));
        assertThat(get("/dashboard/config.json", null).body())
                .contains("\"activity\":{\"refreshSeconds\":5,\"days\":14,\"outlook\":{\"location\":\"" + OUTLOOK
                        + "\",\"condition\":\"respiratory\",\"horizon\":7,\"asOf\":\"" + OUTLOOK_AS_OF
                        + "\",\"capacity\":14.0}}");

        String token = TestTokens.token(
                serverUrl(),
                "vigie-dashboard",
                "system/MeasureReport.rs system/Encounter.rs system/Location.rs system/PractitionerRole.rs");
        HttpResponse<String> count =
                get("/fhir/Encounter?location=Location/" + departmentId + "&status=finished&_summary=count", token);
        assertThat(count.statusCode()).isEqualTo(200);
        long finished = result.visits().stream()
                .filter(v -> v.departure() != Visit.NOT_YET)
                .count();
        assertThat(count.body()).contains("\"total\":" + finished);
        assertThat(get("/fhir/PractitionerRole?location=Location/" + departmentId, token)
                        .statusCode())
                .isEqualTo(200);
        assertThat(get("/fhir/Patient", token).statusCode()).isEqualTo(403);
        assertThat(get("/fhir/Encounter?location=Location/" + departmentId + "&_include=Encounter:subject", token)
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> write = http.send(
                HttpRequest.newBuilder(URI.create(serverUrl() + "/fhir/Encounter"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/fhir+json")
                        .POST(
                                HttpRequest.BodyPublishers.ofString(
                                        "{\"resourceType\":\"Encounter\",\"status\":\"arrived\",\"class\":{\"code\":\"EMER\"}}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(write.statusCode()).isEqualTo(403);
        HttpResponse<String> forecast = get(outlookPath(CAPACITY), token);
        assertThat(forecast.statusCode()).as(forecast.body()).isEqualTo(200);
    }

    @Test
    void theProbabilityOfExceedingCapacityFollowsThePredictiveDistribution() throws Exception {
        Parameters forecast = forecast(CAPACITY);
        assertThat(forecast.getParameter("capacity").getValue().primitiveValue())
                .isEqualTo("14");
        for (Parameters.ParametersParameterComponent day : forecast.getParameters("day")) {
            double lower95 = number(day, "lower95");
            double upper95 = number(day, "upper95");
            // at the 95 % bounds, by their definition as the 2.5 % and 97.5 % quantiles
            assertThat(number(dayOf(forecast((int) upper95), day), "probabilityAboveCapacity"))
                    .isLessThanOrEqualTo(0.025);
            if (lower95 >= 1) {
                assertThat(number(dayOf(forecast((int) lower95 - 1), day), "probabilityAboveCapacity"))
                        .isGreaterThanOrEqualTo(0.975);
            }
            // the same distribution as the peak probability: capacity = peak threshold gives the same figure
            Parameters asPeak = parameters(adminCall(
                    "GET",
                    "/Location/" + hospitalId + "/$forecast-admissions?horizon=7&condition=respiratory&asOf="
                            + OUTLOOK_AS_OF + "&peakThreshold=" + CAPACITY));
            assertThat(number(day, "probabilityAboveCapacity"))
                    .isEqualTo(number(dayOf(asPeak, day), "peakProbability"));
        }
        Parameters without = parameters(adminCall(
                "GET",
                "/Location/" + hospitalId + "/$forecast-admissions?horizon=7&condition=respiratory&asOf="
                        + OUTLOOK_AS_OF));
        assertThat(without.getParameter("capacity")).isNull();
        assertThat(without.getParameters("day").get(0).getPart())
                .noneMatch(p -> p.getName().equals("probabilityAboveCapacity"));
        HttpResponse<String> negative = adminCall("GET", outlookPath(-1).substring("/fhir".length()));
        assertThat(negative.statusCode()).isEqualTo(400);
        assertThat(negative.body()).contains("capacity must be >= 0 admissions a day");
    }

    // ---------------------------------------------------------------- browser

    @Test
    void showsTheSimulatedActivityThenANewArrivalAfterTheNextPoll() throws Exception {
        WebDriver browser = open("/dashboard/activity");
        signIn(browser, SECRET);
        new WebDriverWait(browser, WAIT).until(d -> !new Select(d.findElement(By.id("department")))
                .getOptions()
                .isEmpty());
        new Select(browser.findElement(By.id("department"))).selectByValue(departmentId);
        waitForDepartment(browser);

        Expected expected = new Expected(result);
        assertThat(table(browser, "now-table")).containsExactlyElementsOf(expected.now());
        assertThat(table(browser, "hourly-table")).containsExactlyElementsOf(expected.hourly());
        assertThat(table(browser, "daily-table")).containsExactlyElementsOf(expected.daily());
        assertThat(table(browser, "pathologies-table")).containsExactlyElementsOf(expected.pathologies());
        assertThat(text(browser, "#as-of"))
                .isEqualTo("Données jusqu’au " + dayLabel(expected.asOf.toLocalDate())
                        + " à "
                        + String.format(Locale.ROOT, "%02d:%02d", expected.asOf.getHour(), expected.asOf.getMinute())
                        + " (dernière arrivée)");
        assertThat(table(browser, "doctors-table")).hasSize(result.doctors().size() + 1);

        // the outlook: the operation's answer, as the page must show it
        List<List<String>> outlook = table(browser, "outlook-table");
        assertThat(outlook.get(0))
                .containsExactly("Jour", "Attendues", "IC 80 %", "IC 95 %", "P(> capacité)", "P(pic)");
        assertThat(outlook.subList(1, outlook.size())).containsExactlyElementsOf(outlookRows(forecast(CAPACITY)));
        assertThat(caption(browser, "outlook-table"))
                .startsWith("Hôpital de la prévision (IT), admissions « respiratory » par jour. Modèle seasonal-naive")
                .contains("intervalles de prédiction à 80 % et 95 %")
                .contains("capacité 14 admissions/jour");
        assertThat(browser.findElements(By.cssSelector("#outlook .chart canvas")))
                .isNotEmpty();

        // a patient arrives (5 minutes before the last arrival): the next poll shows them waiting
        Pathology pathology = result.department().pathologies().get(0);
        ZonedDateTime arrival = expected.asOf.minusMinutes(5);
        Encounter encounter = new Encounter();
        encounter.setStatus(Encounter.EncounterStatus.ARRIVED);
        encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "EMER", "emergency"));
        encounter.setPeriod(new Period()
                .setStartElement(new DateTimeType(
                        Date.from(arrival.toInstant()),
                        ca.uhn.fhir.model.api.TemporalPrecisionEnum.SECOND,
                        TimeZone.getTimeZone(PARIS))));
        encounter.addReasonCode(
                new CodeableConcept(new Coding(ActivityFhirMapper.CIM10_SYSTEM, pathology.code(), pathology.label())));
        encounter.addLocation().setLocation(new Reference("Location/" + departmentId));
        admin.create().resource(encounter).execute();
        expected.arrive(arrival, pathology);
        List<List<String>> now = expected.now();
        new WebDriverWait(browser, WAIT)
                .withMessage(() -> "the new arrival should show as waiting; status: "
                        + browser.findElement(By.id("status")).getText())
                .until(d -> table(d, "now-table").equals(now));
        assertThat(table(browser, "hourly-table")).containsExactlyElementsOf(expected.hourly());
        assertThat(table(browser, "daily-table")).containsExactlyElementsOf(expected.daily());
        assertThat(table(browser, "pathologies-table")).containsExactlyElementsOf(expected.pathologies());
        screenshot(browser, "dashboard-activity");
    }

    // ---------------------------------------------------------------- expected figures, from the visits

    /**
     * A department chosen while another one's answers are still on their way (every answer 400 ms late, as on a slow
     * hospital link): the page shows the chosen department's figures only. The earlier page drew the first
     * department's answers, once they came, under the second one's name.
     */
    @Test
    void aDepartmentChosenWhileAnotherIsLoadingShowsOnlyItsOwnFigures() throws Exception {
        WebDriver browser = open("/dashboard/activity");
        signIn(browser, SECRET);
        new WebDriverWait(browser, WAIT).until(d -> new Select(d.findElement(By.id("department")))
                .getOptions().stream()
                        .map(o -> o.getDomProperty("value"))
                        .toList()
                        .containsAll(List.of(departmentId, otherDepartmentId)));
        new Select(browser.findElement(By.id("department"))).selectByValue(otherDepartmentId);
        waitForDepartment(browser, otherDepartmentId);
        // every answer 400 ms late from now on, as on a slow hospital link
        JavascriptExecutor page = (JavascriptExecutor) browser;
        page.executeScript("window.vigieFetch = window.fetch; window.fetch = (...args) => window.vigieFetch(...args)"
                + ".then(r => new Promise(resolve => setTimeout(() => resolve(r), 400)));");
        try {
            // just after a timed refresh has drawn, so that none is running when the choices are made
            String drawn = view(browser);
            new WebDriverWait(browser, WAIT).until(d -> !drawn.equals(view(d)));
            Select department = new Select(browser.findElement(By.id("department")));
            department.selectByValue(departmentId);
            department.selectByValue(otherDepartmentId);
            waitForDepartment(browser, otherDepartmentId);

            Expected expected = new Expected(other);
            assertThat(table(browser, "now-table")).containsExactlyElementsOf(expected.now());
            assertThat(table(browser, "hourly-table")).containsExactlyElementsOf(expected.hourly());
            assertThat(table(browser, "daily-table")).containsExactlyElementsOf(expected.daily());
            assertThat(table(browser, "pathologies-table")).containsExactlyElementsOf(expected.pathologies());
            assertThat(table(browser, "doctors-table")).hasSize(other.doctors().size() + 1);
        } finally {
            page.executeScript("window.fetch = window.vigieFetch;");
        }
    }

    /** What the page must show, computed from the simulated visits. */
    private static final class Expected {

        private final SimulationResult run;
        private final List<ZonedDateTime> arrivals = new ArrayList<>();
        private final Map<String, Integer> reasons = new TreeMap<>();
        private final Map<String, String> labels = new LinkedHashMap<>();
        private int waiting;
        private int inCare;
        private final Set<Integer> busy = new HashSet<>();
        private final ZonedDateTime asOf;

        Expected(SimulationResult run) {
            this.run = run;
            for (Visit visit : run.visits()) {
                Pathology pathology = run.department().pathologies().get(visit.pathology());
                arrivals.add(run.at(visit.arrival()));
                reasons.merge(pathology.code(), 1, Integer::sum);
                labels.put(pathology.code(), pathology.label());
                boolean started = visit.start() != Visit.NOT_YET;
                boolean departed = visit.departure() != Visit.NOT_YET;
                if (!started && !departed) {
                    waiting++;
                } else if (started && !departed) {
                    inCare++;
                    if (visit.endTreatment() == Visit.NOT_YET) {
                        busy.add(visit.doctor());
                    }
                }
            }
            asOf = arrivals.stream().max(Comparator.naturalOrder()).orElseThrow();
        }

        void arrive(ZonedDateTime at, Pathology pathology) {
            arrivals.add(at);
            reasons.merge(pathology.code(), 1, Integer::sum);
            waiting++;
        }

        List<List<String>> now() {
            int boxes = run.department().boxes();
            List<Doctor> onDuty = run.doctors().stream()
                    .filter(d -> d.shift().covers(asOf.getHour()))
                    .toList();
            long onDutyBusy =
                    onDuty.stream().filter(d -> busy.contains(d.index())).count();
            return List.of(
                    List.of("Indicateur", "Valeur"),
                    List.of("Patients en attente (arrivés, triés, pas encore vus)", String.valueOf(waiting)),
                    List.of("Patients en soins", String.valueOf(inCare)),
                    List.of("Box", String.valueOf(boxes)),
                    List.of("Occupation des box", share(inCare, boxes)),
                    List.of("Médecins de garde", String.valueOf(onDuty.size())),
                    List.of("Médecins occupés", String.valueOf(busy.size())),
                    List.of("Médecins de garde libres", String.valueOf(onDuty.size() - onDutyBusy)));
        }

        List<List<String>> hourly() {
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("Heure", "Arrivées"));
            ZonedDateTime last = asOf.truncatedTo(ChronoUnit.HOURS);
            int total = 0;
            for (int k = 23; k >= 0; k--) {
                ZonedDateTime hour = last.minusHours(k);
                long n = arrivals.stream()
                        .filter(a -> a.truncatedTo(ChronoUnit.HOURS).equals(hour))
                        .count();
                total += (int) n;
                rows.add(List.of(
                        dayLabel(hour.toLocalDate()) + String.format(Locale.ROOT, " %02dh", hour.getHour()),
                        String.valueOf(n)));
            }
            rows.add(List.of("Total", String.valueOf(total)));
            return rows;
        }

        List<List<String>> daily() {
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("Jour", "Arrivées"));
            int total = 0;
            for (int k = WINDOW_DAYS - 1; k >= 0; k--) {
                LocalDate day = asOf.toLocalDate().minusDays(k);
                long n = arrivals.stream()
                        .filter(a -> a.toLocalDate().equals(day))
                        .count();
                total += (int) n;
                rows.add(List.of(dayLabel(day), String.valueOf(n)));
            }
            rows.add(List.of("Total", String.valueOf(total)));
            return rows;
        }

        List<List<String>> pathologies() {
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("Motif", "Arrivées", "Part"));
            int total = arrivals.size();
            reasons.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue()
                            .reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .forEach(e -> rows.add(List.of(
                            e.getKey() + " " + labels.get(e.getKey()),
                            String.valueOf(e.getValue()),
                            share(e.getValue(), total))));
            rows.add(List.of("Total", String.valueOf(total), ""));
            return rows;
        }
    }

    /** A share as the page writes it: French percent, at most one decimal, rounded half up. */
    private static String share(long part, long whole) {
        BigDecimal value = BigDecimal.valueOf(part * 100)
                .divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP)
                .stripTrailingZeros();
        return value.toPlainString().replace('.', ',') + " %";
    }

    private static String dayLabel(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return DAY_NAMES[day.getValue() - 1]
                + String.format(Locale.ROOT, " %02d/%02d", date.getDayOfMonth(), date.getMonthValue());
    }

    private List<List<String>> outlookRows(Parameters forecast) {
        List<List<String>> rows = new ArrayList<>();
        for (Parameters.ParametersParameterComponent day : forecast.getParameters("day")) {
            rows.add(List.of(
                    dayLabel(LocalDate.parse(part(day, "date"))),
                    BigDecimal.valueOf(number(day, "expected"))
                            .setScale(1, RoundingMode.HALF_UP)
                            .toPlainString()
                            .replace('.', ','),
                    (int) number(day, "lower80") + " – " + (int) number(day, "upper80"),
                    (int) number(day, "lower95") + " – " + (int) number(day, "upper95"),
                    percent(number(day, "probabilityAboveCapacity")),
                    percent(number(day, "peakProbability"))));
        }
        return rows;
    }

    private static String percent(double p) {
        return BigDecimal.valueOf(p * 100)
                        .setScale(1, RoundingMode.HALF_UP)
                        .stripTrailingZeros()
                        .toPlainString()
                        .replace('.', ',')
                + " %";
    }

    // ---------------------------------------------------------------- helpers

    private String departmentOf(SimulationResult run) {
        return admin.search()
                .forResource(Location.class)
                .where(Location.IDENTIFIER
                        .exactly()
                        .systemAndCode(ActivityFhirMapper.IDENTIFIER_SYSTEM, run.runId() + "-ed"))
                .returnBundle(Bundle.class)
                .execute()
                .getEntryFirstRep()
                .getResource()
                .getIdElement()
                .getIdPart();
    }

    private void waitForDepartment(WebDriver browser) {
        waitForDepartment(browser, departmentId);
    }

    /** What the page says it has drawn: {@code <department id>/<refreshes>}, none while a choice is loading. */
    private static String view(WebDriver browser) {
        return String.valueOf(browser.findElement(By.tagName("body")).getDomAttribute("data-view"));
    }

    private static void waitForDepartment(WebDriver browser, String departmentId) {
        new WebDriverWait(browser, WAIT)
                .withMessage(() -> "the page should show Location/" + departmentId + "; status: "
                        + browser.findElement(By.id("status")).getText() + "; error: "
                        + browser.findElement(By.id("load-error")).getText())
                .until(d -> {
                    String view = d.findElement(By.tagName("body")).getDomAttribute("data-view");
                    return view != null && view.startsWith(departmentId + "/");
                });
    }

    private String outlookPath(int capacity) {
        return "/fhir/Location/" + hospitalId + "/$forecast-admissions?horizon=7&condition=respiratory&asOf="
                + OUTLOOK_AS_OF + "&capacity=" + capacity;
    }

    private Parameters forecast(int capacity) throws IOException, InterruptedException {
        return parameters(adminCall("GET", outlookPath(capacity).substring("/fhir".length())));
    }

    private HttpResponse<String> adminCall(String method, String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(baseUrl() + path))
                        .header("Authorization", adminAuthorization())
                        .header("Accept", "application/fhir+json")
                        .timeout(Duration.ofMinutes(3))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Parameters parameters(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return FHIR.newJsonParser().parseResource(Parameters.class, response.body());
    }

    /** The day of {@code forecast} with the same date as {@code like}. */
    private static Parameters.ParametersParameterComponent dayOf(
            Parameters forecast, Parameters.ParametersParameterComponent like) {
        String date = part(like, "date");
        return forecast.getParameters("day").stream()
                .filter(d -> part(d, "date").equals(date))
                .findFirst()
                .orElseThrow();
    }

    private static String part(Parameters.ParametersParameterComponent day, String name) {
        return day.getPart().stream()
                .filter(p -> p.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no part " + name))
                .getValue()
                .primitiveValue();
    }

    private static double number(Parameters.ParametersParameterComponent day, String name) {
        return Double.parseDouble(part(day, name));
    }
}
