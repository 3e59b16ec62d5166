package fr.vigie.routes.common;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Identifier;

/**
 * Which stored resources carry given identifiers, read from the server's own search index rather than through one
 * FHIR search per identifier. {@link FhirWriter} uses it, when the application provides one and imports write to the
 * local server, to find where each imported resource goes; it answers what {@code Type?identifier=system|value}
 * would.
 */
public interface IdentifierIndex {

    /**
     * The ids (without type or version) of the resources of {@code resourceType} that carry each identifier, keyed by
     * {@code ConditionalUrls.token(system, value)}; an identifier no resource carries has no key.
     *
     * @throws UnavailableException when this index cannot answer for these identifiers (the writer then searches
     *     over FHIR)
     */
    Map<String, Set<String>> find(String resourceType, Collection<Identifier> identifiers);

    /** This index cannot answer: the caller uses FHIR search instead. */
    class UnavailableException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
