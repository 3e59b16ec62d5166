package fr.vigie.routes.common;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import fr.vigie.routes.resources.ResourcesFeedConfiguration;
import fr.vigie.routes.resources.ResourcesFeedHandler;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ImportAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ImportAutoConfiguration.class, ResourcesFeedConfiguration.class));

    @Test
    void registersFrameworkBeansWithDefaults() {
        runner.run(context -> {
            assertThat(context)
                    .hasSingleBean(ImportService.class)
                    .hasSingleBean(FhirWriter.class)
                    .hasSingleBean(HapiFhirTransactionClient.class)
                    .hasSingleBean(InboxRoute.class)
                    .hasSingleBean(VigieRouteConfiguration.class)
                    .hasSingleBean(ResourcesFeedHandler.class)
                    .hasSingleBean(FhirContext.class);
            ImportProperties properties = context.getBean(ImportProperties.class);
            assertThat(properties.inbox().enabled()).isTrue();
            assertThat(properties.inbox().root().normalize()).isEqualTo(Path.of("data", "inbox"));
            assertThat(properties.inbox().delay()).isEqualTo(Duration.ofSeconds(2));
            assertThat(properties.reportsDir().normalize()).isEqualTo(Path.of("data", "import-reports"));
            assertThat(properties.fhirBaseUrl()).isEmpty();
            assertThat(properties.batchSize()).isEqualTo(200);
            assertThat(context.getBean(ImportService.class).feeds())
                    .extracting(FeedInfo::feed)
                    .containsExactly("resources");
        });
    }

    @Test
    void inboxCanBeSwitchedOff() {
        runner.withPropertyValues("vigie.import.inbox.enabled=false")
                .run(context ->
                        assertThat(context).doesNotHaveBean(InboxRoute.class).hasSingleBean(ImportService.class));
    }

    @Test
    void reusesApplicationFhirContextAndWriter() {
        FhirContext applicationContext = FhirContext.forR4Cached();
        runner.withBean(FhirContext.class, () -> applicationContext)
                .withBean(ImportWriter.class, RecordingWriter::new)
                .run(context -> {
                    assertThat(context.getBean(FhirContext.class)).isSameAs(applicationContext);
                    assertThat(context).doesNotHaveBean(FhirWriter.class);
                });
    }
}
