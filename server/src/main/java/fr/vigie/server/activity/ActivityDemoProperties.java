package fr.vigie.server.activity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The simulated activity loaded at first start ({@code vigie.activity.demo.*}).
 *
 * @param enabled load it (on with the demo data set, i.e. the default {@code h2} profile)
 * @param days days simulated, ending at the hour of the first start (1–366)
 * @param seed the simulation seed
 * @param zone time zone of the department's clock
 */
@ConfigurationProperties("vigie.activity.demo")
public record ActivityDemoProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("30") int days,
        @DefaultValue("2026") long seed,
        @DefaultValue("Europe/Paris") String zone) {

    public ActivityDemoProperties {
        if (days < 1 || days > 366) {
            throw new IllegalArgumentException("vigie.activity.demo.days must be within 1-366, got " + days);
        }
    }
}
