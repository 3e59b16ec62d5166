package fr.vigie.mappings.location;

import java.util.List;
import java.util.Objects;
import org.hl7.fhir.r4.model.Resource;

/**
 * What a {@link LocationCsvMapper} made of one CSV row: resources to import, or the reason the row cannot be.
 *
 * <p>A sealed pair rather than an exception so that callers settle every row explicitly (accept or reject).
 */
public sealed interface MappingResult {

    /**
     * The row maps to {@code resources}, in the order they should be written (an Organization before the Location
     * that refers to it); {@code warnings} tell the operator about defaulted or dropped values.
     */
    record MappedRow(List<Resource> resources, List<String> warnings) implements MappingResult {

        public MappedRow {
            resources = List.copyOf(resources);
            warnings = List.copyOf(warnings);
            if (resources.isEmpty()) {
                throw new IllegalArgumentException("a mapped row needs at least one resource");
            }
        }
    }

    /** The row cannot be imported; {@code reason} says what to fix in the source. */
    record Rejected(String reason) implements MappingResult {

        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
