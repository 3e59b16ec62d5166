package fr.vigie.server.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.cache.IResourceChangeListenerRegistry;
import ca.uhn.fhir.jpa.cache.ResourceChangeEvent;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import fr.vigie.terminology.TerminologyCatalog;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Location;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The change listener reports every Location version written to the database, this node's own writes included:
 * a version this node has applied through its storage hooks is not read again, any other version is.
 */
class DzIndexSyncTest {

    private final DzIndex index = new DzIndex();
    private IFhirResourceDao<Location> dao;
    private DzIndexSync sync;
    private DzIndexSync.StorageHooks hooks;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void setUp() {
        dao = mock(IFhirResourceDao.class);
        DaoRegistry registry = mock(DaoRegistry.class);
        when(registry.getResourceDao(Location.class)).thenReturn(dao);
        sync = new DzIndexSync(
                index,
                new DzNames(),
                registry,
                mock(IInterceptorService.class),
                mock(IResourceChangeListenerRegistry.class),
                new GeoProperties(230, Duration.ofSeconds(5), 100_000, Duration.ofSeconds(2), true));
        hooks = (DzIndexSync.StorageHooks) sync.storageHooks();
    }

    private static Location dz(String id, String version, double lat) {
        Location location = new Location();
        location.setId(new IdType("Location", id, version));
        location.setName("DZ " + id);
        location.setStatus(Location.LocationStatus.ACTIVE);
        location.addType(new CodeableConcept(new Coding(TerminologyCatalog.CS_DZ_TYPE, "heliport", null)));
        location.getPosition().setLatitude(BigDecimal.valueOf(lat)).setLongitude(BigDecimal.valueOf(2.0));
        return location;
    }

    private static ResourceChangeEvent updated(IIdType... ids) {
        return ResourceChangeEvent.fromCreatedUpdatedDeletedResourceIds(List.of(), List.of(ids), List.of());
    }

    @Test
    void ownAppliedVersionIsNotReadAgainButALaterOneFromAnotherNodeIs() {
        hooks.created(dz("7", "1", 50.0)); // no transaction: applied at once, as after a commit
        assertThat(index.size()).isEqualTo(1);

        sync.handleChange(ResourceChangeEvent.fromCreatedUpdatedDeletedResourceIds(
                List.of(new IdType("Location", "7", "1")), List.of(), List.of()));
        verify(dao, never()).read(any(IIdType.class), any(RequestDetails.class));
        assertThat(sync.ownVersionsSkipped()).isEqualTo(1);

        // another node moves it: version 2 was never applied here, so it is read
        when(dao.read(any(IIdType.class), any(RequestDetails.class))).thenReturn(dz("7", "2", 51.0));
        sync.handleChange(updated(new IdType("Location", "7", "2")));
        verify(dao, times(1)).read(any(IIdType.class), any(RequestDetails.class));
        assertThat(sync.reads()).isEqualTo(1);
        assertThat(index.nearest(DzQuery.nearest(51.0, 2.0, 1)))
                .singleElement()
                .satisfies(match -> assertThat(match.distanceMetres()).isLessThan(0.01));
    }

    @Test
    void aNewerVersionThanTheLocalWriteIsRead() {
        hooks.created(dz("8", "1", 50.0));
        when(dao.read(any(IIdType.class), any(RequestDetails.class))).thenReturn(dz("8", "3", 49.0));

        // versions 2 and 3 were written by another node before the poll: the listener reports only the latest
        sync.handleChange(updated(new IdType("Location", "8", "3")));

        verify(dao, times(1)).read(any(IIdType.class), any(RequestDetails.class));
        assertThat(sync.ownVersionsSkipped()).isZero();
        assertThat(index.nearest(DzQuery.nearest(49.0, 2.0, 1)))
                .singleElement()
                .satisfies(match -> assertThat(match.distanceMetres()).isLessThan(0.01));
    }
}
