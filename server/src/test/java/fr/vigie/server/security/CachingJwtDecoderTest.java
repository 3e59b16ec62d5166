package fr.vigie.server.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

class CachingJwtDecoderTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

    private final List<String> verifiedByDelegate = new ArrayList<>();
    private final AtomicReference<Instant> now = new AtomicReference<>(T0);

    /** Accepts tokens named "good-…" valid 5 minutes from T0, refuses the rest, and records each call. */
    private final JwtDecoder delegate = token -> {
        verifiedByDelegate.add(token);
        if (!token.startsWith("good-")) {
            throw new BadJwtException("bad signature");
        }
        return Jwt.withTokenValue(token)
                .header("alg", "RS256")
                .subject(token)
                .issuedAt(T0)
                .expiresAt(T0.plus(Duration.ofMinutes(5)))
                .build();
    };

    private final CachingJwtDecoder decoder = new CachingJwtDecoder(delegate, 100, Duration.ofMinutes(10), new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    });

    @Test
    void verifiesEachTokenOnceWhileItIsValid() {
        Jwt first = decoder.decode("good-a");
        now.set(T0.plus(Duration.ofMinutes(4)));
        Jwt again = decoder.decode("good-a");
        decoder.decode("good-b");

        assertThat(again).isSameAs(first);
        assertThat(verifiedByDelegate).containsExactly("good-a", "good-b");
    }

    @Test
    void refusesARememberedTokenOnceExpired() {
        decoder.decode("good-a");
        now.set(T0.plus(Duration.ofMinutes(5)));

        assertThatThrownBy(() -> decoder.decode("good-a"))
                .isInstanceOf(BadJwtException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void neverRemembersARefusedToken() {
        assertThatThrownBy(() -> decoder.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> decoder.decode("forged")).isInstanceOf(BadJwtException.class);

        assertThat(verifiedByDelegate).containsExactly("forged", "forged");
    }
}
