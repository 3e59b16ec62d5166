package fr.vigie.server.forecast;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import fr.vigie.server.forecast.eval.ForecastMetrics;
import fr.vigie.server.forecast.model.DayForecast;
import fr.vigie.server.operation.VigieOperationProvider;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;

/**
 * {@code Location/{id}/$train-forecast} and {@code Location/{id}/$forecast-admissions}: daily admissions forecasts
 * for a hospital, with 80 %/95 % intervals and peak probabilities, from its admission history and environment
 * ({@link ForecastService}). Decision support: every answer names its model (id, kind, training window) and threshold.
 *
 * <p>{@code $train-forecast} with {@code Prefer: respond-async} answers 202 with {@code Content-Location} pointing to
 * {@code Location/{id}/$train-forecast-status?job=…}, which answers 202 with the progress while the run goes on, then
 * 200 with the same Parameters a synchronous call returns (or the run's error). Its parameters are read from the URL
 * ({@code POST …/$train-forecast?condition=…&until=…}).
 */
@Component
public class ForecastOperationProvider implements VigieOperationProvider {

    public static final String TRAIN = "$train-forecast";
    public static final String STATUS = "$train-forecast-status";
    public static final String FORECAST = "$forecast-admissions";
    public static final String CONDITION = "condition";
    public static final String UNTIL = "until";
    public static final String MODEL = "model";
    public static final String PEAK_THRESHOLD = "peakThreshold";
    public static final String HORIZON = "horizon";
    public static final String AS_OF = "asOf";
    public static final String JOB = "job";
    public static final String CAPACITY = "capacity";

    private final ForecastService service;
    private final TrainingJobs jobs;
    private final ForecastProperties properties;
    private final FhirContext fhir = FhirContext.forR4Cached();

    public ForecastOperationProvider(ForecastService service, TrainingJobs jobs, ForecastProperties properties) {
        this.service = service;
        this.jobs = jobs;
        this.properties = properties;
    }

    @Description(
            shortDefinition = "Train an admissions forecast model for a hospital",
            value = "Trains on the hospital's daily admissions for the condition (admissions feed and Encounters whose"
                    + " reasonCode is in the condition's CIM-10 ValueSet) and its environment, dated up to 'until'"
                    + " only; backtests every model tried on the last year of that window and stores the model with"
                    + " its model card. Prefer: respond-async gives 202 and a status URL.")
    // manualRequest: HAPI then reads the parameters from the URL of the POST, as the contract writes them
    @Operation(name = TRAIN, type = Location.class, idempotent = false, manualResponse = true, manualRequest = true)
    public void train(
            @IdParam IIdType id,
            @Description(value = "respiratory | copd | asthma") @OperationParam(name = CONDITION, min = 1, max = 1)
                    StringType condition,
            @Description(value = "Last day of the training window, YYYY-MM-DD (default: yesterday)")
                    @OperationParam(name = UNTIL, max = 1)
                    StringType until,
            @Description(value = "auto (best backtest MAE) | seasonal-naive | glm | xgboost | lstm | cnn | cnn-lstm")
                    @OperationParam(name = MODEL, max = 1)
                    StringType model,
            @Description(
                            value = "Admissions a day above which a day is a peak (default: 90th percentile of the"
                                    + " training window)")
                    @OperationParam(name = PEAK_THRESHOLD, max = 1)
                    DecimalType peakThreshold,
            ServletRequestDetails request) {
        String locationId = id.getIdPart();
        ForecastCondition cond = condition(condition);
        LocalDate end = date(UNTIL, until, today().minusDays(1));
        double threshold = threshold(peakThreshold);
        String modelName = text(model);
        run(() -> service.candidates(modelName));
        String prefer = request.getHeader("Prefer");
        if (prefer != null && prefer.toLowerCase(Locale.ROOT).contains("respond-async")) {
            TrainingJobs.Job job = jobs.start(
                    locationId,
                    j -> service.train(
                            locationId, cond, end, modelName, threshold, (f, m) -> TrainingJobs.report(j, f, m)));
            String statusUrl =
                    request.getFhirServerBase() + "/Location/" + locationId + "/" + STATUS + "?" + JOB + "=" + job.id();
            HttpServletResponse response = request.getServletResponse();
            response.setHeader("Content-Location", statusUrl);
            write(request, HttpServletResponse.SC_ACCEPTED, progress(job, statusUrl));
            return;
        }
        ForecastService.TrainingResult result =
                run(() -> service.train(locationId, cond, end, modelName, threshold, (f, m) -> {}));
        write(request, HttpServletResponse.SC_OK, trainingParameters(result));
    }

    @Description(
            shortDefinition = "Status of an asynchronous $train-forecast",
            value = "202 with progress while the training runs, then 200 with the training result")
    @Operation(name = STATUS, type = Location.class, idempotent = true, manualResponse = true)
    public void status(
            @IdParam IIdType id,
            @Description(value = "The job id of the Content-Location returned by $train-forecast")
                    @OperationParam(name = JOB, min = 1, max = 1)
                    StringType job,
            ServletRequestDetails request) {
        String jobId = text(job);
        TrainingJobs.Job found = jobs.get(jobId == null ? "" : jobId)
                .filter(j -> j.locationId().equals(id.getIdPart()))
                .orElseThrow(() -> new ResourceNotFoundException("no training job '" + jobId + "' for Location/"
                        + id.getIdPart() + " on this server (jobs are kept one day)"));
        if (!found.done()) {
            request.getServletResponse().setHeader("X-Progress", Math.round(found.progress() * 100) + "%");
            write(request, HttpServletResponse.SC_ACCEPTED, progress(found, null));
            return;
        }
        if (found.failure() != null) {
            throw map(found.failure());
        }
        write(request, HttpServletResponse.SC_OK, trainingParameters(found.result()));
    }

    @Description(
            shortDefinition = "Forecast daily admissions at a hospital",
            value = "One 'day' per date from asOf (included) for 'horizon' days: expected admissions, 80 % and 95 %"
                    + " intervals and the probability of exceeding the peak threshold, from data dated before asOf"
                    + " only; plus the model and the threshold used")
    @Operation(name = FORECAST, type = Location.class, idempotent = true)
    public Parameters forecast(
            @IdParam IIdType id,
            @Description(value = "Days to forecast, 1-14") @OperationParam(name = HORIZON, min = 1, max = 1)
                    IntegerType horizon,
            @Description(value = "respiratory | copd | asthma") @OperationParam(name = CONDITION, min = 1, max = 1)
                    StringType condition,
            @Description(value = "First forecast day, YYYY-MM-DD (default today); only data dated before it is used")
                    @OperationParam(name = AS_OF, max = 1)
                    StringType asOf,
            @Description(value = "Model id returned by $train-forecast (default: the latest for the condition)")
                    @OperationParam(name = MODEL, max = 1)
                    StringType model,
            @Description(value = "Admissions a day above which a day is a peak (default: the model's)")
                    @OperationParam(name = PEAK_THRESHOLD, max = 1)
                    DecimalType peakThreshold,
            @Description(
                            value = "Admissions a day the hospital can take (beds, staff): each day then also gives"
                                    + " probabilityAboveCapacity, P(count > capacity) from the same predictive"
                                    + " distribution as peakProbability")
                    @OperationParam(name = CAPACITY, max = 1)
                    DecimalType capacity) {
        if (horizon == null || horizon.getValue() == null) {
            throw new InvalidRequestException("horizon is required: the number of days to forecast, 1-14");
        }
        ForecastCondition cond = condition(condition);
        LocalDate start = date(AS_OF, asOf, today());
        double capacityValue = nonNegative(CAPACITY, capacity);
        ForecastService.ForecastResult result = run(() -> service.forecast(
                id.getIdPart(), cond, horizon.getValue(), start, text(model), threshold(peakThreshold), capacityValue));
        Parameters out = new Parameters();
        for (int i = 0; i < result.days().size(); i++) {
            DayForecast day = result.days().get(i);
            Parameters.ParametersParameterComponent p = out.addParameter().setName("day");
            p.addPart().setName("date").setValue(new DateType(day.date().toString()));
            p.addPart().setName("expected").setValue(decimal(day.expected()));
            p.addPart().setName("lower80").setValue(decimal(day.lower80()));
            p.addPart().setName("upper80").setValue(decimal(day.upper80()));
            p.addPart().setName("lower95").setValue(decimal(day.lower95()));
            p.addPart().setName("upper95").setValue(decimal(day.upper95()));
            p.addPart().setName("peakProbability").setValue(decimal(day.peakProbability()));
            if (!result.aboveCapacity().isEmpty()) {
                p.addPart()
                        .setName("probabilityAboveCapacity")
                        .setValue(decimal(result.aboveCapacity().get(i)));
            }
        }
        ModelCard card = result.card();
        out.addParameter().setName("model").setValue(new StringType(card.id()));
        out.addParameter().setName("threshold").setValue(decimal(result.threshold()));
        out.addParameter().setName("modelKind").setValue(new StringType(card.model()));
        out.addParameter().setName("modelVersion").setValue(new StringType(card.version()));
        out.addParameter().setName("trainedUntil").setValue(new DateType(card.trainedUntil()));
        out.addParameter().setName("condition").setValue(new StringType(card.condition()));
        if (!Double.isNaN(result.capacity())) {
            out.addParameter().setName(CAPACITY).setValue(decimal(result.capacity()));
        }
        return out;
    }

    private Parameters trainingParameters(ForecastService.TrainingResult result) {
        Parameters out = new Parameters();
        ModelCard card = result.card();
        out.addParameter().setName("model").setValue(new StringType(card.id()));
        out.addParameter().setName("modelKind").setValue(new StringType(card.model()));
        out.addParameter().setName("modelVersion").setValue(new StringType(card.version()));
        out.addParameter().setName("modelCard").setValue(new Reference("DocumentReference/" + result.documentId()));
        out.addParameter().setName("threshold").setValue(decimal(card.peakThreshold()));
        out.addParameter().setName("trainedFrom").setValue(new DateType(card.trainedFrom()));
        out.addParameter().setName("trainedUntil").setValue(new DateType(card.trainedUntil()));
        out.addParameter()
                .setName("backtestFrom")
                .setValue(new DateType(card.backtestPeriod().get(0)));
        out.addParameter()
                .setName("backtestUntil")
                .setValue(new DateType(card.backtestPeriod().get(1)));
        for (Map.Entry<String, ForecastMetrics> e : result.backtest().entrySet()) {
            ForecastMetrics m = e.getValue();
            Parameters.ParametersParameterComponent p = out.addParameter().setName("backtest");
            p.addPart().setName("model").setValue(new StringType(e.getKey()));
            p.addPart().setName("days").setValue(new IntegerType(m.days()));
            addIfNumber(p, "mae", m.mae());
            addIfNumber(p, "rmse", m.rmse());
            addIfNumber(p, "mape", m.mape());
            addIfNumber(p, "auroc", m.auroc());
            addIfNumber(p, "brier", m.brier());
            addIfNumber(p, "coverage80", m.coverage80());
            addIfNumber(p, "coverage95", m.coverage95());
            Parameters.ParametersParameterComponent cm = p.addPart().setName("confusionMatrix");
            cm.addPart().setName("truePositives").setValue(new IntegerType(m.truePositives()));
            cm.addPart().setName("falsePositives").setValue(new IntegerType(m.falsePositives()));
            cm.addPart().setName("falseNegatives").setValue(new IntegerType(m.falseNegatives()));
            cm.addPart().setName("trueNegatives").setValue(new IntegerType(m.trueNegatives()));
        }
        return out;
    }

    private static Parameters progress(TrainingJobs.Job job, String statusUrl) {
        Parameters out = new Parameters();
        out.addParameter().setName("job").setValue(new StringType(job.id()));
        out.addParameter().setName("status").setValue(new StringType(job.done() ? "done" : "in-progress"));
        out.addParameter().setName("progress").setValue(decimal(job.progress()));
        out.addParameter().setName("message").setValue(new StringType(job.message()));
        if (statusUrl != null) {
            out.addParameter().setName("statusUrl").setValue(new StringType(statusUrl));
        }
        return out;
    }

    private void write(ServletRequestDetails request, int status, Parameters body) {
        HttpServletResponse response = request.getServletResponse();
        response.setStatus(status);
        response.setContentType("application/fhir+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        try {
            response.getWriter().write(fhir.newJsonParser().encodeResourceToString(body));
            response.getWriter().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void addIfNumber(Parameters.ParametersParameterComponent p, String name, double value) {
        // NaN (e.g. AUROC on a period without a peak day) has no FHIR decimal: the part is left out
        if (Double.isFinite(value)) {
            p.addPart().setName(name).setValue(decimal(value));
        }
    }

    private static DecimalType decimal(double value) {
        return new DecimalType(BigDecimal.valueOf(value)
                .setScale(4, java.math.RoundingMode.HALF_EVEN)
                .stripTrailingZeros());
    }

    private <T> T run(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            throw map(e);
        }
    }

    private static BaseServerResponseException map(RuntimeException e) {
        if (e instanceof BaseServerResponseException already) {
            return already;
        }
        if (e instanceof ForecastException f) {
            return f.isBadRequest()
                    ? new InvalidRequestException(f.getMessage())
                    : new UnprocessableEntityException(f.getMessage());
        }
        return new InternalErrorException("forecast failed", e);
    }

    private static ForecastCondition condition(StringType condition) {
        String code = text(condition);
        if (code == null) {
            throw new InvalidRequestException("condition is required: one of " + ForecastCondition.allowed());
        }
        return ForecastCondition.of(code)
                .orElseThrow(() -> new InvalidRequestException(
                        "unknown condition '" + code + "': use one of " + ForecastCondition.allowed()));
    }

    private static LocalDate date(String name, StringType value, LocalDate otherwise) {
        String text = text(value);
        if (text == null) {
            return otherwise;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException(name + " '" + text + "' is not a date: write YYYY-MM-DD");
        }
    }

    private static double threshold(DecimalType value) {
        return nonNegative(PEAK_THRESHOLD, value);
    }

    /** An optional count of admissions a day: NaN when absent. */
    private static double nonNegative(String name, DecimalType value) {
        if (value == null || value.getValue() == null) {
            return Double.NaN;
        }
        double t = value.getValue().doubleValue();
        if (t < 0) {
            throw new InvalidRequestException(name + " must be >= 0 admissions a day, got " + t);
        }
        return t;
    }

    private static String text(StringType value) {
        return value == null || value.getValue() == null || value.getValue().isBlank()
                ? null
                : value.getValue().strip();
    }

    private LocalDate today() {
        return LocalDate.now(properties.zone());
    }
}
