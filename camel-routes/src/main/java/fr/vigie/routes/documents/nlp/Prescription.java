package fr.vigie.routes.documents.nlp;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One prescription line ("ordonnance"): a drug coded with its BDPM CIS code and what the line says of dose, route,
 * frequency and duration. Parts the line does not state are null.
 *
 * @param cisCode the BDPM CIS code (8 digits) of the matched "spécialité", system {@link #CIS_SYSTEM}; null when only
 *     the substance was recognised and several spécialités match (then {@code drugName} is the substance)
 * @param drugName the BDPM denomination of {@code cisCode} (or the substance name)
 * @param drugSpan the words that named the drug
 * @param dose amount per intake with its unit, or null
 * @param route route of administration, or null
 * @param frequency how often, or null
 * @param duration for how long, or null
 * @param span the whole line (drug through duration)
 * @param assertion PRESENT for a prescription; HISTORY for "traitement habituel"/"ATCD" lists; NEGATED for "arrêt de",
 *     "ne pas prendre"
 */
public record Prescription(
        String cisCode,
        String drugName,
        Span drugSpan,
        Dose dose,
        Route route,
        Frequency frequency,
        Duration duration,
        Span span,
        Assertion assertion) {

    /** System URI of BDPM CIS codes (ANS, as used by FR Core / the French NOS). */
    public static final String CIS_SYSTEM = "https://smt.esante.gouv.fr/terminologie-cis";

    public Prescription {
        Objects.requireNonNull(drugName, "drugName");
        Objects.requireNonNull(drugSpan, "drugSpan");
        Objects.requireNonNull(span, "span");
        Objects.requireNonNull(assertion, "assertion");
    }

    /**
     * Amount per intake.
     *
     * @param value the amount ("1" comprimé, "500" mg, "0.5" mL)
     * @param unit the UCUM unit ({@code mg}, {@code g}, {@code ug}, {@code mL}, {@code [iU]}) or a UCUM annotation for
     *     countable forms ({@code {comprimé}}, {@code {gélule}}, {@code {sachet}}, {@code {bouffée}}, {@code {goutte}})
     */
    public record Dose(BigDecimal value, String unit, Span span) {}

    /**
     * Route, coded in SNOMED CT (the FHIR {@code route-codes} example binding), with the BDPM French label.
     *
     * @param snomed SNOMED CT concept id, e.g. 26643006 (oral)
     * @param display SNOMED CT display, e.g. "Oral route"
     * @param bdpmLabel BDPM's label ("orale", "intraveineuse", "sous-cutanée"...)
     */
    public record Route(String snomed, String display, String bdpmLabel, Span span) {

        /** SNOMED CT system URI. */
        public static final String SYSTEM = "http://snomed.info/sct";
    }

    /**
     * Timing as FHIR {@code Timing.repeat}: {@code count} intakes every {@code period} {@code periodUnit}, e.g. "3
     * fois par jour" = 3 per 1 d, "toutes les 6 heures" = 1 per 6 h, "matin et soir" = 2 per 1 d.
     *
     * @param count intakes per period; 0 when the line says only "si besoin" (then period and periodUnit are null)
     * @param period period length
     * @param periodUnit UCUM: {@code h}, {@code d}, {@code wk}, {@code mo}
     * @param asNeeded true for "si besoin", "si douleur" (FHIR {@code asNeededBoolean})
     */
    public record Frequency(int count, BigDecimal period, String periodUnit, boolean asNeeded, Span span) {}

    /**
     * Treatment length as FHIR {@code Timing.repeat.boundsDuration}: "pendant 7 jours" = 7 d.
     *
     * @param unit UCUM: {@code d}, {@code wk}, {@code mo}
     */
    public record Duration(BigDecimal value, String unit, Span span) {}
}
