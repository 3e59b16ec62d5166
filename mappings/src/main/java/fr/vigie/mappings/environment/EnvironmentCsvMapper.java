package fr.vigie.mappings.environment;

import fr.vigie.mappings.location.MappingResult;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Maps one record of a header-based environment CSV file to FHIR resources. Column names are matched without regard
 * to case, surrounding spaces or a byte order mark; empty values count as absent. The result type is the one the
 * location mappers use ({@link MappingResult}), so feeds settle every row the same way.
 */
public interface EnvironmentCsvMapper {

    /** Required columns the header lacks ({@code date or datetime} when either will do); empty when readable. */
    List<String> missingColumns(Collection<String> header);

    /** Maps the row, or says why it cannot be imported. Never throws for bad data. */
    MappingResult map(Map<String, String> row);
}
