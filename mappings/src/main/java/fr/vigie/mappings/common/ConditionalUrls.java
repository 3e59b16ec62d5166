package fr.vigie.mappings.common;

import java.nio.charset.StandardCharsets;

/**
 * The one way Vigie spells a search by business identifier, {@code Type?identifier=system|value}, used both as the
 * URL of a conditional update and as a conditional reference to that resource.
 *
 * <p>Why one spelling: inside a transaction, HAPI FHIR resolves a conditional reference to a resource written in
 * the same bundle by comparing it with the entries' conditional URLs as strings; an encoded {@code https%3A%2F%2F}
 * on one side and a plain {@code https://} on the other make the reference unresolvable. Token parts get FHIR's
 * search escaping ({@code \ , $ |} take a backslash), then only the characters that would break a query string
 * are percent-encoded ({@code % & # + ;}, spaces, controls and non-ASCII); {@code : /} stay readable.
 */
public final class ConditionalUrls {

    private ConditionalUrls() {}

    /** {@code Type?identifier=system|value}, escaped as described above. */
    public static String byIdentifier(String resourceType, String system, String value) {
        return resourceType + "?identifier=" + token(system, value);
    }

    /**
     * One {@code system|value} token of a search parameter, escaped as described above, so that several can be
     * joined by {@code ,} into one OR list ({@code identifier=s|v1,s|v2}).
     */
    public static String token(String system, String value) {
        return tokenPart(system) + "|" + tokenPart(value);
    }

    static String tokenPart(String raw) {
        String escaped = (raw == null ? "" : raw)
                .replace("\\", "\\\\")
                .replace(",", "\\,")
                .replace("$", "\\$")
                .replace("|", "\\|");
        StringBuilder out = new StringBuilder();
        for (byte b : escaped.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean safe = c > 0x20 && c < 0x7f && "%&#+; ".indexOf(c) < 0;
            if (safe) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }
}
