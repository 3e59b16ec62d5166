package fr.vigie.server.security.hardening;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.servlet.ServletException;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockServletConfig;

/**
 * A real HAPI {@link RestfulServer}, without JPA or Spring, mounted at {@code /fhir}, whose Patient provider fails the
 * way a broken database does: {@code GET /fhir/Patient/broken} throws an exception carrying SQL, any other read is a
 * 404, and {@code POST /fhir/Patient} stores nothing but answers 201.
 */
final class TestFhirServer {

    static final String SQL_FAILURE = "could not execute statement [ERROR: relation \"hfj_resource\" does not exist]"
            + " [select rt.res_id from hfj_resource rt where rt.res_id=?]";

    private TestFhirServer() {}

    static RestfulServer start(Object... interceptors) throws ServletException {
        RestfulServer server = new RestfulServer(FhirContext.forR4Cached());
        server.setDefaultResponseEncoding(EncodingEnum.JSON);
        server.registerProvider(new PatientProvider());
        for (Object interceptor : interceptors) {
            server.registerInterceptor(interceptor);
        }
        server.init(new MockServletConfig("fhir"));
        return server;
    }

    /** A request to {@code /fhir<path>}, mapped as the servlet container maps it. */
    static MockHttpServletRequest request(String method, String path) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, "/fhir" + path);
        request.setServletPath("/fhir");
        request.setPathInfo(path);
        return request;
    }

    public static final class PatientProvider implements IResourceProvider {

        @Override
        public Class<Patient> getResourceType() {
            return Patient.class;
        }

        @Read
        public Patient read(@IdParam IdType id) {
            if ("broken".equals(id.getIdPart())) {
                throw new IllegalStateException(SQL_FAILURE);
            }
            throw new ResourceNotFoundException(id);
        }

        @Create
        public MethodOutcome create(@ResourceParam Patient patient) {
            return new MethodOutcome(new IdType("Patient", "1", "1"), true);
        }
    }
}
