package fr.vigie.server.forecast;

import fr.vigie.terminology.TerminologyCatalog;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The condition groups whose admissions are forecast (CodeSystem {@code forecast-condition}) and the CIM-10 codes
 * each covers. A CIM-10 code belongs to a group when its three-character category is in the group's ranges, so every
 * subcode of a full CIM-10 (J44.10…) counts, not only those the ValueSets list:
 *
 * <ul>
 *   <li>{@code respiratory}: J09–J18 (influenza and pneumonia) and J40–J47 (chronic lower respiratory diseases),
 *       ValueSet {@code respiratory-admission};
 *   <li>{@code copd}: J44, ValueSet {@code copd};
 *   <li>{@code asthma}: J45–J46, ValueSet {@code asthma}.
 * </ul>
 */
public enum ForecastCondition {
    RESPIRATORY("respiratory", "respiratory-admission", "J09-J18", "J40-J47"),
    COPD("copd", "copd", "J44-J44"),
    ASTHMA("asthma", "asthma", "J45-J46");

    private final String code;
    private final String valueSet;
    private final List<String[]> ranges;

    ForecastCondition(String code, String valueSet, String... ranges) {
        this.code = code;
        this.valueSet = TerminologyCatalog.CANONICAL_BASE + "/ValueSet/" + valueSet;
        this.ranges = Arrays.stream(ranges).map(r -> r.split("-")).toList();
    }

    /** The forecast-condition code. */
    public String code() {
        return code;
    }

    /** Canonical URL of the CIM-10 ValueSet defining the group. */
    public String valueSet() {
        return valueSet;
    }

    /** The group of a code, case-insensitive. */
    public static Optional<ForecastCondition> of(String code) {
        if (code == null) {
            return Optional.empty();
        }
        String c = code.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(v -> v.code.equals(c)).findFirst();
    }

    /** Whether a CIM-10 code (J44, J44.1, J441, J44.10) falls in this group. */
    public boolean covers(String cim10) {
        if (cim10 == null || cim10.length() < 3) {
            return false;
        }
        String category = cim10.strip().toUpperCase(Locale.ROOT).substring(0, 3);
        for (String[] range : ranges) {
            if (category.compareTo(range[0]) >= 0 && category.compareTo(range[1]) <= 0) {
                return true;
            }
        }
        return false;
    }

    /** The codes accepted in {@code condition}, for error messages. */
    public static String allowed() {
        return String.join(
                ", ", Arrays.stream(values()).map(ForecastCondition::code).toList());
    }
}
