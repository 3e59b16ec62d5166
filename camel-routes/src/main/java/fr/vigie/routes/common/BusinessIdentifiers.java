package fr.vigie.routes.common;

import fr.vigie.mappings.common.ConditionalUrls;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Resource;

/**
 * Business identifiers of imported resources and the conditional URLs built on them
 * ({@code Location?identifier=system|value}): what makes imports idempotent ({@link FhirWriter} looks them up and
 * writes by id, and names each resource of an import by its conditional URL).
 *
 * <p>Only the first identifier counts, so mappers must put the stable one (FINESS, station code...) first. Both parts
 * are escaped as FHIR search requires ({@code \ , $ |} get a backslash) and then URL-encoded.
 */
public final class BusinessIdentifiers {

    private BusinessIdentifiers() {}

    /** The resource's first identifier, when it has one (R4 resources only). */
    public static Optional<Identifier> first(IBaseResource resource) {
        if (!(resource instanceof Resource r4)) {
            return Optional.empty();
        }
        Property property = r4.getNamedProperty("identifier");
        if (property == null || !property.hasValues()) {
            return Optional.empty();
        }
        Base value = property.getValues().get(0);
        return value instanceof Identifier identifier ? Optional.of(identifier) : Optional.empty();
    }

    /**
     * Whether the resource is written by its own id ({@code PUT Binary/doc-<hash>}): resource types with no
     * {@code identifier} element (Binary) and a client id derived from their content, the only idempotent way to
     * write them.
     */
    public static boolean byClientId(Resource resource) {
        String id = resource.getIdElement().getIdPart();
        return resource.getNamedProperty("identifier") == null
                && id != null
                && !resource.getIdElement().getValue().startsWith("urn:")
                && id.matches("[A-Za-z0-9\\-.]{1,64}");
    }

    /**
     * Checks that the resource can be written idempotently.
     *
     * @return empty when usable, else the reason to reject its row
     */
    public static Optional<String> problem(IBaseResource resource) {
        if (resource == null) {
            return Optional.of("empty resource");
        }
        if (!(resource instanceof Resource r4)) {
            return Optional.of("only FHIR R4 resources can be imported, not "
                    + resource.getClass().getName());
        }
        String type = r4.fhirType();
        if (byClientId(r4)) {
            return Optional.empty();
        }
        Optional<Identifier> identifier = first(r4);
        if (identifier.isEmpty()) {
            return Optional.of(type + " resource has no identifier: add one so re-imports stay idempotent");
        }
        if (!identifier.get().hasSystem() || !identifier.get().hasValue()) {
            return Optional.of(type + " identifier needs both a system and a value so re-imports stay idempotent");
        }
        return Optional.empty();
    }

    /**
     * The conditional URL {@code Type?identifier=system|value} on the resource's first identifier.
     *
     * @throws IllegalArgumentException with the reason of {@link #problem} when the resource has no usable identifier
     */
    public static String conditionalUrl(IBaseResource resource) {
        problem(resource).ifPresent(reason -> {
            throw new IllegalArgumentException(reason);
        });
        if (byClientId((Resource) resource)) {
            Resource r4 = (Resource) resource;
            return r4.fhirType() + "/" + r4.getIdElement().getIdPart();
        }
        Identifier identifier = first(resource).orElseThrow();
        return ConditionalUrls.byIdentifier(
                ((Resource) resource).fhirType(), identifier.getSystem(), identifier.getValue());
    }
}
