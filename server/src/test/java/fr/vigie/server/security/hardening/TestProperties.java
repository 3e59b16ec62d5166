package fr.vigie.server.security.hardening;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Binds {@link HardeningProperties} as Spring Boot would, from a few {@code vigie.security.hardening.*} keys. */
final class TestProperties {

    private TestProperties() {}

    /** @param keyValues keys relative to {@code vigie.security.hardening.}, then values, alternately */
    static HardeningProperties bind(String... keyValues) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put("vigie.security.hardening." + keyValues[i], keyValues[i + 1]);
        }
        return new Binder(new MapConfigurationPropertySource(map))
                .bindOrCreate("vigie.security.hardening", Bindable.of(HardeningProperties.class));
    }
}
