package fr.vigie.routes.common;

import java.util.List;
import java.util.concurrent.Callable;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Where a {@link FeedHandler} hands each row it read: every row ends in exactly one {@link #accept} or
 * {@link #reject} call, so the report accounts for it; {@link #warn} may be added to either.
 *
 * <p>Accepted resources are written as conditional updates on their first identifier; they may be buffered and
 * written in batches, so their outcome appears in the report a little later.
 */
public interface ImportSink {

    /**
     * The resources mapped from one row. Each must carry a business identifier (system and value); references
     * between them or to other rows should be conditional ({@code Location?identifier=system|value}).
     */
    void accept(RowRef row, List<? extends IBaseResource> resources);

    /** The row cannot be imported; {@code reason} tells the operator what to fix. */
    void reject(RowRef row, String reason);

    /** Something worth knowing about a row that does not prevent its import (a defaulted value, an unknown code). */
    void warn(RowRef row, String message);

    /**
     * Runs a mapping and accepts its resources, or rejects the row with the mapping's exception message, so a bad
     * value in one row never stops the file. Failures of the FHIR target still stop the import.
     */
    default void map(RowRef row, Callable<? extends List<? extends IBaseResource>> mapping) {
        List<? extends IBaseResource> resources;
        try {
            resources = mapping.call();
        } catch (Exception e) {
            reject(row, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            return;
        }
        accept(row, resources);
    }
}
