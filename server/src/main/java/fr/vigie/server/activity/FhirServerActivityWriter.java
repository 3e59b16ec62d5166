package fr.vigie.server.activity;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ResourceType;

/**
 * Writes a simulation to a FHIR R4 server with HAPI's generic client, one transaction bundle per simulated day. Each
 * bundle holds the department, its boxes and doctors, then that day's arrivals (Patient and Encounter), every entry
 * a conditional update on its identifier ({@code PUT Patient?identifier=...}) and every reference an {@code
 * urn:uuid} of an entry of the same bundle. So each bundle stands alone, and writing the same simulation twice
 * changes nothing the second time (unchanged resources keep their version).
 */
public final class FhirServerActivityWriter {

    /**
     * What was written.
     *
     * @param bundles transactions sent
     * @param entries entries in them
     * @param millis wall time
     */
    public record Summary(int bundles, long entries, long millis) {}

    private final IGenericClient client;

    public FhirServerActivityWriter(IGenericClient client) {
        this.client = client;
    }

    /** A client of a FHIR base URL, with a bearer token when one is given (null or blank: none). */
    public static IGenericClient client(FhirContext fhirContext, String baseUrl, String bearerToken) {
        IGenericClient client = fhirContext.newRestfulGenericClient(baseUrl);
        if (bearerToken != null && !bearerToken.isBlank()) {
            client.registerInterceptor(new BearerTokenAuthInterceptor(bearerToken.strip()));
        }
        return client;
    }

    /** Sends one transaction per simulated day. */
    public Summary write(SimulationResult result) {
        long start = System.nanoTime();
        int count = 0;
        long entries = 0;
        for (Bundle bundle : bundles(result)) {
            client.transaction().withBundle(bundle).execute();
            count++;
            entries += bundle.getEntry().size();
        }
        return new Summary(count, entries, (System.nanoTime() - start) / 1_000_000);
    }

    /** The transaction bundles, one per simulated day that has arrivals. */
    public static List<Bundle> bundles(SimulationResult result) {
        ActivityFhirMapper mapper = new ActivityFhirMapper(result, ActivityFhirMapper.References.URN_UUID);
        List<Resource> department = mapper.departmentResources();
        List<Bundle> bundles = new ArrayList<>();
        Bundle bundle = null;
        int day = -1;
        for (Visit visit : result.visits()) {
            if (visit.arrival() / 1440 != day) {
                day = visit.arrival() / 1440;
                bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
                bundles.add(bundle);
                for (Resource resource : department) {
                    add(bundle, resource);
                }
            }
            for (Resource resource : mapper.visitResources(visit)) {
                add(bundle, resource);
            }
        }
        return bundles;
    }

    private static void add(Bundle bundle, Resource resource) {
        String identifier = ActivityFhirMapper.identifierOf(resource);
        String type = resource.fhirType();
        bundle.addEntry()
                .setFullUrl(ActivityFhirMapper.urn(ResourceType.fromCode(type), identifier))
                .setResource(resource)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.PUT)
                .setUrl(type + "?identifier=" + ActivityFhirMapper.IDENTIFIER_SYSTEM + "|" + identifier);
    }
}
