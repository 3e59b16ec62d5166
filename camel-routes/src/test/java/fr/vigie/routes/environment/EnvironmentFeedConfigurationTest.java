package fr.vigie.routes.environment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class EnvironmentFeedConfigurationTest {

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(EnvironmentFeedConfiguration.class));

    @Test
    void registersTheFeed() {
        runner.run(context -> assertThat(context)
                .hasSingleBean(EnvironmentFeedHandler.class)
                .getBean(EnvironmentFeedHandler.class)
                .extracting(EnvironmentFeedHandler::feed)
                .isEqualTo("environment"));
    }

    @Test
    void backsOffForAHandlerOfTheApplication() {
        EnvironmentFeedHandler own = new EnvironmentFeedHandler();
        runner.withBean(EnvironmentFeedHandler.class, () -> own)
                .run(context -> assertThat(context.getBean(EnvironmentFeedHandler.class))
                        .isSameAs(own));
    }
}
