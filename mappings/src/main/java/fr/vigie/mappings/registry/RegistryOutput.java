package fr.vigie.mappings.registry;

import java.util.List;
import org.hl7.fhir.r4.model.Resource;

/**
 * Where the engine hands what it made of a workbook. Every source row (or, for summary sheets, every report built
 * from a block of cells, and every rejected cell) ends in exactly one {@link #accept} or {@link #reject}.
 */
public interface RegistryOutput {

    /** Resources made from the cells at {@code row} ({@code Missions!A5}, {@code Synthese!Y2:Y7}). */
    void accept(String row, List<? extends Resource> resources);

    /** Cells that cannot be imported; {@code reason} names the cell and what to fix. */
    void reject(String row, String reason);

    /** Something the operator should know that did not stop the import (an inconsistent total...). */
    void warn(String row, String message);
}
