package fr.vigie.server.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.vigie.server.AbstractFhirIT;
import fr.vigie.server.TestDatabase;
import fr.vigie.server.TestTokens;
import fr.vigie.server.VigieApplication;
import fr.vigie.terminology.TerminologyCatalog;
import java.math.BigDecimal;
import java.time.Duration;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Location;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two Vigie nodes on one database: a second application context is started on the database of the shared test
 * server, and every create, update and delete made through the first node reaches the second node's index within
 * seconds, through HAPI's resource-change listener (the second node's storage hooks never see those writes).
 */
class NearestDzTwoNodesIT extends AbstractFhirIT {

    @Test
    void aSecondNodeOnTheSameDatabaseFollowsEveryWriteWithinSeconds() {
        try (ConfigurableApplicationContext node2 = new SpringApplicationBuilder(VigieApplication.class)
                .profiles(new TestDatabase().resolve(getClass()))
                // command-line arguments: they override the profiles' datasource, unlike default properties
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=" + TestDatabase.url(),
                        "--spring.datasource.username=" + TestDatabase.user(),
                        "--spring.datasource.password=" + TestDatabase.password(),
                        "--vigie.test.jwt-client-jwks=" + TestTokens.JWT_CLIENT_JWKS,
                        "--vigie.data-dir=./target/it-data-node2")) {
            DzIndex remote = node2.getBean(DzIndex.class);
            DzQuery query = DzQuery.nearest(20.0, -150.01, 1).withMaxDistance(10_000);

            Location dz = new Location();
            dz.setName("Two nodes DZ");
            dz.setStatus(Location.LocationStatus.ACTIVE);
            dz.addType(new CodeableConcept(new Coding(TerminologyCatalog.CS_DZ_TYPE, "heliport", null)));
            dz.getPosition().setLatitude(new BigDecimal("20.0")).setLongitude(new BigDecimal("-150.0"));
            String id = client.create()
                    .resource(dz)
                    .execute()
                    .getId()
                    .toUnqualifiedVersionless()
                    .getIdPart();
            await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> assertThat(remote.nearest(query))
                    .extracting(m -> m.point().id())
                    .containsExactly(id));

            Location moved = client.read().resource(Location.class).withId(id).execute();
            moved.getPosition().setLatitude(new BigDecimal("20.2"));
            client.update().resource(moved).execute();
            await().atMost(Duration.ofSeconds(40))
                    .untilAsserted(() -> assertThat(remote.nearest(query)).isEmpty());
            assertThat(remote.nearest(query.withMaxDistance(100_000)))
                    .extracting(m -> m.point().latitude())
                    .containsExactly(20.2);

            client.delete().resourceById("Location", id).execute();
            await().atMost(Duration.ofSeconds(40))
                    .untilAsserted(() -> assertThat(remote.nearest(query.withMaxDistance(100_000)))
                            .isEmpty());
        }
    }
}
