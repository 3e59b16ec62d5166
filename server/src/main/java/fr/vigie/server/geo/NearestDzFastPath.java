package fr.vigie.server.geo;

import ca.uhn.fhir.rest.server.ServletRequestTracing;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import fr.vigie.server.config.VigieRestfulServer;
import fr.vigie.server.security.CallerScopes;
import fr.vigie.server.security.SmartScopeAuthorizationInterceptor;
import fr.vigie.server.security.SmartScopes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Serves the common form of {@code $nearest-dz}, {@code GET [base]/Location/$nearest-dz?latitude=&longitude=} with
 * valid parameters and a JSON answer, without HAPI's per-request machinery (request parsing and method binding,
 * interceptor broadcasts, authorisation walk over the answer): a dispatcher's query then costs about half the
 * server CPU. Everything else goes on to HAPI unchanged.
 *
 * <p>Same contract as HAPI's path, by construction:
 *
 * <ul>
 *   <li>the answer comes from the same checks and index query as the operation's HAPI method, from the same
 *       parameter types HAPI would bind, and is written in the exact JSON HAPI writes for it: same body, status 200,
 *       {@code Content-Type: application/fhir+json;charset=UTF-8}, HAPI's {@code X-Powered-By} and
 *       {@code X-Request-ID} (the caller's when valid, as HAPI does);
 *   <li>it runs after Spring Security's chain, the request-size and rate-limit filters: an unauthenticated call is
 *       already refused; the SMART rule for this operation ({@code system/Location.r} or {@code .s}, see
 *       {@link SmartScopeAuthorizationInterceptor}) is checked here, and a caller without it goes on to HAPI, which
 *       answers the 403;
 *   <li>HAPI records no AuditEvent for custom operations (its BALP interceptor audits reads, searches and writes),
 *       so none is skipped;
 *   <li>anything it does not handle exactly like HAPI goes on to HAPI: POST, another parameter ({@code _format},
 *       {@code _pretty}, {@code _summary}...), a repeated single parameter, a value HAPI would refuse or that the
 *       operation refuses (HAPI then answers the 400 naming the parameter), an {@code Accept} other than FHIR JSON
 *       (XML, or a browser's HTML page), any failure before the answer is written.
 * </ul>
 *
 * {@code NearestDzFastPathIT} compares both paths on the same requests (status, body, headers).
 */
public class NearestDzFastPath extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(NearestDzFastPath.class);

    static final String CONTENT_TYPE = "application/fhir+json;charset=UTF-8";

    private static final Set<String> SINGLE = Set.of(
            NearestDzOperationProvider.LATITUDE,
            NearestDzOperationProvider.LONGITUDE,
            NearestDzOperationProvider.COUNT,
            NearestDzOperationProvider.MAX_DISTANCE,
            NearestDzOperationProvider.NIGHT_ONLY,
            NearestDzOperationProvider.INCLUDE_INACTIVE);

    private final String path;
    private static final JsonFactory JSON = new JsonFactory();

    private final NearestDzOperationProvider operation;
    private final VigieRestfulServer server;
    private final boolean checkScopes;
    private final LongAdder served = new LongAdder();

    /**
     * @param fhirPath the FHIR base path ({@code /fhir})
     * @param checkScopes whether SMART scopes are enforced ({@link SmartScopeAuthorizationInterceptor} is active)
     */
    public NearestDzFastPath(
            String fhirPath, NearestDzOperationProvider operation, VigieRestfulServer server, boolean checkScopes) {
        this.path = fhirPath + "/Location/" + NearestDzOperationProvider.OPERATION;
        this.operation = operation;
        this.server = server;
        this.checkScopes = checkScopes;
    }

    /** How many requests this filter answered itself (the others went on to HAPI). */
    public long served() {
        return served.sum();
    }

    /** The URL pattern this filter is registered on. */
    public String urlPattern() {
        return path;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body = answer(request);
        if (body == null) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(CONTENT_TYPE);
        String poweredBy = server.poweredByHeader();
        if (poweredBy != null && !poweredBy.isBlank()) {
            response.addHeader("X-Powered-By", poweredBy);
        }
        response.addHeader("X-Request-ID", ServletRequestTracing.getOrGenerateRequestId(request));
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        served.increment();
    }

    /** The JSON answer, or {@code null} when HAPI must handle this request. */
    byte[] answer(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod())
                || !path.equals(request.getRequestURI())
                || !acceptsFhirJson(request)
                || !allowed()) {
            return null;
        }
        try {
            List<DzMatch> matches = compute(request.getParameterMap());
            return matches == null ? null : encode(matches);
        } catch (IOException | RuntimeException e) {
            // HAPI answers it (an invalid value: the same 400 naming the parameter; anything else: its usual error).
            log.debug("$nearest-dz left to HAPI: {}", e.getMessage());
            return null;
        }
    }

    /**
     * The answer as HAPI's JSON parser writes this {@code Parameters} (same members, order and number forms, checked
     * byte for byte against HAPI's answer by {@code NearestDzFastPathIT}), written with Jackson directly: HAPI's
     * generic encoder was a quarter of the request's CPU.
     */
    private byte[] encode(List<DzMatch> matches) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(160 + 420 * matches.size());
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("resourceType", "Parameters");
            if (!matches.isEmpty()) {
                json.writeArrayFieldStart("parameter");
                for (DzMatch match : matches) {
                    json.writeStartObject();
                    json.writeStringField("name", "match");
                    json.writeArrayFieldStart("part");
                    json.writeStartObject();
                    json.writeStringField("name", "location");
                    json.writeObjectFieldStart("valueReference");
                    json.writeStringField(
                            "reference", "Location/" + match.point().id());
                    String display = operation.display(match);
                    if (display != null && !display.isEmpty()) {
                        json.writeStringField("display", display);
                    }
                    json.writeEndObject();
                    json.writeEndObject();
                    quantity(json, "distance", NearestDzOperationProvider.distance(match), "m", "m");
                    quantity(
                            json,
                            "bearing",
                            NearestDzOperationProvider.bearing(match),
                            NearestDzOperationProvider.BEARING_UNIT,
                            "deg");
                    quantity(json, "flightMinutes", NearestDzOperationProvider.flightMinutes(match), "min", "min");
                    json.writeEndArray();
                    json.writeEndObject();
                }
                json.writeEndArray();
            }
            json.writeEndObject();
        }
        return out.toByteArray();
    }

    private static void quantity(JsonGenerator json, String name, BigDecimal value, String unit, String code)
            throws IOException {
        json.writeStartObject();
        json.writeStringField("name", name);
        json.writeObjectFieldStart("valueQuantity");
        json.writeNumberField("value", value);
        json.writeStringField("unit", unit);
        json.writeStringField("system", NearestDzOperationProvider.UCUM);
        json.writeStringField("code", code);
        json.writeEndObject();
        json.writeEndObject();
    }

    private List<DzMatch> compute(Map<String, String[]> parameters) {
        DecimalType latitude = null;
        DecimalType longitude = null;
        IntegerType count = null;
        DecimalType maxDistance = null;
        List<CodeType> dzType = null;
        BooleanType nightOnly = null;
        BooleanType includeInactive = null;
        for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            String[] values = parameter.getValue();
            if (NearestDzOperationProvider.DZ_TYPE.equals(name)) {
                dzType = new ArrayList<>();
                for (String value : values) {
                    if (!isPlainCode(value)) {
                        return null;
                    }
                    dzType.add(new CodeType(value));
                }
                continue;
            }
            if (!SINGLE.contains(name) || values.length != 1 || values[0].isEmpty()) {
                return null;
            }
            String value = values[0];
            switch (name) {
                case NearestDzOperationProvider.LATITUDE -> latitude = decimal(value);
                case NearestDzOperationProvider.LONGITUDE -> longitude = decimal(value);
                case NearestDzOperationProvider.COUNT -> count = new IntegerType(Integer.parseInt(value));
                case NearestDzOperationProvider.MAX_DISTANCE -> maxDistance = decimal(value);
                case NearestDzOperationProvider.NIGHT_ONLY -> nightOnly = bool(value);
                default -> includeInactive = bool(value);
            }
        }
        if (latitude == null || longitude == null) {
            return null;
        }
        return operation.matchesNearPoint(latitude, longitude, count, maxDistance, dzType, nightOnly, includeInactive);
    }

    /** A decimal as HAPI binds it (plain or exponent notation), throwing on anything else. */
    private static DecimalType decimal(String value) {
        return new DecimalType(new BigDecimal(value));
    }

    /** {@code true} or {@code false} exactly, as HAPI's boolean binding; anything else throws. */
    private static BooleanType bool(String value) {
        return switch (value) {
            case "true" -> new BooleanType(true);
            case "false" -> new BooleanType(false);
            default -> throw new IllegalArgumentException("not a boolean: " + value);
        };
    }

    /** A code HAPI would bind as one value: no comma (list syntax), no escape, no space at the ends. */
    private static boolean isPlainCode(String value) {
        return !value.isEmpty() && value.equals(value.strip()) && value.indexOf(',') < 0 && value.indexOf('\\') < 0;
    }

    /** No {@code Accept}, any type, or FHIR JSON; browsers (HTML) and XML go to HAPI. */
    private static boolean acceptsFhirJson(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        if (accept == null || accept.isBlank()) {
            return true;
        }
        String type = accept.strip();
        int semicolon = type.indexOf(';');
        if (semicolon >= 0) {
            type = type.substring(0, semicolon).strip();
        }
        return type.equals("application/fhir+json") || type.equals("*/*");
    }

    /** The SMART rule of {@code $nearest-dz}: read or search on Location. */
    private boolean allowed() {
        if (!checkScopes) {
            return true;
        }
        SmartScopes scopes = CallerScopes.current();
        return scopes.allows("Location", SmartScopes.Permission.READ)
                || scopes.allows("Location", SmartScopes.Permission.SEARCH);
    }
}
