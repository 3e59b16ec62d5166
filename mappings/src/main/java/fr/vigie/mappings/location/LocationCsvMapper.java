package fr.vigie.mappings.location;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps one record of a header-based CSV file to FHIR resources.
 *
 * <p>Rows are given as {@code column → value} maps. Column names are matched without regard to case, surrounding
 * spaces or a byte order mark, so callers may pass the header exactly as read. Empty values count as absent.
 */
public interface LocationCsvMapper {

    /**
     * Required columns the header lacks, each described as an operator should add it (e.g. {@code latitude}, or
     * {@code latitude and longitude, or x_l93 and y_l93}); empty when the file can be read.
     */
    List<String> missingColumns(Collection<String> header);

    /**
     * The row's business id as it will be written (e.g. the FINESS on 9 characters), used to detect the same site
     * twice in one file; empty when the row has none (it will then be rejected by {@link #map}).
     */
    Optional<String> rowId(Map<String, String> row);

    /** Maps the row, or says why it cannot be imported. Never throws for bad data. */
    MappingResult map(Map<String, String> row);
}
