package fr.vigie.server.security.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.NotImplementedOperationException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ErrorSanitizingInterceptorTest {

    private static final String SQL_FAILURE = "could not execute statement [ERROR: relation \"hfj_resource\" does not"
            + " exist] [select rt.res_id from hfj_resource rt where rt.res_id=?]";

    private final ErrorSanitizingInterceptor interceptor = new ErrorSanitizingInterceptor();

    @Test
    void replacesAnUnexpectedExceptionByAReference() {
        BaseServerResponseException sanitized = interceptor.sanitize(
                new SystemRequestDetails(), new IllegalStateException(SQL_FAILURE, new RuntimeException("/var/data")));

        assertThat(sanitized).isInstanceOf(InternalErrorException.class);
        assertThat(sanitized.getStatusCode()).isEqualTo(500);
        assertThat(sanitized.getMessage())
                .matches("Internal error, reference [0-9a-f-]{36}: the server logged the details");
        assertThat(sanitized.getCause()).isNull();
        OperationOutcome outcome = (OperationOutcome) sanitized.getOperationOutcome();
        assertThat(outcome.getIssue()).singleElement().satisfies(issue -> {
            assertThat(issue.getDiagnostics()).isEqualTo(sanitized.getMessage());
            assertThat(issue.getCode()).isEqualTo(OperationOutcome.IssueType.EXCEPTION);
        });
    }

    @Test
    void hidesTheMessageOfHapiInternalErrors() {
        InternalErrorException hapi = new InternalErrorException(
                "HAPI-0389: Failed to call access method: org.hibernate.exception.SQLGrammarException: " + SQL_FAILURE);

        BaseServerResponseException sanitized = interceptor.sanitize(new SystemRequestDetails(), hapi);

        assertThat(sanitized).isNotSameAs(hapi);
        assertThat(sanitized.getMessage()).doesNotContain("HAPI-0389", "org.hibernate", "select", "hfj_resource");
        assertThat(((OperationOutcome) sanitized.getOperationOutcome())
                        .getIssueFirstRep()
                        .getDiagnostics())
                .startsWith("Internal error, reference ");
    }

    @Test
    void givesEachFailureItsOwnReference() {
        String first = interceptor.sanitize(null, new NullPointerException()).getMessage();
        String second = interceptor.sanitize(null, new NullPointerException()).getMessage();

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void keepsTheStatusOfOtherServerFailures() {
        BaseServerResponseException sanitized = interceptor.sanitize(
                new SystemRequestDetails(),
                new UnclassifiedServerFailureException(503, "pool exhausted: jdbc:h2:/data"));

        assertThat(sanitized.getStatusCode()).isEqualTo(503);
        assertThat(sanitized.getMessage()).doesNotContain("jdbc").startsWith("Internal error, reference ");
    }

    @Test
    void letsClientErrorsThrough() {
        SystemRequestDetails request = new SystemRequestDetails();

        assertThat(interceptor.sanitize(request, new ResourceNotFoundException("Patient/42 is not known")))
                .isNull();
        assertThat(interceptor.sanitize(request, new InvalidRequestException("Unknown search parameter 'foo'")))
                .isNull();
        assertThat(interceptor.sanitize(request, new DataFormatException("HAPI-1861: Failed to parse JSON")))
                .isNull();
        assertThat(interceptor.sanitize(request, new NotImplementedOperationException("Operation $foo unknown")))
                .isNull();
    }

    @Test
    void sanitizesFailuresOfARealHapiServer() throws Exception {
        RestfulServer server = TestFhirServer.start(interceptor);
        MockHttpServletResponse response = new MockHttpServletResponse();

        server.service(TestFhirServer.request("GET", "/Patient/broken"), response);

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getContentAsString(StandardCharsets.UTF_8))
                .contains("\"resourceType\":\"OperationOutcome\"")
                .contains("Internal error, reference ")
                .doesNotContain("hfj_resource", "select", "IllegalStateException", "HAPI-");
    }

    @Test
    void keepsClientErrorsOfARealHapiServer() throws Exception {
        RestfulServer server = TestFhirServer.start(interceptor);
        MockHttpServletResponse notFound = new MockHttpServletResponse();
        MockHttpServletResponse unparseable = new MockHttpServletResponse();
        MockHttpServletRequest badJson = TestFhirServer.request("POST", "/Patient");
        badJson.setContentType("application/fhir+json");
        badJson.setContent("{\"resourceType\":\"Patient\",".getBytes(StandardCharsets.UTF_8));

        server.service(TestFhirServer.request("GET", "/Patient/42"), notFound);
        server.service(badJson, unparseable);

        assertThat(notFound.getStatus()).isEqualTo(404);
        assertThat(notFound.getContentAsString()).contains("Patient/42");
        assertThat(unparseable.getStatus()).isEqualTo(400);
        assertThat(unparseable.getContentAsString()).contains("Failed to parse");
    }
}
