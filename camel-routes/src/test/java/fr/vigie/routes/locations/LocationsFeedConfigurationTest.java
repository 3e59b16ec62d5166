package fr.vigie.routes.locations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class LocationsFeedConfigurationTest {

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(LocationsFeedConfiguration.class));

    @Test
    void registersTheFeed() {
        runner.run(context -> assertThat(context)
                .hasSingleBean(LocationsFeedHandler.class)
                .getBean(LocationsFeedHandler.class)
                .extracting(LocationsFeedHandler::feed)
                .isEqualTo("locations"));
    }

    @Test
    void backsOffForAHandlerOfTheApplication() {
        LocationsFeedHandler own = new LocationsFeedHandler();
        runner.withBean(LocationsFeedHandler.class, () -> own)
                .run(context ->
                        assertThat(context.getBean(LocationsFeedHandler.class)).isSameAs(own));
    }
}
