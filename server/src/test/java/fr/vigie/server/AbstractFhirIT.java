package fr.vigie.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of every integration test: the whole server on a random port, on H2 in memory or a fresh PostgreSQL
 * database (see {@link TestDatabase}). All ITs extend it and add no context customisation, so Spring starts the
 * server once per run and every IT reuses it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles(resolver = TestDatabase.class)
public abstract class AbstractFhirIT {

    protected static final FhirContext FHIR = FhirContext.forR4Cached();

    @LocalServerPort
    protected int port;

    protected IGenericClient client;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", TestDatabase::url);
        registry.add("spring.datasource.username", TestDatabase::user);
        registry.add("spring.datasource.password", TestDatabase::password);
        registry.add("vigie.test.jwt-client-jwks", () -> TestTokens.JWT_CLIENT_JWKS);
    }

    /** Scopes of the default test client: everything, audit included. */
    protected static final String ADMIN_SCOPES = "system/*.cruds system/AuditEvent.rs";

    @BeforeEach
    void createClient() {
        FHIR.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        FHIR.getRestfulClientFactory().setSocketTimeout(120_000);
        client = clientAs("test-admin", ADMIN_SCOPES);
    }

    /** A FHIR client authenticated as a test client of application-test.yaml with the given scopes. */
    protected IGenericClient clientAs(String clientId, String scopes) {
        IGenericClient result = FHIR.newRestfulGenericClient(baseUrl());
        result.registerInterceptor(new BearerTokenAuthInterceptor(TestTokens.token(serverUrl(), clientId, scopes)));
        return result;
    }

    /** The {@code Authorization} header value of the default test client. */
    protected String adminAuthorization() {
        return "Bearer " + TestTokens.token(serverUrl(), "test-admin", ADMIN_SCOPES);
    }

    protected String baseUrl() {
        return "http://127.0.0.1:" + port + "/fhir";
    }

    protected String serverUrl() {
        return "http://127.0.0.1:" + port;
    }
}
