package fr.vigie.server.forecast.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.vigie.server.forecast.model.FeatureTable;
import fr.vigie.server.forecast.model.ForecastModel;
import fr.vigie.server.forecast.model.TrainedForecast;
import fr.vigie.server.forecast.model.TrainingSettings;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Benchmark of the admissions models, printed as Markdown tables with the machine's load (the figures mean little
 * without it on a shared machine). Two parts, each run when its options are given:
 *
 * <ul>
 *   <li><b>In process</b> ({@code --file}, {@code --outcome}, {@code --columns} as for {@link EvaluationCommand}): for
 *       each model ({@code --models}, default all), the wall and CPU time to train on the first {@code --years} years
 *       of the file (default 10), the latency of one 14-day forecast (p50, p99 over {@code --forecasts} random asOf
 *       dates after training, default 1000, after 50 warm-up calls), the heap in use after training and the size of
 *       the saved model. ND4J's native start is timed apart, before the deep models.
 *   <li><b>Over HTTP</b> ({@code --server}, the FHIR base of a running Vigie, e.g. {@code http://localhost:8080/fhir}):
 *       {@code --requests} (default 1000, after 50 warm-up requests, at most {@code --rate} a second, default 15, under
 *       the per-client rate limit) {@code GET
 *       Location/{id}/$forecast-admissions?condition=respiratory&horizon=7&asOf=…} one after the other, asOf drawn at
 *       random (seeded) in {@code --as-of-from..--as-of-until} (default 1998-01-01..2000-12-31, the demo hospital's
 *       years), latency p50 / p90 / p99 / max as the client sees it. The Location is {@code --location} or the demo
 *       hospital found by its identifier; the bearer token comes from {@code --token}, or from the server's token
 *       endpoint with {@code --client} (default {@code vigie-demo}), {@code --secret-file} (default {@code
 *       data/security/demo-client-secret}) and {@code --scope} (default {@code system/*.cruds}, the demo client's).
 * </ul>
 *
 * Run it like {@link EvaluationCommand} with {@code -Dloader.main=fr.vigie.server.forecast.eval.BenchmarkCommand}
 * (README, "Forecasting").
 */
public final class BenchmarkCommand {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WARM_UP = 50;

    private BenchmarkCommand() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --option value, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        out.printf(
                Locale.ROOT,
                "%d processors, max heap %d MB, load average (1 min) %.2f at start%n",
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                load());
        if (options.containsKey("file")) {
            inProcess(options, out);
        }
        if (options.containsKey("server")) {
            overHttp(options, out);
        }
        if (!options.containsKey("file") && !options.containsKey("server")) {
            throw new IllegalArgumentException("give --file (in-process benchmark) and/or --server (HTTP benchmark)");
        }
        out.printf(Locale.ROOT, "%nLoad average (1 min) %.2f at the end%n", load());
    }

    private static void inProcess(Map<String, String> options, PrintStream out) throws IOException {
        Map<String, String> columns = new LinkedHashMap<>();
        for (String pair : options.getOrDefault("columns", "").split(",")) {
            if (!pair.isBlank()) {
                String[] kv = pair.split("=", 2);
                columns.put(kv[0], kv.length > 1 ? kv[1] : kv[0]);
            }
        }
        FeatureTable table = SeriesFile.read(
                Path.of(options.get("file")),
                options.getOrDefault("date", "date"),
                required(options, "outcome"),
                columns);
        int years = Integer.parseInt(options.getOrDefault("years", "10"));
        int forecasts = Integer.parseInt(options.getOrDefault("forecasts", "1000"));
        LocalDate trainUntil = table.firstDate().plusYears(years).minusDays(1);
        FeatureTable training = table.upTo(trainUntil);
        List<ForecastModel> models = EvaluationCommand.models(options.get("models"));
        out.printf(
                Locale.ROOT,
                "%nIn process: %d days of training (%s..%s), %d features%n",
                training.size(),
                training.firstDate(),
                trainUntil,
                table.featureNames().size());
        double nativeStart = EvaluationCommand.startDeepRuntime(models);
        if (!Double.isNaN(nativeStart)) {
            out.printf(
                    Locale.ROOT, "ND4J native start (once per process, not in the times below): %.1f s%n", nativeStart);
        }
        out.println();
        out.println("| model | train s | train CPU s | forecast p50 ms | forecast p99 ms | heap after training MB |"
                + " saved model KB | load |");
        out.println("|---|---|---|---|---|---|---|---|");
        long remaining = table.size() - training.size() - TrainingSettings.MAX_HORIZON;
        for (ForecastModel model : models) {
            System.gc();
            long cpu = Backtest.processCpuNanos();
            long start = System.nanoTime();
            TrainedForecast trained = model.train(training, TrainingSettings.defaults());
            double trainSeconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = cpu < 0 ? Double.NaN : (Backtest.processCpuNanos() - cpu) / 1e9;
            long heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP)
                    .mapToLong(p -> p.getUsage().getUsed())
                    .sum();
            Random random = new Random(42);
            double[] millis = new double[forecasts];
            for (int i = -WARM_UP; i < forecasts; i++) {
                LocalDate asOf = trainUntil.plusDays(1 + random.nextInt((int) Math.max(1, remaining)));
                long t = System.nanoTime();
                trained.forecast(table, asOf, TrainingSettings.MAX_HORIZON, 14);
                if (i >= 0) {
                    millis[i] = (System.nanoTime() - t) / 1e6;
                }
            }
            Arrays.sort(millis);
            out.printf(
                    Locale.ROOT,
                    "| %s | %.1f | %.1f | %.2f | %.2f | %d | %d | %.2f |%n",
                    model.name(),
                    trainSeconds,
                    cpuSeconds,
                    percentile(millis, 0.50),
                    percentile(millis, 0.99),
                    heap >> 20,
                    trained.save().length >> 10,
                    load());
        }
    }

    private static void overHttp(Map<String, String> options, PrintStream out)
            throws IOException, InterruptedException {
        String base = options.get("server").replaceAll("/+$", "");
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        String token = options.containsKey("token") ? options.get("token") : token(http, base, options);
        String location = options.containsKey("location") ? options.get("location") : demoHospital(http, base, token);
        int requests = Integer.parseInt(options.getOrDefault("requests", "1000"));
        int horizon = Integer.parseInt(options.getOrDefault("horizon", "7"));
        String condition = options.getOrDefault("condition", "respiratory");
        LocalDate from = LocalDate.parse(options.getOrDefault("as-of-from", "1998-01-01"));
        LocalDate until = LocalDate.parse(options.getOrDefault("as-of-until", "2000-12-31"));
        int span = (int) (until.toEpochDay() - from.toEpochDay()) + 1;
        Random random = new Random(42);
        double[] millis = new double[requests];
        int failures = 0;
        String lastFailure = "";
        // paced under the per-client rate limit (vigie.security.hardening.rate-limit, 1200 a minute by default)
        double perSecond = Double.parseDouble(options.getOrDefault("rate", "15"));
        long interval = (long) (1e9 / perSecond);
        long next = System.nanoTime();
        for (int i = -WARM_UP; i < requests; i++) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            next = Math.max(next, System.nanoTime()) + interval;
            LocalDate asOf = from.plusDays(random.nextInt(span));
            URI uri = URI.create(base + "/Location/" + location + "/$forecast-admissions?condition="
                    + URLEncoder.encode(condition, StandardCharsets.UTF_8) + "&horizon=" + horizon + "&asOf=" + asOf);
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .header("Authorization", "Bearer " + token)
                    .header("Accept", "application/fhir+json")
                    .timeout(Duration.ofSeconds(60))
                    .GET()
                    .build();
            long t = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            double elapsed = (System.nanoTime() - t) / 1e6;
            if (response.statusCode() != 200) {
                failures++;
                lastFailure = response.statusCode() + " " + abbreviate(response.body());
            }
            if (i >= 0) {
                millis[i] = elapsed;
            }
        }
        Arrays.sort(millis);
        out.printf(
                Locale.ROOT,
                "%nOver HTTP: %d x GET %s/Location/%s/$forecast-admissions?condition=%s&horizon=%d&asOf=<random in"
                        + " %s..%s>, sequential, %.0f a second at most, after %d warm-up requests%n%n",
                requests,
                base,
                location,
                condition,
                horizon,
                from,
                until,
                perSecond,
                WARM_UP);
        out.println("| requests | not 200 | p50 ms | p90 ms | p99 ms | max ms | load |");
        out.println("|---|---|---|---|---|---|---|");
        out.printf(
                Locale.ROOT,
                "| %d | %d | %.1f | %.1f | %.1f | %.1f | %.2f |%n",
                requests,
                failures,
                percentile(millis, 0.50),
                percentile(millis, 0.90),
                percentile(millis, 0.99),
                millis[millis.length - 1],
                load());
        if (failures > 0) {
            out.println("last failure: " + lastFailure);
        }
    }

    /** A client-credentials token from the server's built-in authorisation server. */
    private static String token(HttpClient http, String base, Map<String, String> options)
            throws IOException, InterruptedException {
        String client = options.getOrDefault("client", "vigie-demo");
        String secret = Files.readString(
                        Path.of(options.getOrDefault("secret-file", "data/security/demo-client-secret")))
                .strip();
        String root = base.replaceFirst("/fhir$", "");
        HttpRequest request = HttpRequest.newBuilder(URI.create(root + "/oauth2/token"))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope="
                        + URLEncoder.encode(options.getOrDefault("scope", "system/*.cruds"), StandardCharsets.UTF_8)))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode token =
                response.statusCode() == 200 ? JSON.readTree(response.body()).get("access_token") : null;
        if (token == null) {
            throw new IllegalStateException("no token from " + root + "/oauth2/token: " + response.statusCode() + " "
                    + abbreviate(response.body()));
        }
        return token.asText();
    }

    /** The id of the demo hospital (identifier {@code .../sid/demo-hospital|nmmaps-chicago}). */
    private static String demoHospital(HttpClient http, String base, String token)
            throws IOException, InterruptedException {
        String identifier = fr.vigie.server.forecast.ForecastDemo.HOSPITAL_SYSTEM + "|"
                + fr.vigie.server.forecast.ForecastDemo.HOSPITAL;
        HttpRequest request = HttpRequest.newBuilder(URI.create(
                        base + "/Location?identifier=" + URLEncoder.encode(identifier, StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/fhir+json")
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode entry =
                response.statusCode() == 200 ? JSON.readTree(response.body()).path("entry") : null;
        if (entry == null || entry.isEmpty()) {
            throw new IllegalStateException(
                    "demo hospital " + identifier + " not found (" + response.statusCode() + "); give --location");
        }
        return entry.get(0).path("resource").path("id").asText();
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[(int) Math.ceil(p * (sorted.length - 1))];
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    private static String required(Map<String, String> options, String key) {
        String value = options.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing --" + key);
        }
        return value;
    }
}
