package fr.vigie.routes.registry;

import fr.vigie.mappings.common.ConditionalUrls;
import fr.vigie.mappings.registry.Missions;
import fr.vigie.routes.common.FhirTransactionClient;
import fr.vigie.terminology.TerminologyCatalog;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Asks the FHIR server the imports write to whether it holds a Location, one batch search
 * ({@code Location?identifier=…&_summary=count}) per distinct FINESS or DZ id, cached for the import.
 */
public class FhirLocationDirectory implements RegistryFeedHandler.LocationDirectory {

    private final FhirTransactionClient client;

    public FhirLocationDirectory(FhirTransactionClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    @Override
    public RegistryFeedHandler.Lookups open() {
        Map<String, Boolean> cache = new HashMap<>();
        return new RegistryFeedHandler.Lookups() {
            @Override
            public boolean hasFiness(String finess) {
                return cache.computeIfAbsent("F" + finess, k -> exists(TerminologyCatalog.FINESS_SYSTEM, finess));
            }

            @Override
            public boolean hasDz(String id) {
                return cache.computeIfAbsent("D" + id, k -> exists(Missions.DZ_SYSTEM, id));
            }
        };
    }

    private boolean exists(String system, String value) {
        Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
        batch.addEntry()
                .getRequest()
                .setMethod(Bundle.HTTPVerb.GET)
                .setUrl(ConditionalUrls.byIdentifier("Location", system, value) + "&_summary=count");
        Bundle response = client.transaction(batch);
        if (response.getEntry().isEmpty() || !(response.getEntryFirstRep().getResource() instanceof Bundle result)) {
            return false;
        }
        return result.getTotal() > 0;
    }
}
