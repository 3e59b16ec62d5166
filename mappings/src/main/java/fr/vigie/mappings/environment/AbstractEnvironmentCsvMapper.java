package fr.vigie.mappings.environment;

import fr.vigie.mappings.location.MappingResult;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Base of the row mappers of header-based environment files: the required columns are checked by name
 * ({@link Columns#missing}), each row is normalised ({@link Columns#normalise}: names lower case, empty values absent)
 * and a value the mapping refuses ({@link RejectedValueException}) settles the row as rejected with its reason.
 */
abstract class AbstractEnvironmentCsvMapper implements EnvironmentCsvMapper {

    private final List<String> required;

    /** @param required the columns a file must have ({@code date or datetime} when either will do) */
    AbstractEnvironmentCsvMapper(List<String> required) {
        this.required = Objects.requireNonNull(required, "required");
    }

    @Override
    public final List<String> missingColumns(Collection<String> header) {
        return Columns.missing(header, required);
    }

    @Override
    public final MappingResult map(Map<String, String> raw) {
        try {
            return mapRow(Columns.normalise(raw));
        } catch (RejectedValueException e) {
            return new MappingResult.Rejected(e.getMessage());
        }
    }

    /**
     * Maps a normalised row.
     *
     * @throws RejectedValueException when a value cannot be imported, saying why
     */
    abstract MappingResult mapRow(Map<String, String> row);
}
