package fr.vigie.server.security.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.RestfulServer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RequestSizeLimitFilterTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();

    private final RequestSizeLimitFilter filter = new RequestSizeLimitFilter(
            TestProperties.bind("max-fhir-request-bytes", "100", "max-import-request-bytes", "200"), "/fhir", FHIR);

    @Test
    void rejectsAnnouncedBodyOverTheFhirLimitBeforeReadingIt() throws Exception {
        MockHttpServletRequest request = request("/fhir", 101);
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, response, chain);

        assertThat(chain.getRequest()).isNull();
        assertTooLarge(response);
        assertThat(response.getContentAsString())
                .contains("100 bytes accepted on /fhir")
                .contains("split the Bundle")
                .contains("/import/resources?format=ndjson");
    }

    @Test
    void rejectsChunkedBodyGoingPastTheLimitEvenWhenTheEndpointSwallowsTheError() throws Exception {
        MockHttpServletRequest request = chunked("/fhir/Patient", 101);
        MockHttpServletResponse response = new MockHttpServletResponse();
        // Like HAPI: the read failure becomes a 400 written and flushed by the endpoint itself.
        HttpServlet endpoint = new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                try {
                    req.getInputStream().readAllBytes();
                    resp.setStatus(201);
                } catch (IOException e) {
                    resp.setStatus(400);
                    resp.setContentType("application/fhir+json");
                    resp.getWriter().write("{\"diagnostics\":\"HAPI-0308: Could not load request resource\"}");
                    resp.flushBuffer();
                }
            }
        };

        filter.doFilter(request, response, new MockFilterChain(endpoint));

        assertTooLarge(response);
        assertThat(response.getContentAsString()).doesNotContain("HAPI-0308");
    }

    @Test
    void rejectsChunkedBodyGoingPastTheLimitWhenTheExceptionPropagates() throws Exception {
        MockHttpServletRequest request = chunked("/import/resources", 201);
        MockHttpServletResponse response = new MockHttpServletResponse();
        HttpServlet endpoint = new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                req.getReader().transferTo(Writer.nullWriter());
            }
        };

        filter.doFilter(request, response, new MockFilterChain(endpoint));

        assertTooLarge(response);
        assertThat(response.getContentAsString())
                .contains("200 bytes accepted on /import")
                .contains("import inbox");
    }

    @Test
    void passesBodiesUpToTheLimit() throws Exception {
        MockHttpServletResponse fhirResponse = new MockHttpServletResponse();
        filter.doFilter(chunked("/fhir/Bundle", 100), fhirResponse, new MockFilterChain(readingEndpoint()));
        MockHttpServletResponse importResponse = new MockHttpServletResponse();
        filter.doFilter(request("/import/resources", 200), importResponse, new MockFilterChain(readingEndpoint()));

        assertThat(fhirResponse.getStatus()).isEqualTo(201);
        assertThat(fhirResponse.getContentAsString()).isEqualTo("read 100");
        assertThat(importResponse.getStatus()).isEqualTo(201);
        assertThat(importResponse.getContentAsString()).isEqualTo("read 200");
    }

    @Test
    void leavesOtherPathsAlone() throws Exception {
        for (String path : new String[] {"/actuator/health", "/fhirx/Patient", "/oauth2/token"}) {
            MockHttpServletResponse response = new MockHttpServletResponse();
            MockFilterChain chain = new MockFilterChain(readingEndpoint());

            filter.doFilter(chunked(path, 1000), response, chain);

            assertThat(response.getStatus()).as(path).isEqualTo(201);
            assertThat(response.getContentAsString()).isEqualTo("read 1000");
        }
    }

    @Test
    void cannotBeBypassedWithPathParametersOrExtraSlashes() throws Exception {
        for (String path : new String[] {"/fhir;jsessionid=1/Patient", "//fhir/Patient", "/x/../fhir/Patient"}) {
            MockHttpServletResponse response = new MockHttpServletResponse();
            MockFilterChain chain = new MockFilterChain();

            filter.doFilter(request(path, 101), response, chain);

            assertThat(response.getStatus()).as(path).isEqualTo(413);
            assertThat(chain.getRequest()).as(path).isNull();
        }
    }

    @Test
    void answers413ForAChunkedBundleSentToARealHapiServer() throws Exception {
        RestfulServer server = TestFhirServer.start(new ErrorSanitizingInterceptor());
        MockHttpServletRequest request = chunked("/fhir/Patient", 0);
        request.setServletPath("/fhir");
        request.setPathInfo("/Patient");
        request.setContent(("{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"" + "x".repeat(200) + "\"}]}")
                .getBytes(StandardCharsets.UTF_8));
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(request, response, new MockFilterChain(server));

        assertTooLarge(response);
        assertThat(response.getContentAsString()).doesNotContain("HAPI-");
    }

    @Test
    void letsASmallChunkedResourceReachARealHapiServer() throws Exception {
        RestfulServer server = TestFhirServer.start(new ErrorSanitizingInterceptor());
        MockHttpServletRequest request = chunked("/fhir/Patient", 0);
        request.setServletPath("/fhir");
        request.setPathInfo("/Patient");
        request.setContent("{\"resourceType\":\"Patient\"}".getBytes(StandardCharsets.UTF_8));
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(request, response, new MockFilterChain(server));

        assertThat(response.getStatus()).isEqualTo(201);
    }

    private static void assertTooLarge(MockHttpServletResponse response) throws IOException {
        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentType()).startsWith("application/fhir+json");
        assertThat(response.getHeader("Connection")).isEqualTo("close");
        assertThat(response.getContentAsString(StandardCharsets.UTF_8))
                .contains("\"resourceType\":\"OperationOutcome\"")
                .contains("\"code\":\"too-costly\"");
    }

    /** A request whose body is announced by Content-Length. */
    private static MockHttpServletRequest request(String uri, int bodyBytes) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", uri);
        request.setContent(new byte[bodyBytes]);
        request.setContentType("application/fhir+json");
        return request;
    }

    /** A request whose body is sent chunked: no Content-Length. */
    private static MockHttpServletRequest chunked(String uri, int bodyBytes) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", uri) {
            @Override
            public int getContentLength() {
                return -1;
            }

            @Override
            public long getContentLengthLong() {
                return -1;
            }
        };
        request.setContent(new byte[bodyBytes]);
        request.setContentType("application/fhir+json");
        request.addHeader("Transfer-Encoding", "chunked");
        return request;
    }

    /** Reads the whole body and answers 201 {@code read <n>}. */
    private static HttpServlet readingEndpoint() {
        return new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
                try (InputStream body = req.getInputStream()) {
                    int n = body.readAllBytes().length;
                    resp.setStatus(201);
                    resp.getWriter().write("read " + n);
                }
            }
        };
    }
}
