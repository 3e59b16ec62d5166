package fr.vigie.mappings.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConditionalUrlsTest {

    @Test
    void keepsSystemsReadableAndEscapesWhatBreaksAQuery() {
        assertThat(ConditionalUrls.byIdentifier("Location", "https://finess.esante.gouv.fr", "010000024"))
                .isEqualTo("Location?identifier=https://finess.esante.gouv.fr|010000024");
        assertThat(ConditionalUrls.byIdentifier("Observation", "urn:x", "a|b,c&d e#é"))
                .isEqualTo("Observation?identifier=urn:x|a\\|b\\,c%26d%20e%23%C3%A9");
    }
}
