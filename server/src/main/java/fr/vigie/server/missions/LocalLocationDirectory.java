package fr.vigie.server.missions;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import fr.vigie.routes.registry.RegistryFeedHandler;
import org.hl7.fhir.r4.model.Location;
import org.springframework.stereotype.Component;

/**
 * Tells the registry feed whether this server holds a hospital (FINESS) or a dropping zone, with a local search
 * (no HTTP round trip), cached per import. Replaces the feed's FHIR-client directory when imports write here.
 */
@Component
public class LocalLocationDirectory implements RegistryFeedHandler.LocationDirectory {

    private final DaoRegistry daoRegistry;

    public LocalLocationDirectory(DaoRegistry daoRegistry) {
        this.daoRegistry = daoRegistry;
    }

    @Override
    public RegistryFeedHandler.Lookups open() {
        return RegistryFeedHandler.Lookups.cached(this::exists);
    }

    private boolean exists(String system, String value) {
        SearchParameterMap map = SearchParameterMap.newSynchronous("identifier", new TokenParam(system, value));
        map.setLoadSynchronousUpTo(1);
        return !daoRegistry
                .getResourceDao(Location.class)
                .search(map, new SystemRequestDetails())
                .isEmpty();
    }
}
