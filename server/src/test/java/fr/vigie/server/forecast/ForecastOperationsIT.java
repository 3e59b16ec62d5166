package fr.vigie.server.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.vigie.server.AbstractFhirIT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.Test;

/** $train-forecast (sync and async) and $forecast-admissions over HTTP, on a hospital with a 400-day history. */
class ForecastOperationsIT extends AbstractFhirIT {

    private static final LocalDate START = LocalDate.of(2020, 1, 1);
    private static final int DAYS = 400;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A hospital with {@code days} days of history from {@link #START} ({@link ForecastHistoryFixture}). */
    private String hospitalWithHistory(int days) {
        Location hospital = new Location()
                .setName("IT hospital " + UUID.randomUUID().toString().substring(0, 8));
        return ForecastHistoryFixture.store(client, hospital, START, days);
    }

    private HttpResponse<String> call(String method, String path, String prefer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Authorization", adminAuthorization())
                .header("Accept", "application/fhir+json")
                .timeout(Duration.ofMinutes(3));
        if (prefer != null) {
            request.header("Prefer", prefer);
        }
        request.method(method, HttpRequest.BodyPublishers.noBody());
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Parameters parameters(HttpResponse<String> response) {
        return FHIR.newJsonParser().parseResource(Parameters.class, response.body());
    }

    @Test
    void trainsThenForecastsWithIntervalsAndPeakProbabilities() throws Exception {
        String id = hospitalWithHistory(DAYS);
        HttpResponse<String> trained = call(
                "POST", "/Location/" + id + "/$train-forecast?condition=respiratory&until=2020-12-31&model=glm", null);
        assertThat(trained.statusCode()).as(trained.body()).isEqualTo(200);
        Parameters training = parameters(trained);
        String modelId = training.getParameter("model").getValue().primitiveValue();
        assertThat(training.getParameter("modelKind").getValue().primitiveValue())
                .isEqualTo("glm");
        Parameters.ParametersParameterComponent backtest =
                training.getParameters("backtest").get(0);
        assertThat(backtest.getPart())
                .extracting(Parameters.ParametersParameterComponent::getName)
                .contains("model", "mae", "rmse", "mape", "brier", "coverage80", "coverage95", "confusionMatrix");

        HttpResponse<String> answer = call(
                "GET",
                "/Location/" + id + "/$forecast-admissions?horizon=7&condition=respiratory&asOf=2021-01-10",
                null);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        Parameters forecast = parameters(answer);
        List<Parameters.ParametersParameterComponent> days = forecast.getParameters("day");
        assertThat(days).hasSize(7);
        assertThat(part(days.get(0), "date")).isEqualTo("2021-01-10");
        assertThat(part(days.get(6), "date")).isEqualTo("2021-01-16");
        for (Parameters.ParametersParameterComponent day : days) {
            double expected = Double.parseDouble(part(day, "expected"));
            assertThat(expected).isBetween(3.0, 30.0);
            assertThat(Double.parseDouble(part(day, "lower95")))
                    .isLessThanOrEqualTo(Double.parseDouble(part(day, "lower80")));
            assertThat(Double.parseDouble(part(day, "upper95")))
                    .isGreaterThanOrEqualTo(Double.parseDouble(part(day, "upper80")));
            assertThat(Double.parseDouble(part(day, "peakProbability"))).isBetween(0.0, 1.0);
        }
        assertThat(forecast.getParameter("model").getValue().primitiveValue()).isEqualTo(modelId);
        assertThat(forecast.getParameter("threshold")).isNotNull();
    }

    @Test
    void dataDatedOnOrAfterAsOfChangesNothing() throws Exception {
        String id = hospitalWithHistory(DAYS);
        assertThat(call(
                                "POST",
                                "/Location/" + id
                                        + "/$train-forecast?condition=respiratory&until=2020-11-30&model=seasonal-naive",
                                null)
                        .statusCode())
                .isEqualTo(200);
        String path = "/Location/" + id + "/$forecast-admissions?horizon=7&condition=respiratory&asOf=2020-12-15";
        String laterPath = path.replace("2020-12-15", "2020-12-25");
        String before = call("GET", path, null).body();
        String laterBefore = call("GET", laterPath, null).body();
        assertThat(before).contains("peakProbability");
        // rewrite the counts of the days from asOf on
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (int i = 0; i < 20; i++) {
            LocalDate day = LocalDate.of(2020, 12, 15).plusDays(i);
            ForecastHistoryFixture.post(bundle, ForecastHistoryFixture.dailyCount(id, day, 500));
        }
        client.transaction().withBundle(bundle).execute();
        String after = call("GET", path, null).body();
        assertThat(after).isEqualTo(before);
        String later =
                call("GET", path.replace("2020-12-15", "2020-12-25"), null).body();
        assertThat(later).as("a later asOf sees the new counts").isNotEqualTo(before);
    }

    @Test
    void trainsAsynchronouslyWithAStatusUrl() throws Exception {
        String id = hospitalWithHistory(DAYS);
        HttpResponse<String> accepted = call(
                "POST",
                "/Location/" + id + "/$train-forecast?condition=respiratory&until=2020-12-31&model=auto",
                "respond-async");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String status = accepted.headers().firstValue("Content-Location").orElseThrow();
        assertThat(status).contains("/Location/" + id + "/$train-forecast-status?job=");
        String path = status.substring(status.indexOf("/Location/"));
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> call("GET", path, null).statusCode() == 200);
        Parameters done = parameters(call("GET", path, null));
        assertThat(done.getParameters("backtest"))
                .extracting(p -> part(p, "model"))
                .containsExactly("seasonal-naive", "glm", "xgboost");
        assertThat(call(
                                "GET",
                                "/Location/" + id
                                        + "/$forecast-admissions?horizon=3&condition=respiratory&asOf=2021-01-02",
                                null)
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void rejectsBadInputsSayingWhatIsWrong() throws Exception {
        String id = hospitalWithHistory(150);
        String empty = client.create()
                .resource(new Location().setName("No history"))
                .execute()
                .getId()
                .getIdPart();
        assertError(
                call("GET", "/Location/" + id + "/$forecast-admissions?horizon=7&condition=flu", null),
                400,
                "unknown condition");
        assertError(
                call("GET", "/Location/" + id + "/$forecast-admissions?horizon=15&condition=copd", null),
                400,
                "horizon");
        assertError(
                call(
                        "GET",
                        "/Location/" + id + "/$forecast-admissions?horizon=7&condition=asthma&asOf=2020-02-30",
                        null),
                400,
                "asOf");
        assertError(
                call(
                        "GET",
                        "/Location/" + id + "/$forecast-admissions?horizon=7&condition=respiratory&asOf=2020-03-01",
                        null),
                422,
                "no trained model");
        assertError(
                call("POST", "/Location/" + id + "/$train-forecast?condition=respiratory&model=prophet", null),
                400,
                "unknown model");
        assertError(
                call("POST", "/Location/" + empty + "/$train-forecast?condition=respiratory&until=2020-12-31", null),
                422,
                "no history");
        assertError(
                call("POST", "/Location/" + id + "/$train-forecast?condition=respiratory&until=2020-02-01", null),
                422,
                "not enough history");
        assertThat(call(
                                "POST",
                                "/Location/" + id
                                        + "/$train-forecast?condition=respiratory&until=2020-05-29&model=seasonal-naive",
                                null)
                        .statusCode())
                .isEqualTo(200);
        assertError(
                call(
                        "GET",
                        "/Location/" + id + "/$forecast-admissions?horizon=7&condition=respiratory&asOf=2019-06-01",
                        null),
                422,
                "before the data");
        assertError(
                call(
                        "GET",
                        "/Location/" + id + "/$forecast-admissions?horizon=7&condition=respiratory&asOf=2026-01-01",
                        null),
                422,
                "history");
    }

    private static void assertError(HttpResponse<String> response, int status, String text) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).contains("OperationOutcome").containsIgnoringCase(text);
    }

    private static String part(Parameters.ParametersParameterComponent parameter, String name) {
        return parameter.getPart().stream()
                .filter(p -> p.getName().equals(name))
                .findFirst()
                .map(p -> p.getValue().primitiveValue())
                .orElseThrow(() -> new AssertionError("no part " + name));
    }
}
