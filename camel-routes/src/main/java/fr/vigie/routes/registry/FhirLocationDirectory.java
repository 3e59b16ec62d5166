package fr.vigie.routes.registry;

import fr.vigie.mappings.common.ConditionalUrls;
import fr.vigie.routes.common.FhirTransactionClient;
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
        return RegistryFeedHandler.Lookups.cached(this::exists);
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
