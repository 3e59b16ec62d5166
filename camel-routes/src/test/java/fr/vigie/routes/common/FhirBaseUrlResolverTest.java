package fr.vigie.routes.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class FhirBaseUrlResolverTest {

    @Test
    void prefersConfiguredUrl() {
        MockEnvironment environment = new MockEnvironment().withProperty("local.server.port", "8080");

        assertThat(new FhirBaseUrlResolver(environment, " https://fhir.chu.example/fhir ").get())
                .isEqualTo("https://fhir.chu.example/fhir");
    }

    @Test
    void defaultsToLocalServerOnceItsPortIsKnown() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("local.server.port", "43210")
                .withProperty("server.servlet.context-path", "/vigie/")
                .withProperty("vigie.fhir.path", "fhir");

        URI url = URI.create(new FhirBaseUrlResolver(environment, "").get());

        assertThat(url.getScheme()).isEqualTo("http");
        assertThat(url.getHost()).isEqualTo("127.0.0.1");
        assertThat(url.getPort()).isEqualTo(43210);
        assertThat(url.getPath()).isEqualTo("/vigie/fhir");
    }

    @Test
    void usesDefaultFhirPathAndTls() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("local.server.port", "8443")
                .withProperty("server.ssl.enabled", "true");

        URI url = URI.create(new FhirBaseUrlResolver(environment, null).get());

        assertThat(url.getScheme()).isEqualTo("https");
        assertThat(url.getPath()).isEqualTo("/fhir");
    }

    @Test
    void failsClearlyBeforeTheServerHasStarted() {
        assertThatThrownBy(() -> new FhirBaseUrlResolver(new MockEnvironment(), "").get())
                .isInstanceOf(ImportTargetException.class)
                .hasMessageContaining("vigie.import.fhir-base-url");
    }
}
