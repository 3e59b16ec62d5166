package fr.vigie.server.security.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.Test;

class HardeningPropertiesTest {

    @Test
    void bindsDocumentedDefaults() {
        HardeningProperties properties = TestProperties.bind();

        assertThat(properties.maxFhirRequestBytes()).isEqualTo(50L * 1024 * 1024);
        assertThat(properties.maxImportRequestBytes()).isEqualTo(200L * 1024 * 1024);
        assertThat(properties.rateLimit()).isEqualTo(new HardeningProperties.RateLimit(true, 1200, 200));
        assertThat(properties.cors().allowedOrigins()).isEmpty();
        assertThat(properties.cors().enabled()).isFalse();
        assertThat(properties.cors().allowedMethods())
                .containsExactly("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
        assertThat(properties.cors().allowedHeaders())
                .containsExactly(
                        "Authorization",
                        "Content-Type",
                        "Accept",
                        "Prefer",
                        "If-Match",
                        "If-None-Exist",
                        "If-None-Match",
                        "If-Modified-Since");
        assertThat(properties.cors().exposedHeaders())
                .containsExactly("Location", "Content-Location", "ETag", "Last-Modified");
        assertThat(properties.cors().maxAgeSeconds()).isEqualTo(3600);
    }

    @Test
    void bindsKebabCaseKeys() {
        HardeningProperties properties = TestProperties.bind(
                "max-fhir-request-bytes", "1000",
                "rate-limit.requests-per-minute", "60",
                "rate-limit.enabled", "false",
                "cors.allowed-origins", "https://dashboard.example.fr,https://other.example.fr");

        assertThat(properties.maxFhirRequestBytes()).isEqualTo(1000);
        assertThat(properties.rateLimit().requestsPerMinute()).isEqualTo(60);
        assertThat(properties.rateLimit().burst()).isEqualTo(200);
        assertThat(properties.rateLimit().enabled()).isFalse();
        assertThat(properties.cors().allowedOrigins())
                .containsExactly("https://dashboard.example.fr", "https://other.example.fr");
        assertThat(properties.cors().enabled()).isTrue();
    }

    @Test
    void rejectsNonPositiveLimits() {
        HardeningProperties properties = TestProperties.bind("max-import-request-bytes", "0", "rate-limit.burst", "0");

        try (ValidatorFactory factory = Validation.buildDefaultValidatorFactory()) {
            Validator validator = factory.getValidator();
            assertThat(validator.validate(properties))
                    .extracting(violation -> violation.getPropertyPath().toString())
                    .containsExactlyInAnyOrder("maxImportRequestBytes", "rateLimit.burst");
        }
    }
}
