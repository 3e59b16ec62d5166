package fr.vigie.server.security.hardening;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.NotImplementedOperationException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import fr.vigie.server.config.FhirServerInterceptor;
import java.util.Objects;
import java.util.UUID;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps server-side failures of the FHIR endpoint from telling clients how the server is built: a 5xx answer or an
 * unexpected exception is logged in full at ERROR with a fresh reference id, and the client gets only
 * {@code Internal error, reference <id>: the server logged the details}, which it can quote to the operator.
 *
 * <p>Why: by default HAPI puts the exception's message in the {@code OperationOutcome} of a 500, e.g.
 * {@code HAPI-0389: Failed to call access method: org.hibernate.exception.SQLGrammarException: ... [select ... from
 * hfj_resource ...]}: class names, SQL, table names and sometimes file paths or data values, which under the HDS rules
 * (and for an attacker probing the server) must not leave it.
 *
 * <p>Client errors pass through unchanged, since their message says what to fix: every exception with a status below
 * 500, unparseable content ({@link DataFormatException}, which HAPI answers with 400) and {@code 501 Not Implemented}
 * (an operation or interaction this server does not offer). The status of other 5xx answers (502, 503...) is kept.
 * The sanitized exception carries its own {@code OperationOutcome}, so HAPI does not log the failure a second time.
 */
@Component
@Interceptor
public class ErrorSanitizingInterceptor implements FhirServerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(ErrorSanitizingInterceptor.class);

    /**
     * Replaces a server-side failure by a sanitized one; returns {@code null} (HAPI's own handling) for client errors.
     */
    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    public BaseServerResponseException sanitize(RequestDetails request, Throwable exception) {
        if (isClientError(exception)) {
            return null;
        }
        String reference = UUID.randomUUID().toString();
        log.error(
                "Internal error, reference {}, on {} {}",
                reference,
                request == null ? "?" : Objects.toString(request.getRequestType(), "?"),
                request == null ? "?" : Objects.toString(request.getRequestPath(), "?"),
                exception);
        String diagnostics = "Internal error, reference " + reference + ": the server logged the details";
        BaseServerResponseException sanitized =
                exception instanceof BaseServerResponseException failure && failure.getStatusCode() != 500
                        ? new UnclassifiedServerFailureException(failure.getStatusCode(), diagnostics)
                        : new InternalErrorException(diagnostics);
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.EXCEPTION)
                .setDiagnostics(diagnostics);
        sanitized.setOperationOutcome(outcome);
        return sanitized;
    }

    private static boolean isClientError(Throwable exception) {
        if (exception instanceof BaseServerResponseException response) {
            return response.getStatusCode() < 500 || response instanceof NotImplementedOperationException;
        }
        return exception instanceof DataFormatException;
    }
}
