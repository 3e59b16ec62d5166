package fr.vigie.server.security.hardening;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps the request body size on the FHIR base ({@code vigie.security.hardening.max-fhir-request-bytes}, 50 MiB by
 * default) and on {@code /import} ({@code max-import-request-bytes}, 200 MiB), answering HTTP 413 with an
 * {@code OperationOutcome} (issue {@code too-costly}) that says the limit and what to do instead.
 *
 * <p>Why: neither Tomcat nor HAPI limit a JSON or XML body, and HAPI parses a whole Bundle in memory, so a few large
 * requests could exhaust the heap and deny service to every hospital system connected.
 *
 * <p>A body announced by {@code Content-Length} is refused before any of it is read. A chunked body is counted as it
 * is read: past the limit, reading throws {@link RequestBodyTooLargeException}, whatever the endpoint then writes is
 * discarded (see {@link OverflowGuardedResponse}) and this filter answers 413, unless the response was already
 * committed. A 413 closes the connection ({@code Connection: close}) so the server does not read the rest of the body.
 * Registered by {@link HardeningConfig} ahead of every other filter, Spring Security included: the size check needs
 * no identity and costs nothing.
 */
public class RequestSizeLimitFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RequestSizeLimitFilter.class);

    private final HardeningProperties properties;
    private final GuardedPaths paths;
    private final FhirContext fhirContext;

    /**
     * @param fhirPath the FHIR base path ({@code vigie.fhir.path})
     */
    public RequestSizeLimitFilter(HardeningProperties properties, String fhirPath, FhirContext fhirContext) {
        this.properties = properties;
        this.paths = new GuardedPaths(fhirPath);
        this.fhirContext = fhirContext;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return paths.endpointOf(request).isEmpty();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String endpoint = paths.endpointOf(request).orElseThrow();
        long limit = limitOf(endpoint);
        long announced = request.getContentLengthLong();
        if (announced > limit) {
            reject(request, response, endpoint, limit, announced + " bytes announced");
            return;
        }
        // Also counted when a length was announced: the check then costs little and does not rely on the container.
        SizeLimitedRequest limited = new SizeLimitedRequest(request, limit);
        OverflowGuardedResponse guarded = new OverflowGuardedResponse(response, limited::overflowed);
        try {
            chain.doFilter(limited, guarded);
        } catch (IOException | ServletException | RuntimeException e) {
            if (!limited.overflowed()) {
                throw e;
            }
            log.debug("Reading the body of {} {} failed past the limit", request.getMethod(), endpoint, e);
        }
        if (limited.overflowed()) {
            if (response.isCommitted()) {
                log.warn(
                        "Body of {} {} from {} went past the {} limit after the response was committed",
                        request.getMethod(),
                        GuardedPaths.path(request),
                        request.getRemoteAddr(),
                        FhirErrorResponse.size(limit));
                return;
            }
            response.reset();
            reject(request, response, endpoint, limit, "chunked");
        }
    }

    private long limitOf(String endpoint) {
        return GuardedPaths.IMPORT.equals(endpoint)
                ? properties.maxImportRequestBytes()
                : properties.maxFhirRequestBytes();
    }

    private void reject(
            HttpServletRequest request, HttpServletResponse response, String endpoint, long limit, String detail)
            throws IOException {
        log.warn(
                "Refused {} {} from {}: body larger than the {} limit ({})",
                request.getMethod(),
                GuardedPaths.path(request),
                request.getRemoteAddr(),
                FhirErrorResponse.size(limit),
                detail);
        response.setHeader(HttpHeaders.CONNECTION, "close");
        FhirErrorResponse.write(
                response,
                fhirContext,
                HttpStatus.PAYLOAD_TOO_LARGE.value(),
                IssueType.TOOCOSTLY,
                advice(endpoint, limit));
    }

    private String advice(String endpoint, long limit) {
        String refused = "Request body larger than the " + FhirErrorResponse.size(limit) + " accepted on " + endpoint;
        if (GuardedPaths.IMPORT.equals(endpoint)) {
            return refused + ": split the file into smaller ones, or drop it into the server's import inbox"
                    + " (folder <inbox>/<feed>/), which this limit does not apply to";
        }
        return refused + ": split the Bundle into smaller transactions or batches, or send the resources as NDJSON to "
                + GuardedPaths.IMPORT + "/resources?format=ndjson (up to "
                + FhirErrorResponse.size(properties.maxImportRequestBytes()) + ") or through the import inbox";
    }
}
