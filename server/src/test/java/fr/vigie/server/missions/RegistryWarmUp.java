package fr.vigie.server.missions;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Runs the server's request validator once on a mission Encounter and a MeasureReport ({@code $validate}, no
 * storage) before a registry IT imports: the validator's first run on these types loads their structures and
 * terminology, which on a busy machine takes longer than the import client's per-transaction read timeout.
 */
public final class RegistryWarmUp {

    private RegistryWarmUp() {}

    public static void validateOnce(String baseUrl, String authorization) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String encounter = "{\"resourceType\":\"Encounter\",\"status\":\"finished\",\"class\":{\"system\":"
                + "\"http://terminology.hl7.org/CodeSystem/v3-ActCode\",\"code\":\"FLD\"},\"type\":[{\"coding\":[{"
                + "\"system\":\"https://vigie.example.org/fhir/CodeSystem/mission-type\",\"code\":\"primary\"}]}]}";
        String report = "{\"resourceType\":\"MeasureReport\",\"status\":\"complete\",\"type\":\"summary\","
                + "\"measure\":\"https://vigie.example.org/fhir/Measure/smur-missions\",\"period\":{\"start\":"
                + "\"2023-01-01\",\"end\":\"2023-12-31\"}}";
        for (String[] call : new String[][] {{"Encounter", encounter}, {"MeasureReport", report}}) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/" + call[0] + "/$validate"))
                    .POST(HttpRequest.BodyPublishers.ofString(call[1]))
                    .timeout(Duration.ofMinutes(3))
                    .header("Authorization", authorization)
                    .header("Content-Type", "application/fhir+json")
                    .build();
            http.send(request, HttpResponse.BodyHandlers.discarding());
        }
    }
}
