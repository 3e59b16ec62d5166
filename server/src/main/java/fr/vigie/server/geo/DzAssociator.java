package fr.vigie.server.geo;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import fr.vigie.server.geo.AssociationReport.Entry;
import fr.vigie.server.geo.AssociationReport.Outcome;
import fr.vigie.server.geo.DzAssociations.Association;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Location;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Associates every active hospital with its nearest active dropping zone ({@link DzAssociations}).
 *
 * <h2>The rule</h2>
 *
 * The association of an active hospital with a position is always its nearest active DZ (exact geodesic, {@link
 * DzIndex}, ties by id) if that DZ is within {@link GeoProperties#associationMaxDistance()} (default 100 km), and
 * nothing otherwise. It is derived data, kept true at every write:
 *
 * <ul>
 *   <li><b>A hospital is written</b> (created by a {@code finess} import, updated, moved): its association is
 *       computed in the same write ({@link LocationWriteRules}), so a moved hospital gets its new DZ in the same
 *       version and the old position and old DZ stay in its history.
 *   <li><b>DZs change</b> (a {@code dz} or {@code ourairports} import, a DZ created, moved, deleted, put out of service
 *       or tagged obsolete on this node): a pass over all hospitals runs {@link GeoProperties#associationDelay()}
 *       (default 2 s) after the last such change and rewrites only the hospitals whose nearest active DZ is no
 *       longer the one they have. So a new DZ closer to a hospital replaces its previous one, and hospitals
 *       associated with a retired DZ move to the next nearest. Decided this way because a dispatcher reading the
 *       extension expects the nearest usable DZ, not the one that was nearest at the last hospital import.
 *   <li><b>On demand</b>: {@code $associate-dz} runs the same pass and returns its {@link AssociationReport}.
 * </ul>
 *
 * Hospitals not in service (status other than active, or tagged obsolete) keep whatever association they had;
 * hospitals without a position have none. Re-running a pass, or re-importing the same files, changes nothing.
 *
 * <p>Writes go through the Location DAO as version-checked updates: a hospital written by someone else during the
 * pass is skipped (counted in {@code conflicts}), since that write already re-associated it.
 */
@Component
public class DzAssociator {

    private static final Logger LOG = LoggerFactory.getLogger(DzAssociator.class);

    private final DzIndex index;
    private final DzNames names;
    private final DzIndexSync sync;
    private final DaoRegistry daoRegistry;
    private final GeoProperties properties;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "dz-association");
        thread.setDaemon(true);
        return thread;
    });

    /** Held while a pass runs: one pass at a time on this node. */
    private final Object passLock = new Object();

    /** Guarded by {@code this}: the pass waiting to run, if any. */
    private ScheduledFuture<?> scheduled;

    public DzAssociator(
            DzIndex index, DzNames names, DzIndexSync sync, DaoRegistry daoRegistry, GeoProperties properties) {
        this.index = index;
        this.names = names;
        this.sync = sync;
        this.daoRegistry = daoRegistry;
        this.properties = properties;
        sync.onLocalDzChange(this::requestPass);
    }

    @PreDestroy
    public void stop() {
        executor.shutdownNow();
    }

    /** The nearest active DZ within reach of this position, if any. */
    public Optional<Association> nearest(double latitude, double longitude) {
        if (!(Math.abs(latitude) <= 90.0) || !(Math.abs(longitude) <= 180.0)) {
            return Optional.empty();
        }
        List<DzMatch> matches = index.nearest(
                DzQuery.nearest(latitude, longitude, 1).withMaxDistance(properties.associationMaxDistance()));
        return matches.stream()
                .findFirst()
                .map(match -> Association.of(match, names.get(match.point().id())));
    }

    /** The association this hospital should have; empty when it should have none. */
    Optional<Association> desired(Location hospital) {
        if (!DzLocations.hasPosition(hospital)) {
            return Optional.empty();
        }
        return nearest(
                hospital.getPosition().getLatitude().doubleValue(),
                hospital.getPosition().getLongitude().doubleValue());
    }

    /**
     * Sets the association of a hospital about to be stored (no-op for other Locations). Before the index is loaded
     * (server start-up) the previous association is kept and a pass is requested.
     *
     * @param incoming the Location being written, modified in place
     * @param previous the stored version it replaces, null for a create
     */
    void associateOnWrite(Location incoming, Location previous) {
        if (!DzAssociations.isHospital(incoming)) {
            return;
        }
        Optional<Association> before = previous == null ? Optional.empty() : DzAssociations.read(previous);
        if (!sync.isLoaded() || !DzAssociations.isActive(incoming)) {
            if (DzAssociations.read(incoming).isEmpty() && before.isPresent()) {
                DzAssociations.write(incoming, before.get());
            }
            if (!sync.isLoaded()) {
                requestPass();
            }
            return;
        }
        DzAssociations.write(incoming, desired(incoming).orElse(null));
    }

    /** Schedules a pass after the quiet delay, replacing one already waiting. */
    public synchronized void requestPass() {
        if (executor.isShutdown()) {
            return;
        }
        if (scheduled != null) {
            scheduled.cancel(false);
        }
        scheduled = executor.schedule(
                this::scheduledPass, properties.associationDelay().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether a pass is waiting or running on this node (tests wait for quiet before writing behind its back). */
    synchronized boolean isPassPending() {
        return scheduled != null && !scheduled.isDone();
    }

    private void scheduledPass() {
        if (!sync.isLoaded()) {
            requestPass();
            return;
        }
        try {
            AssociationReport report = associateAll(false);
            LOG.info(
                    "DZ association pass: {} hospitals, {} associated, {} changed, {} removed, {} with no DZ within"
                            + " {} m, {} unchanged",
                    report.checked(),
                    report.count(Outcome.ASSOCIATED),
                    report.count(Outcome.CHANGED),
                    report.count(Outcome.REMOVED),
                    report.count(Outcome.NONE_IN_REACH),
                    Math.round(report.maxDistanceMetres()),
                    report.unchanged());
        } catch (RuntimeException e) {
            LOG.warn("DZ association pass failed; it runs again at the next DZ change or $associate-dz", e);
        }
    }

    /**
     * One pass over every hospital: each active hospital with a position gets its nearest active DZ within reach
     * (or loses an association that is no longer right). One pass at a time on this node.
     *
     * @param dryRun only report, write nothing
     */
    public AssociationReport associateAll(boolean dryRun) {
        synchronized (passLock) {
            return pass(dryRun);
        }
    }

    private AssociationReport pass(boolean dryRun) {
        SearchParameterMap map = SearchParameterMap.newSynchronous();
        map.add(Location.SP_TYPE, new TokenParam(DzAssociations.ROLE_CODE_SYSTEM, DzAssociations.HOSPITAL));
        IBundleProvider results = dao().search(map, new SystemRequestDetails());
        List<Entry> entries = new ArrayList<>();
        int checked = 0;
        int unchanged = 0;
        int inactive = 0;
        int withoutPosition = 0;
        int conflicts = 0;
        int page = 500;
        for (int from = 0; ; from += page) {
            List<IBaseResource> resources = results.getResources(from, from + page);
            for (IBaseResource resource : resources) {
                Location hospital = (Location) resource;
                checked++;
                if (!DzAssociations.isActive(hospital)) {
                    inactive++;
                    continue;
                }
                if (!DzLocations.hasPosition(hospital)) {
                    withoutPosition++;
                    continue;
                }
                Optional<Association> current = DzAssociations.read(hospital);
                Optional<Association> wanted = desired(hospital);
                if (wanted.isPresent() && wanted.get().sameAs(current.orElse(null))) {
                    unchanged++;
                    continue;
                }
                Outcome outcome;
                if (wanted.isEmpty()) {
                    outcome = current.isEmpty() ? Outcome.NONE_IN_REACH : Outcome.REMOVED;
                } else {
                    outcome = current.isEmpty() ? Outcome.ASSOCIATED : Outcome.CHANGED;
                }
                if (!dryRun && outcome != Outcome.NONE_IN_REACH) {
                    DzAssociations.write(hospital, wanted.orElse(null));
                    try {
                        // the id carries the version read: HAPI refuses the update if the hospital changed since
                        dao().update(hospital, new SystemRequestDetails());
                    } catch (ResourceVersionConflictException | ResourceGoneException | ResourceNotFoundException e) {
                        conflicts++;
                        continue;
                    }
                }
                entries.add(new Entry(
                        hospital.getIdElement().getIdPart(),
                        hospital.getName(),
                        outcome,
                        wanted.orElse(null),
                        current.orElse(null)));
            }
            if (resources.size() < page) {
                break;
            }
        }
        return new AssociationReport(
                dryRun,
                properties.associationMaxDistance(),
                checked,
                unchanged,
                inactive,
                withoutPosition,
                conflicts,
                entries);
    }

    @SuppressWarnings("unchecked")
    private IFhirResourceDao<Location> dao() {
        return daoRegistry.getResourceDao(Location.class);
    }
}
