package fr.vigie.server.security;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** Reads the calling client's id and SMART scopes from the bearer token Spring Security validated. */
public final class CallerScopes {

    private CallerScopes() {}

    /** The current request's token, if any. */
    public static Optional<Jwt> currentToken() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token) {
            return Optional.of(token.getToken());
        }
        return Optional.empty();
    }

    /** The scopes of the current request's token (none without a token). */
    public static SmartScopes current() {
        return currentToken().map(CallerScopes::of).orElseGet(() -> SmartScopes.parse(List.of()));
    }

    /** The scopes of a token: claim {@code scope} (space-separated string or list), else {@code scp}. */
    public static SmartScopes of(Jwt jwt) {
        Object claim = jwt.getClaims().getOrDefault("scope", jwt.getClaims().get("scp"));
        if (claim instanceof Collection<?> values) {
            return SmartScopes.parse(values.stream().map(String::valueOf).toList());
        }
        return SmartScopes.parse(claim == null ? List.of() : List.of(claim.toString()));
    }

    /** The client id of a token: {@code client_id}, else {@code azp}, else {@code sub}. */
    public static String clientId(Jwt jwt) {
        for (String claim : List.of("client_id", "azp", "sub")) {
            Object value = jwt.getClaims().get(claim);
            if (value != null && !value.toString().isBlank()) {
                return value.toString();
            }
        }
        return "unknown";
    }
}
