package fr.vigie.server.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Demo data settings, bound from {@code vigie.demo.*}.
 *
 * @param enabled load the demo set at start (true in the default {@code h2} profile, false elsewhere)
 * @param waitForCompletion load synchronously before the server reports ready (tests); by default the set loads in
 *     the background right after start, so {@code /fhir/metadata} answers at once
 */
@ConfigurationProperties("vigie.demo")
public record DemoDataProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("false") boolean waitForCompletion) {}
