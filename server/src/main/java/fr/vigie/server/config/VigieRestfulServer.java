package fr.vigie.server.config;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.RestfulServer;

/** HAPI's REST server, exposing the {@code X-Powered-By} value it sends so other Vigie endpoints send the same. */
public class VigieRestfulServer extends RestfulServer {

    private static final long serialVersionUID = 1L;

    public VigieRestfulServer(FhirContext context) {
        super(context);
    }

    /** The {@code X-Powered-By} header HAPI adds to its answers. */
    public String poweredByHeader() {
        return createPoweredByHeader();
    }
}
