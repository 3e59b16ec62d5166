package fr.vigie.mappings.location;

import java.util.Map;

/**
 * Shared shape of the location mappers: a row is read through {@link CsvRow}, and any {@link RejectedRowException}
 * a mapper throws becomes a {@link MappingResult.Rejected} with its message, so bad data never escapes as an
 * exception.
 */
abstract class AbstractLocationCsvMapper implements LocationCsvMapper {

    @Override
    public final MappingResult map(Map<String, String> raw) {
        try {
            return mapRow(CsvRow.of(raw));
        } catch (RejectedRowException e) {
            return new MappingResult.Rejected(e.getMessage());
        }
    }

    /** Maps one row; throws {@link RejectedRowException} with the reason when it cannot be imported. */
    abstract MappingResult mapRow(CsvRow row);
}
