package fr.vigie.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.vigie.server.security.SmartScopes.Permission;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmartScopesTest {

    @Test
    void readsV2SystemScopes() {
        SmartScopes scopes = SmartScopes.parse(List.of("system/Location.rs system/Encounter.cruds"));
        assertThat(scopes.allows("Location", Permission.READ)).isTrue();
        assertThat(scopes.allows("Location", Permission.SEARCH)).isTrue();
        assertThat(scopes.allows("Location", Permission.CREATE)).isFalse();
        assertThat(scopes.allows("Encounter", Permission.DELETE)).isTrue();
        assertThat(scopes.allows("DocumentReference", Permission.READ)).isFalse();
    }

    @Test
    void wildcardCoversEveryType() {
        SmartScopes scopes = SmartScopes.parse(List.of("system/*.rs"));
        assertThat(scopes.allows("AuditEvent", Permission.READ)).isTrue();
        assertThat(scopes.allows("AuditEvent", Permission.UPDATE)).isFalse();
    }

    @Test
    void readsV1ScopesAsTheirV2Equivalents() {
        SmartScopes scopes = SmartScopes.parse(List.of("system/Location.read", "system/Encounter.write"));
        assertThat(scopes.allows("Location", Permission.SEARCH)).isTrue();
        assertThat(scopes.allows("Encounter", Permission.CREATE)).isTrue();
        assertThat(scopes.allows("Encounter", Permission.READ)).isFalse();
    }

    @Test
    void grantsNothingForPatientUserMalformedOrQueryQualifiedScopes() {
        SmartScopes scopes = SmartScopes.parse(
                List.of("patient/*.cruds user/Location.rs system/Location.rx system/Observation.rs?category=vital-signs"
                        + " system/Location.sr openid"));
        assertThat(scopes.isEmpty()).isTrue();
    }
}
