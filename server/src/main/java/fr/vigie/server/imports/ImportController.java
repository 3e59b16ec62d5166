package fr.vigie.server.imports;

import ca.uhn.fhir.context.FhirContext;
import fr.vigie.routes.common.FeedInfo;
import fr.vigie.routes.common.ImportReport;
import fr.vigie.routes.common.ImportService;
import fr.vigie.routes.common.ImportTargetException;
import fr.vigie.routes.common.MetadataJson;
import fr.vigie.routes.common.UnknownFeedException;
import fr.vigie.routes.common.UnreadableImportException;
import fr.vigie.routes.common.UnsupportedImportFormatException;
import fr.vigie.server.security.CallerScopes;
import fr.vigie.server.security.SmartScopes;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * HTTP side of the import framework: {@code POST /import/{feed}?format=X} with the file as the request body.
 *
 * <p>Answers the JSON import report (200), or, with {@code Prefer: respond-async}, 202 with a
 * {@code Content-Location} pointing at {@code /import/jobs/{id}}, which shows the report as it grows. A file that
 * cannot be read at all gets 400, an unsupported format or content type 415, an unknown feed 404; errors are FHIR
 * {@code OperationOutcome}s saying what to fix. The source name written in the report is the {@code source} query
 * parameter, else the file name of a {@code Content-Disposition} header, else {@code http-upload}. A
 * {@code multipart/form-data} body carries the file in part {@code file} and its metadata (the {@code documents}
 * feed's patient, type, date...) as form fields or a JSON part {@code metadata}.
 */
@RestController
@RequestMapping("/import")
public class ImportController {

    private static final Logger log = LoggerFactory.getLogger(ImportController.class);
    private static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json");

    private final ImportService imports;
    private final FhirContext fhirContext;
    private final ImportAudit audit;

    public ImportController(ImportService imports, FhirContext fhirContext, ImportAudit audit) {
        this.imports = imports;
        this.fhirContext = fhirContext;
        this.audit = audit;
    }

    /** The feeds this server accepts, with their formats. */
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    public List<FeedInfo> feeds() {
        return imports.feeds();
    }

    @PostMapping("/{feed}")
    public ResponseEntity<?> importFile(
            @PathVariable String feed,
            @RequestHeader(value = "Prefer", required = false) String prefer,
            @RequestHeader(value = HttpHeaders.CONTENT_DISPOSITION, required = false) String disposition,
            HttpServletRequest request)
            throws IOException {
        // Query parameters are parsed by hand: asking the servlet container for them would make it consume a body
        // sent as application/x-www-form-urlencoded (curl's default for --data-binary) as form fields.
        MultiValueMap<String, String> query = UriComponentsBuilder.newInstance()
                .query(request.getQueryString())
                .build()
                .getQueryParams();
        String format = decoded(query.getFirst("format"));
        String sourceName = sourceName(decoded(query.getFirst("source")), disposition);
        Optional<String> refused = missingWriteScope(imports.handler(feed).resourceTypes());
        if (refused.isPresent()) {
            audit.record(feed, sourceName, null, "refused: " + refused.get());
            return outcome(HttpStatus.FORBIDDEN, OperationOutcome.IssueType.FORBIDDEN, refused.get());
        }
        if (isMultipart(request.getContentType())) {
            return importMultipart(feed, format, decoded(query.getFirst("source")), prefer, request);
        }
        try (PushbackInputStream body = new PushbackInputStream(request.getInputStream(), 1)) {
            int first = body.read();
            if (first < 0) {
                return outcome(
                        HttpStatus.BAD_REQUEST,
                        OperationOutcome.IssueType.REQUIRED,
                        "The request body is empty: send the file itself as the body (curl --data-binary @file)");
            }
            body.unread(first);
            if (prefer != null && prefer.toLowerCase(Locale.ROOT).contains("respond-async")) {
                String id = imports.submit(feed, format, sourceName, request.getContentType(), body);
                ImportReport snapshot = imports.job(id).orElseThrow();
                audit.record(feed, sourceName, snapshot, "accepted for asynchronous import");
                return ResponseEntity.status(HttpStatus.ACCEPTED)
                        .header(HttpHeaders.CONTENT_LOCATION, statusUrl(request, id))
                        .body(snapshot);
            }
            ImportReport report = imports.run(feed, format, sourceName, request.getContentType(), body);
            audit.record(feed, sourceName, report, null);
            return ResponseEntity.ok(report);
        }
    }

    /**
     * A multipart upload ({@code multipart/form-data}): the file in part {@code file}; its metadata as a JSON object in
     * part {@code metadata} and/or as plain form fields (fields win over the JSON). Used by the {@code documents}
     * feed (patient, encounter, type, date, author).
     */
    private ResponseEntity<?> importMultipart(
            String feed, String format, String source, String prefer, HttpServletRequest request) throws IOException {
        Part file;
        Part metadataPart;
        try {
            file = request.getPart("file");
            metadataPart = request.getPart("metadata");
        } catch (ServletException | IllegalStateException e) {
            return outcome(
                    HttpStatus.BAD_REQUEST,
                    OperationOutcome.IssueType.INVALID,
                    "The multipart body cannot be read: " + e.getMessage());
        }
        if (file == null || file.getSize() == 0) {
            return outcome(
                    HttpStatus.BAD_REQUEST,
                    OperationOutcome.IssueType.REQUIRED,
                    "A multipart import needs the file in a non-empty part named 'file' (curl -F file=@note.pdf)");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        if (metadataPart != null && metadataPart.getSubmittedFileName() != null) {
            try (InputStream in = metadataPart.getInputStream()) {
                metadata.putAll(MetadataJson.read("the multipart part 'metadata'", in));
            }
        } else if (request.getParameter("metadata") != null) {
            metadata.putAll(MetadataJson.read(
                    "the multipart field 'metadata'",
                    new java.io.ByteArrayInputStream(
                            request.getParameter("metadata").getBytes(StandardCharsets.UTF_8))));
        }
        Set<String> queryNames = UriComponentsBuilder.newInstance()
                .query(request.getQueryString())
                .build()
                .getQueryParams()
                .keySet();
        request.getParameterMap().forEach((name, values) -> {
            if (!name.equals("metadata") && !queryNames.contains(name) && values.length > 0) {
                metadata.put(name, values[0]);
            }
        });
        String sourceName = source != null && !source.isBlank()
                ? source
                : file.getSubmittedFileName() == null ? "http-upload" : file.getSubmittedFileName();
        try (InputStream body = file.getInputStream()) {
            if (prefer != null && prefer.toLowerCase(Locale.ROOT).contains("respond-async")) {
                String id = imports.submit(feed, format, sourceName, file.getContentType(), body, metadata);
                ImportReport snapshot = imports.job(id).orElseThrow();
                audit.record(feed, sourceName, snapshot, "accepted for asynchronous import");
                return ResponseEntity.status(HttpStatus.ACCEPTED)
                        .header(HttpHeaders.CONTENT_LOCATION, statusUrl(request, id))
                        .body(snapshot);
            }
            ImportReport report = imports.run(feed, format, sourceName, file.getContentType(), body, metadata);
            audit.record(feed, sourceName, report, null);
            return ResponseEntity.ok(report);
        }
    }

    private static boolean isMultipart(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    /** The SMART scope the caller lacks to write what this feed writes, if any. */
    static Optional<String> missingWriteScope(Set<String> resourceTypes) {
        SmartScopes scopes = CallerScopes.current();
        for (String type : resourceTypes) {
            boolean allowed = type.equals("*")
                    ? scopes.scopes().stream()
                            .anyMatch(scope -> scope.allTypes()
                                    && scope.permissions().contains(SmartScopes.Permission.CREATE)
                                    && scope.permissions().contains(SmartScopes.Permission.UPDATE))
                    : scopes.allows(type, SmartScopes.Permission.CREATE)
                            && scopes.allows(type, SmartScopes.Permission.UPDATE);
            if (!allowed) {
                return Optional.of("This feed writes " + (type.equals("*") ? "resources of any type" : type)
                        + ": the token needs system/" + type + ".cu (or .cruds)");
            }
        }
        return Optional.empty();
    }

    private static String decoded(String value) {
        return value == null ? null : URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    /** An import job's report: running counts while it runs, the final report once finished. */
    @GetMapping("/jobs/{id}")
    public ResponseEntity<?> job(@PathVariable String id) {
        return imports.job(id)
                .<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> outcome(
                        HttpStatus.NOT_FOUND,
                        OperationOutcome.IssueType.NOTFOUND,
                        "No import job " + id + ": job ids come from the Content-Location of a 202 answer"));
    }

    /** Recent import jobs of this node, newest first. */
    @GetMapping(value = "/jobs", produces = MediaType.APPLICATION_JSON_VALUE)
    public List<ImportReport> jobs() {
        return imports.jobs();
    }

    @ExceptionHandler(UnknownFeedException.class)
    ResponseEntity<String> unknownFeed(UnknownFeedException e) {
        return outcome(HttpStatus.NOT_FOUND, OperationOutcome.IssueType.NOTFOUND, e.getMessage());
    }

    @ExceptionHandler(UnsupportedImportFormatException.class)
    ResponseEntity<String> unsupported(UnsupportedImportFormatException e) {
        return outcome(HttpStatus.UNSUPPORTED_MEDIA_TYPE, OperationOutcome.IssueType.NOTSUPPORTED, e.getMessage());
    }

    @ExceptionHandler(UnreadableImportException.class)
    ResponseEntity<String> unreadable(UnreadableImportException e) {
        return outcome(HttpStatus.BAD_REQUEST, OperationOutcome.IssueType.INVALID, e.getMessage());
    }

    @ExceptionHandler(ImportTargetException.class)
    ResponseEntity<String> targetUnavailable(ImportTargetException e) {
        log.warn("Import stopped, FHIR target unavailable: {}", e.getMessage());
        return outcome(
                HttpStatus.BAD_GATEWAY,
                OperationOutcome.IssueType.TRANSIENT,
                e.getMessage() + " (rows already written are kept; send the file again once the target is back:"
                        + " re-imports are idempotent)");
    }

    private ResponseEntity<String> outcome(HttpStatus status, OperationOutcome.IssueType type, String message) {
        log.debug("Import answered {}: {}", status.value(), message);
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(type)
                .setDiagnostics(message);
        return ResponseEntity.status(status)
                .contentType(FHIR_JSON)
                .body(fhirContext.newJsonParser().encodeResourceToString(outcome));
    }

    private static String sourceName(String source, String disposition) {
        if (source != null && !source.isBlank()) {
            return source;
        }
        if (disposition != null && !disposition.isBlank()) {
            try {
                String filename = ContentDisposition.parse(disposition).getFilename();
                if (filename != null && !filename.isBlank()) {
                    return filename;
                }
            } catch (IllegalArgumentException e) {
                log.debug("Ignoring malformed Content-Disposition: {}", disposition);
            }
        }
        return "http-upload";
    }

    private static String statusUrl(HttpServletRequest request, String id) {
        String base = request.getRequestURL().toString();
        URI uri = URI.create(base).resolve(request.getContextPath() + "/import/jobs/" + id);
        return uri.toString();
    }
}
