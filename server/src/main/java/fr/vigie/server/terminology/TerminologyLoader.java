package fr.vigie.server.terminology;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.UriParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import fr.vigie.terminology.TerminologyCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.NamingSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Loads Vigie's terminology into the FHIR store when the server starts, before any feed or demo data.
 *
 * <p>Each resource is identified by its canonical URL and version: a resource already stored with the same URL and
 * version is left alone (so a second start, or a second node on the same database, changes nothing), a new version
 * replaces the stored one under the same id. NamingSystems have no canonical URL in R4 and are keyed by id.
 * Resources are written through HAPI's DAOs with a system request: start-up needs no HTTP round trip and no token.
 *
 * <p>When {@code vigie.terminology.cim10-file} names a full CIM-10 FR list, it replaces the built-in fragment.
 */
@Component
@Order(0)
public class TerminologyLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(TerminologyLoader.class);

    private final DaoRegistry daoRegistry;
    private final FhirContext fhirContext;
    private final TerminologyProperties properties;

    public TerminologyLoader(DaoRegistry daoRegistry, FhirContext fhirContext, TerminologyProperties properties) {
        this.daoRegistry = daoRegistry;
        this.fhirContext = fhirContext;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (properties.loadOnStartup()) {
            LoadSummary summary = load();
            log.info(
                    "Terminology: {} resources stored, {} already up to date",
                    summary.stored().size(),
                    summary.unchanged());
        }
    }

    /** Loads every catalogue resource (and the CIM-10 file when configured); returns what was written. */
    public LoadSummary load() {
        List<String> stored = new ArrayList<>();
        int unchanged = 0;
        for (MetadataOrNaming resource : readCatalogue()) {
            if (store(resource.resource())) {
                stored.add(resource.path());
            } else {
                unchanged++;
            }
        }
        return new LoadSummary(stored, unchanged);
    }

    private List<MetadataOrNaming> readCatalogue() {
        List<MetadataOrNaming> resources = new ArrayList<>();
        var parser = fhirContext.newJsonParser();
        for (String path : TerminologyCatalog.resourcePaths()) {
            if (isCim10(path) && !properties.cim10File().isBlank()) {
                continue;
            }
            try (InputStream in = TerminologyCatalog.open(path)) {
                resources.add(new MetadataOrNaming(path, parser.parseResource(in)));
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read terminology resource " + path, e);
            }
        }
        if (!properties.cim10File().isBlank()) {
            Path file = Path.of(properties.cim10File());
            CodeSystem cim10 = Cim10CodeSystemReader.read(file, properties.cim10Version());
            resources.add(new MetadataOrNaming(file.toString(), cim10));
        }
        return resources;
    }

    private static boolean isCim10(String path) {
        return path.equals("CodeSystem/cim10-fr.json");
    }

    private boolean store(IBaseResource resource) {
        @SuppressWarnings("unchecked")
        IFhirResourceDao<IBaseResource> dao =
                (IFhirResourceDao<IBaseResource>) daoRegistry.getResourceDao(fhirContext.getResourceType(resource));
        SystemRequestDetails request = new SystemRequestDetails();
        // NamingSystem extends MetadataResource in HAPI's model but has no url search parameter: test it first.
        if (resource instanceof NamingSystem naming) {
            // R4 NamingSystems have no canonical URL or version: compare the content itself.
            try {
                NamingSystem stored =
                        (NamingSystem) dao.read(naming.getIdElement().toUnqualifiedVersionless(), request);
                NamingSystem candidate = naming.copy();
                candidate.setMeta(stored.getMeta());
                candidate.setIdElement(stored.getIdElement());
                candidate.setText(stored.getText());
                if (stored.equalsDeep(candidate)) {
                    return false;
                }
            } catch (ResourceNotFoundException e) {
                log.debug(
                        "NamingSystem {} not stored yet", naming.getIdElement().getIdPart());
            }
        } else if (resource instanceof MetadataResource metadata) {
            SearchParameterMap byUrl = SearchParameterMap.newSynchronous("url", new UriParam(metadata.getUrl()));
            IBundleProvider existing = dao.search(byUrl, request);
            for (IBaseResource found : existing.getAllResources()) {
                MetadataResource stored = (MetadataResource) found;
                if (sameVersion(stored, metadata)) {
                    return false;
                }
                // A new version replaces the stored one under the same id, keeping history.
                metadata.setId(stored.getIdElement().toUnqualifiedVersionless());
            }
        }
        dao.update(resource, request);
        return true;
    }

    private static boolean sameVersion(MetadataResource stored, MetadataResource candidate) {
        return candidate.getVersion() != null && candidate.getVersion().equals(stored.getVersion());
    }

    private record MetadataOrNaming(String path, IBaseResource resource) {}

    /** What a load did: the resources written, and how many were already stored at the same version. */
    public record LoadSummary(List<String> stored, int unchanged) {}
}
