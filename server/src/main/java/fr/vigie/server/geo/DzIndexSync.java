package fr.vigie.server.geo;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.cache.IResourceChangeEvent;
import ca.uhn.fhir.jpa.cache.IResourceChangeListener;
import ca.uhn.fhir.jpa.cache.IResourceChangeListenerCache;
import ca.uhn.fhir.jpa.cache.IResourceChangeListenerRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import fr.vigie.terminology.TerminologyCatalog;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Location;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Keeps the in-memory {@link DzIndex} equal to the DZ Locations of the database.
 *
 * <ul>
 *   <li><b>At start</b> ({@link ApplicationReadyEvent}): every Location with a dz-type coding is read through the
 *       Location DAO, page by page, and loaded with {@link DzIndex#replaceAll}.
 *   <li><b>Writes on this node, at once</b>: hooks on the JPA interceptor service (not the REST server's), so that
 *       every write is seen whatever its origin (REST, transaction bundle, Camel import, demo loader).
 *       {@code STORAGE_PRECOMMIT_RESOURCE_*} fire inside the transaction; the index is changed after the commit
 *       (or at once when there is no transaction synchronisation), so a rolled-back write never reaches it.
 *   <li><b>Writes on other nodes sharing the database, within seconds</b>: a HAPI {@link IResourceChangeListener}
 *       registered on all Locations with {@link IResourceChangeListenerRegistry}, the mechanism HAPI provides to
 *       keep in-memory caches in step across nodes: it compares resource versions in the database with the ones
 *       it saw last, every {@link GeoProperties#pollInterval()} (checked by HAPI's refresher job, which runs every
 *       10 s), and reports created, updated and deleted ids, which are read again here. Its first report
 *       ({@code handleInit}) triggers a full reload, which also repairs any write that raced the start-up load.
 *       The listener also reports this node's own writes; a version this node has already applied is not read
 *       again (after an import of thousands of Locations, those re-reads took about a fifth of the server's CPU
 *       for the next poll). Only the versions written here and not yet reported are remembered.
 * </ul>
 *
 * A Location becomes a {@link DzPoint} by {@link DzLocations#toPoint}; one that loses its position or its dz-type,
 * or is deleted, is removed from the index. Every step is idempotent, so a write seen by both paths is harmless.
 */
@Component
public class DzIndexSync implements IResourceChangeListener {

    private static final Logger LOG = LoggerFactory.getLogger(DzIndexSync.class);

    /** Page size of the start-up load. */
    private static final int PAGE = 500;

    private final DzIndex index;
    private final DzNames names;
    private final DaoRegistry daoRegistry;
    private final IInterceptorService interceptorService;
    private final IResourceChangeListenerRegistry listenerRegistry;
    private final GeoProperties properties;
    private final StorageHooks hooks = new StorageHooks();
    private volatile IResourceChangeListenerCache listenerCache;
    private volatile boolean loaded;
    private volatile Runnable localDzChangeListener = () -> {};
    /** Versions of Locations applied from this node's writes that the change listener has not reported yet. */
    private final Map<String, String> ownVersions = new ConcurrentHashMap<>();

    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong ownSkipped = new AtomicLong();

    public DzIndexSync(
            DzIndex index,
            DzNames names,
            DaoRegistry daoRegistry,
            IInterceptorService interceptorService,
            IResourceChangeListenerRegistry listenerRegistry,
            GeoProperties properties) {
        this.index = index;
        this.names = names;
        this.daoRegistry = daoRegistry;
        this.interceptorService = interceptorService;
        this.listenerRegistry = listenerRegistry;
        this.properties = properties;
        // Registered from construction so that no write made during start-up (demo data) is missed.
        interceptorService.registerInterceptor(hooks);
    }

    /** Loads the index from the database and starts following the changes made by other nodes. */
    @EventListener(ApplicationReadyEvent.class)
    public void start() {
        reloadAll();
        listenerCache = listenerRegistry.registerResourceResourceChangeListener(
                "Location",
                SearchParameterMap.newSynchronous(),
                this,
                properties.pollInterval().toMillis());
    }

    @PreDestroy
    public void stop() {
        interceptorService.unregisterInterceptor(hooks);
        if (listenerCache != null) {
            listenerRegistry.unregisterResourceResourceChangeListener(this);
        }
    }

    /** Reads every DZ Location of the database and replaces the content of the index with them. */
    public void reloadAll() {
        SearchParameterMap map = SearchParameterMap.newSynchronous();
        // "system|" matches any code of dz-type: only DZs are read, not every hospital and room.
        map.add(Location.SP_TYPE, new TokenParam(TerminologyCatalog.CS_DZ_TYPE, null));
        IBundleProvider results = dao().search(map, new SystemRequestDetails());
        List<DzPoint> points = new ArrayList<>();
        Map<String, String> pointNames = new HashMap<>();
        int from = 0;
        while (true) {
            List<IBaseResource> page = results.getResources(from, from + PAGE);
            for (IBaseResource resource : page) {
                Location location = (Location) resource;
                DzLocations.toPoint(location).ifPresent(point -> {
                    points.add(point);
                    if (location.hasName()) {
                        pointNames.put(point.id(), location.getName());
                    }
                });
            }
            if (page.size() < PAGE) {
                break;
            }
            from += PAGE;
        }
        names.replaceAll(pointNames);
        index.replaceAll(points);
        loaded = true;
        LOG.info("DZ index loaded: {} dropping zones", points.size());
    }

    /** Whether the index has been loaded from the database (false during start-up, before {@link #start}). */
    public boolean isLoaded() {
        return loaded;
    }

    /**
     * Called after each change of the index caused by a write on this node (a DZ created, moved, retyped, put out of
     * service or deleted), not for changes seen from other nodes: the node that wrote does the follow-up work.
     */
    void onLocalDzChange(Runnable listener) {
        this.localDzChangeListener = listener;
    }

    @Override
    public void handleInit(Collection<IIdType> resourceIds) {
        ownVersions.clear();
        reloadAll();
    }

    @Override
    public void handleChange(IResourceChangeEvent event) {
        event.getCreatedResourceIds().forEach(this::refresh);
        event.getUpdatedResourceIds().forEach(this::refresh);
        event.getDeletedResourceIds().forEach(id -> {
            ownVersions.remove(id.getIdPart());
            remove(id.getIdPart());
        });
    }

    /** Locations read again from the database because the change listener reported them (for tests). */
    long reads() {
        return reads.get();
    }

    /** Reported versions not read again because this node wrote and applied them (for tests). */
    long ownVersionsSkipped() {
        return ownSkipped.get();
    }

    /** Applies a write of this node and tells the listener when the index changed. */
    private void applyLocal(Location location) {
        String version = location.getIdElement().getVersionIdPart();
        if (version != null) {
            ownVersions.put(location.getIdElement().getIdPart(), version);
        }
        if (apply(location)) {
            localDzChangeListener.run();
        }
    }

    private void removeLocal(String id) {
        if (remove(id)) {
            localDzChangeListener.run();
        }
    }

    /** Reads one Location again and puts it in, or takes it out of, the index. */
    private void refresh(IIdType id) {
        String own = ownVersions.remove(id.getIdPart());
        if (own != null && own.equals(id.getVersionIdPart())) {
            ownSkipped.incrementAndGet();
            return;
        }
        reads.incrementAndGet();
        try {
            apply((Location) dao().read(id.toUnqualifiedVersionless(), new SystemRequestDetails()));
        } catch (ResourceGoneException | ResourceNotFoundException e) {
            remove(id.getIdPart());
        }
    }

    /** Puts a Location in, or takes it out of, the index; whether the index changed. */
    private boolean apply(Location location) {
        String id = location.getIdElement().getIdPart();
        Optional<DzPoint> point = DzLocations.toPoint(location);
        if (point.isEmpty()) {
            return remove(id);
        }
        names.put(id, location.getName());
        return index.upsert(point.get());
    }

    private boolean remove(String id) {
        names.remove(id);
        return index.remove(id);
    }

    /** The hooks registered on the JPA interceptor service (tests unregister them to play another node). */
    Object storageHooks() {
        return hooks;
    }

    @SuppressWarnings("unchecked")
    private IFhirResourceDao<Location> dao() {
        return daoRegistry.getResourceDao(Location.class);
    }

    /** Applies {@code change} once the current transaction has committed, or at once outside one. */
    private static void afterCommit(Runnable change) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    change.run();
                }
            });
        } else {
            change.run();
        }
    }

    /** JPA storage hooks: this node's own writes. */
    public final class StorageHooks {

        @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
        public void created(IBaseResource resource) {
            if (resource instanceof Location location) {
                Location copy = location.copy();
                afterCommit(() -> applyLocal(copy));
            }
        }

        @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
        public void updated(IBaseResource oldResource, IBaseResource newResource) {
            if (newResource instanceof Location location) {
                Location copy = location.copy();
                afterCommit(() -> applyLocal(copy));
            }
        }

        @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
        public void deleted(IBaseResource resource) {
            if (resource instanceof Location location) {
                String id = location.getIdElement().getIdPart();
                afterCommit(() -> removeLocal(id));
            }
        }
    }
}
