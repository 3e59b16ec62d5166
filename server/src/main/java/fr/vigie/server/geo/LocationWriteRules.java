package fr.vigie.server.geo;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.model.util.JpaConstants;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import fr.vigie.terminology.TerminologyCatalog;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Location;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Rules applied to every Location before it is stored, whatever the path (REST, transaction, import, demo loader,
 * {@code $associate-dz}): hooks on the JPA interceptor service ({@code STORAGE_PRESTORAGE_RESOURCE_*}).
 *
 * <h2>Verification workflow ({@code meta.tag} of CodeSystem location-verification)</h2>
 *
 * <ul>
 *   <li>A Location carries at most one verification tag: {@code unverified} (imported, not checked), {@code verified}
 *       (checked by an operator) or {@code obsolete} (site retired).
 *   <li>A write that carries {@code verified} or {@code obsolete} sets that state (the reviewer's decision), replacing
 *       the previous tag. A write that carries no verification tag keeps the current one.
 *   <li>A write that carries {@code unverified} (what every import writes) never downgrades a reviewed site: on a
 *       {@code verified} or {@code obsolete} site the stored tag stays, and on a {@code verified} site the stored
 *       position stays too (the operator moved the point to the entrance; a source file does not move it back).
 *       Re-importing the same file therefore changes nothing ({@code unchanged} in the report), verified or not.
 *   <li>{@code obsolete} forces {@code status = inactive}: a retired DZ leaves {@code $nearest-dz} (unless {@code
 *       includeInactive=true}) and the hospitals associated with it are re-associated; a retired hospital keeps its
 *       history and is no longer associated.
 *   <li>Moving a point is an update: HAPI keeps the previous version (old position, old tag, old DZ) in the history.
 * </ul>
 *
 * HAPI merges {@code meta.tag} across versions (a tag absent from an update is kept), so replacing a tag needs its
 * {@code X-Meta-Snapshot-Mode: TAG} behaviour; it is switched on for the one Location update that replaces its
 * verification tag (every other tag of the stored version is copied onto the new one, so they are kept as HAPI would)
 * and switched back before the next resource of the same request is stored.
 *
 * <h2>Hospital ↔ DZ association</h2>
 *
 * Each hospital written gets its association ({@link DzAssociator#associateOnWrite}) in the same version.
 */
@Component
public class LocationWriteRules {

    private static final Logger LOG = LoggerFactory.getLogger(LocationWriteRules.class);

    /** Request user-data key under which the caller's own snapshot-mode header is kept while ours is in force. */
    private static final String SAVED_SNAPSHOT_HEADER = LocationWriteRules.class.getName() + ".savedSnapshotHeader";

    private final IInterceptorService interceptorService;
    private final DzAssociator associator;
    private final Hooks hooks = new Hooks();

    public LocationWriteRules(IInterceptorService interceptorService, DzAssociator associator) {
        this.interceptorService = interceptorService;
        this.associator = associator;
        interceptorService.registerInterceptor(hooks);
    }

    @PreDestroy
    public void stop() {
        interceptorService.unregisterInterceptor(hooks);
    }

    /** The hooks registered on the JPA interceptor service (tests unregister them to write behind their back). */
    Object hooks() {
        return hooks;
    }

    /** A Location about to be created. */
    void beforeCreate(Location location) {
        Optional<String> state = DzAssociations.verification(location);
        state.ifPresent(code -> setVerification(location, tag(location, code)));
        if (state.filter(DzAssociations.OBSOLETE::equals).isPresent()) {
            location.setStatus(Location.LocationStatus.INACTIVE);
        }
        associator.associateOnWrite(location, null);
    }

    /**
     * A Location about to replace {@code stored}; {@code incoming} is modified in place.
     *
     * @return whether a verification tag of the stored version must be dropped (needs HAPI's snapshot mode)
     */
    boolean beforeUpdate(Location stored, Location incoming) {
        Optional<String> before = DzAssociations.verification(stored);
        Optional<String> asked = DzAssociations.verification(incoming);
        Coding resolved;
        if (asked.isEmpty()
                || (asked.get().equals(DzAssociations.UNVERIFIED)
                        && before.filter(state -> !state.equals(DzAssociations.UNVERIFIED))
                                .isPresent())) {
            // nothing said, or an unreviewed source writing over a reviewed site: the stored state stays
            resolved = before.map(code -> tag(stored, code)).orElse(null);
            if (asked.isPresent()
                    && before.filter(DzAssociations.VERIFIED::equals).isPresent()) {
                incoming.setPosition(stored.hasPosition() ? stored.getPosition().copy() : null);
            }
        } else {
            resolved = tag(incoming, asked.get());
        }
        setVerification(incoming, resolved);
        if (resolved != null && DzAssociations.OBSOLETE.equals(resolved.getCode())) {
            incoming.setStatus(Location.LocationStatus.INACTIVE);
        }
        associator.associateOnWrite(incoming, stored);

        boolean dropsATag = stored.getMeta().getTag().stream()
                .anyMatch(tag -> isVerification(tag)
                        && (resolved == null || !resolved.getCode().equals(tag.getCode())));
        if (dropsATag) {
            // snapshot mode drops every tag absent from the new version: carry the others forward ourselves
            for (Coding tag : stored.getMeta().getTag()) {
                if (!isVerification(tag) && incoming.getMeta().getTag(tag.getSystem(), tag.getCode()) == null) {
                    incoming.getMeta().addTag(tag.copy());
                }
            }
        }
        return dropsATag;
    }

    private static boolean isVerification(Coding tag) {
        return TerminologyCatalog.CS_LOCATION_VERIFICATION.equals(tag.getSystem());
    }

    /** The first verification tag of {@code location} with this code, copied. */
    private static Coding tag(Location location, String code) {
        return location.getMeta().getTag().stream()
                .filter(tag -> isVerification(tag) && code.equals(tag.getCode()))
                .findFirst()
                .map(Coding::copy)
                .orElseThrow();
    }

    /** Leaves {@code tag} (or none) as the only verification tag of the Location. */
    private static void setVerification(Location location, Coding tag) {
        List<Coding> tags = new ArrayList<>(location.getMeta().getTag());
        tags.removeIf(LocationWriteRules::isVerification);
        if (tag != null) {
            tags.add(tag);
        }
        location.getMeta().setTag(tags);
    }

    private static void snapshotTags(RequestDetails request) {
        if (request == null) {
            LOG.warn("Location update without request details: a superseded verification tag cannot be dropped");
            return;
        }
        request.getUserData().putIfAbsent(SAVED_SNAPSHOT_HEADER, savedHeader(request));
        request.setHeaders(JpaConstants.HEADER_META_SNAPSHOT_MODE, List.of("TAG"));
    }

    private static List<String> savedHeader(RequestDetails request) {
        List<String> values = request.getHeaders(JpaConstants.HEADER_META_SNAPSHOT_MODE);
        return values == null ? new ArrayList<>() : new ArrayList<>(values);
    }

    @SuppressWarnings("unchecked")
    private static void restoreHeader(RequestDetails request) {
        if (request == null) {
            return;
        }
        Object saved = request.getUserData().remove(SAVED_SNAPSHOT_HEADER);
        if (saved != null) {
            request.setHeaders(JpaConstants.HEADER_META_SNAPSHOT_MODE, (List<String>) saved);
        }
    }

    /** The hooks registered on the JPA interceptor service. */
    public final class Hooks {

        @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
        public void created(IBaseResource resource, RequestDetails request) {
            restoreHeader(request);
            if (resource instanceof Location location) {
                beforeCreate(location);
            }
        }

        @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
        public void updated(IBaseResource oldResource, IBaseResource newResource, RequestDetails request) {
            restoreHeader(request);
            if (newResource instanceof Location incoming && oldResource instanceof Location stored) {
                if (beforeUpdate(stored, incoming)) {
                    snapshotTags(request);
                }
            }
        }
    }
}
