package fr.vigie.server.imports;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.mappings.common.ConditionalUrls;
import fr.vigie.routes.common.IdentifierIndex;
import fr.vigie.server.AbstractFhirIT;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The server's identifier index (used by imports instead of one FHIR search per identifier) gives the answers of
 * {@code Type?identifier=system|value}, on H2 and PostgreSQL: stored, several holders, other types, deleted
 * resources, updated identifiers, special characters.
 */
class JpaIdentifierIndexIT extends AbstractFhirIT {

    private static final String SYSTEM = "urn:vigie-it:index";

    @Autowired
    IdentifierIndex index;

    @Test
    void findsWhatTheIdentifierSearchFinds() {
        String one = store(location("one"));
        String twinA = store(location("twin"));
        String twinB = store(location("twin"));
        String deleted = store(location("deleted"));
        client.delete().resourceById("Location", deleted).execute();
        String renamed = store(location("before"));
        Location update = client.read().resource(Location.class).withId(renamed).execute();
        update.getIdentifierFirstRep().setValue("after");
        client.update().resource(update).execute();
        String odd = store(location("a|b,c\\d$e é"));
        Encounter encounter = new Encounter().setStatus(Encounter.EncounterStatus.FINISHED);
        encounter.addIdentifier().setSystem(SYSTEM).setValue("encounter-only");
        encounter
                .getClass_()
                .setSystem("http://terminology.hl7.org/CodeSystem/v3-ActCode")
                .setCode("EMER");
        store(encounter);

        List<String> values =
                List.of("one", "twin", "deleted", "before", "after", "a|b,c\\d$e é", "encounter-only", "never-stored");
        List<Identifier> identifiers = new ArrayList<>();
        values.forEach(
                value -> identifiers.add(new Identifier().setSystem(SYSTEM).setValue(value)));
        Map<String, Set<String>> found = index.find("Location", identifiers);

        assertThat(found.get(token("one"))).containsExactly(one);
        assertThat(found.get(token("twin"))).containsExactlyInAnyOrder(twinA, twinB);
        assertThat(found.get(token("after"))).containsExactly(renamed);
        assertThat(found.get(token("a|b,c\\d$e é"))).containsExactly(odd);
        assertThat(found)
                .doesNotContainKeys(token("deleted"), token("before"), token("encounter-only"), token("never-stored"));
        // the same answers as the FHIR search
        for (String value : values) {
            assertThat(found.getOrDefault(token(value), Set.of())).as(value).isEqualTo(searched(value));
        }
        assertThat(index.find(
                        "Encounter", List.of(new Identifier().setSystem(SYSTEM).setValue("encounter-only"))))
                .containsOnlyKeys(token("encounter-only"));
    }

    private static Location location(String value) {
        Location location = new Location().setName("Index " + value);
        location.addIdentifier().setSystem(SYSTEM).setValue(value);
        return location;
    }

    private String store(Resource resource) {
        return client.create().resource(resource).execute().getId().getIdPart();
    }

    private Set<String> searched(String value) {
        Bundle bundle = client.search()
                .forResource(Location.class)
                .where(Location.IDENTIFIER.exactly().systemAndCode(SYSTEM, value))
                .returnBundle(Bundle.class)
                .execute();
        Set<String> ids = new HashSet<>();
        bundle.getEntry().forEach(e -> ids.add(e.getResource().getIdElement().getIdPart()));
        return ids;
    }

    private static String token(String value) {
        return ConditionalUrls.token(SYSTEM, value);
    }
}
