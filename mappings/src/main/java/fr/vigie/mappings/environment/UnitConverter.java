package fr.vigie.mappings.environment;

import fr.vigie.mappings.environment.EnvironmentalParameters.Parameter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Converts a value written in a source unit to the canonical UCUM unit of its parameter (the {@code unit} property of
 * CodeSystem {@code environmental-parameter}).
 *
 * <p>Source units are matched after trimming, lower-casing, {@code µ}/{@code μ} → {@code u} and {@code ³} →
 * {@code 3}. Accepted spellings:
 *
 * <ul>
 *   <li>mass concentration: {@code ug/m3}, {@code µg/m3}, {@code µg/m³}; {@code mg/m3}. Between the two, × 1000 or
 *       ÷ 1000 when the canonical unit differs ({@code co} is stored in {@code mg/m3}, the others in {@code ug/m3});
 *   <li>temperature: {@code Cel}, {@code °C}, {@code C}; {@code [degF]}, {@code °F}, {@code F} converted by
 *       (F − 32) × 5/9;
 *   <li>{@code %}; {@code /100000}, {@code per 100000}; pollen {@code /m3} (also {@code grains/m3});
 *   <li>{@code ppb} → {@code ug/m3} for three gases only, at 20 °C and 1 atm (101.325 kPa), molar volume
 *       24.04 L/mol, factor = molar mass / 24.04: {@code no2} × 1.88 (46.01 g/mol), {@code o3} × 1.96
 *       (48.00 g/mol), {@code so2} × 2.62 (64.07 g/mol). These are the factors EU Directive 2008/50/EC reporting
 *       uses (20 °C, 101.3 kPa). Any other ppb (or ppm) conversion is rejected, as the right factor depends on
 *       conditions the source does not state.
 * </ul>
 *
 * <p>Converted values are rounded half-even to two more decimals than the source value (at most 6); values already
 * in the canonical unit, or scaled by 1000, keep their exact digits.
 */
public final class UnitConverter {

    /** ppb → µg/m3 at 20 °C and 1 atm, by parameter code. */
    public static final Map<String, BigDecimal> PPB_TO_UG_M3 =
            Map.of("no2", new BigDecimal("1.88"), "o3", new BigDecimal("1.96"), "so2", new BigDecimal("2.62"));

    private static final List<String> ACCEPTED = List.of(
            "ug/m3",
            "µg/m3",
            "µg/m³",
            "mg/m3",
            "Cel",
            "°C",
            "C",
            "[degF]",
            "°F",
            "F",
            "%",
            "/100000",
            "per 100000",
            "/m3",
            "ppb (no2, o3, so2 only)");

    private UnitConverter() {}

    /**
     * The value in the parameter's canonical unit.
     *
     * @throws RejectedValueException when the unit is unknown or cannot be converted to the canonical one
     */
    static BigDecimal toCanonical(Parameter parameter, BigDecimal value, String sourceUnit) {
        if (sourceUnit == null || sourceUnit.isBlank()) {
            throw new RejectedValueException(
                    "empty unit for " + parameter.code() + " (canonical unit " + parameter.unit() + ")");
        }
        String unit = normalise(sourceUnit);
        String canonical = parameter.unit();
        String canonicalKey = normalise(canonical);
        if (unit.equals(canonicalKey)) {
            return value;
        }
        if (unit.equals("ppb")) {
            BigDecimal factor = PPB_TO_UG_M3.get(parameter.code());
            if (factor == null || !canonical.equals("ug/m3")) {
                throw new RejectedValueException("no ppb conversion is defined for " + parameter.code()
                        + " (only no2, o3 and so2, to ug/m3 at 20 °C and 1 atm); give it in " + canonical);
            }
            return round(value.multiply(factor), value);
        }
        switch (canonical) {
            case "ug/m3" -> {
                if (unit.equals("mg/m3")) {
                    return value.movePointRight(3);
                }
            }
            case "mg/m3" -> {
                if (unit.equals("ug/m3")) {
                    return value.movePointLeft(3);
                }
            }
            case "Cel" -> {
                if (unit.equals("°c") || unit.equals("c")) {
                    return value;
                }
                if (unit.equals("[degf]") || unit.equals("°f") || unit.equals("f")) {
                    BigDecimal celsius = value.subtract(BigDecimal.valueOf(32))
                            .multiply(BigDecimal.valueOf(5))
                            .divide(BigDecimal.valueOf(9), MathContext.DECIMAL64);
                    return round(celsius, value);
                }
            }
            case "/100000" -> {
                if (unit.equals("per 100000") || unit.equals("/100 000") || unit.equals("per 100 000")) {
                    return value;
                }
            }
            case "/m3" -> {
                if (unit.equals("grains/m3") || unit.equals("{grains}/m3")) {
                    return value;
                }
            }
            default -> {
                // no alias for the other canonical units
            }
        }
        throw new RejectedValueException("unit '" + sourceUnit + "' cannot be converted to " + canonical + " for "
                + parameter.code() + " (accepted units: " + String.join(", ", ACCEPTED) + ")");
    }

    private static String normalise(String unit) {
        return unit.strip()
                .replace('µ', 'u')
                .replace('μ', 'u')
                .replace('³', '3')
                .toLowerCase(Locale.ROOT);
    }

    private static BigDecimal round(BigDecimal converted, BigDecimal source) {
        int scale = Math.min(Math.max(source.scale(), 0) + 2, 6);
        return converted.setScale(scale, RoundingMode.HALF_EVEN);
    }
}
