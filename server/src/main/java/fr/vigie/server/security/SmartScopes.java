package fr.vigie.server.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SMART App Launch v2 system scopes ({@code system/Location.rs}, {@code system/*.cruds}), with the v1 forms
 * ({@code system/Location.read}, {@code .write}, {@code .*}) read as their v2 equivalents.
 *
 * <p>Only {@code system/} scopes grant anything: Vigie serves backend services, not patient or user launches.
 * Unknown or malformed scopes grant nothing. Query-qualified v2 scopes ({@code system/Observation.rs?category=...})
 * are ignored rather than widened to the whole type.
 */
public final class SmartScopes {

    /** One interaction letter of a v2 scope. */
    public enum Permission {
        CREATE,
        READ,
        UPDATE,
        DELETE,
        SEARCH
    }

    /** A parsed scope: a resource type (or {@code *}) and its permissions. */
    public record Scope(String resourceType, Set<Permission> permissions) {
        public boolean allTypes() {
            return resourceType.equals("*");
        }
    }

    private static final Pattern SYSTEM_SCOPE = Pattern.compile("system/([A-Za-z]+|\\*)\\.([a-z*]+)");

    private final List<Scope> scopes;

    private SmartScopes(List<Scope> scopes) {
        this.scopes = List.copyOf(scopes);
    }

    /** Parses the scopes of a token (space-separated string or list elements). */
    public static SmartScopes parse(Collection<String> raw) {
        List<Scope> parsed = new ArrayList<>();
        for (String item : raw) {
            for (String token : item.trim().split("\\s+")) {
                Matcher matcher = SYSTEM_SCOPE.matcher(token);
                if (!matcher.matches()) {
                    continue;
                }
                Set<Permission> permissions = permissions(matcher.group(2));
                if (!permissions.isEmpty()) {
                    parsed.add(new Scope(matcher.group(1), permissions));
                }
            }
        }
        return new SmartScopes(parsed);
    }

    private static Set<Permission> permissions(String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "read":
                return EnumSet.of(Permission.READ, Permission.SEARCH);
            case "write":
                return EnumSet.of(Permission.CREATE, Permission.UPDATE, Permission.DELETE);
            case "*":
                return EnumSet.allOf(Permission.class);
            default:
                break;
        }
        // v2: letters in the order c, r, u, d, s, each at most once.
        if (!text.matches("c?r?u?d?s?")) {
            return EnumSet.noneOf(Permission.class);
        }
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (char letter : text.toCharArray()) {
            permissions.add(
                    switch (letter) {
                        case 'c' -> Permission.CREATE;
                        case 'r' -> Permission.READ;
                        case 'u' -> Permission.UPDATE;
                        case 'd' -> Permission.DELETE;
                        default -> Permission.SEARCH;
                    });
        }
        return permissions;
    }

    public List<Scope> scopes() {
        return scopes;
    }

    /** Whether any scope grants {@code permission} on {@code resourceType} (a {@code *} scope covers every type). */
    public boolean allows(String resourceType, Permission permission) {
        return scopes.stream()
                .anyMatch(scope -> (scope.allTypes() || scope.resourceType().equals(resourceType))
                        && scope.permissions().contains(permission));
    }

    public boolean isEmpty() {
        return scopes.isEmpty();
    }
}
