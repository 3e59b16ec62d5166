package fr.vigie.routes.documents.nlp;

/**
 * Kinds of measurements the vital-signs extractor finds, each with the LOINC code it is reported under and the UCUM
 * unit its value is normalised to. Codes of the FHIR R4 vital-signs profiles where one exists (temperature 8310-5,
 * heart rate 8867-4, respiratory rate 9279-1, blood pressure panel 85354-9 with systolic 8480-6 and diastolic 8462-4,
 * oxygen saturation 2708-6 with pulse-oximetry 59408-5); plain LOINC for the others.
 */
public enum VitalSignType {
    /** Body temperature, {@code Cel}. */
    TEMPERATURE("8310-5", "Body temperature", "Cel"),
    /** Heart rate, {@code /min}. */
    HEART_RATE("8867-4", "Heart rate", "/min"),
    /** Respiratory rate, {@code /min}. */
    RESPIRATORY_RATE("9279-1", "Respiratory rate", "/min"),
    /**
     * Blood pressure panel (no value of its own): components systolic 8480-6 and diastolic 8462-4 in {@code mm[Hg]};
     * the French "12/8" (cmHg) convention is converted to 120/80 mm[Hg].
     */
    BLOOD_PRESSURE("85354-9", "Blood pressure panel with all children optional", "mm[Hg]"),
    /**
     * Oxygen saturation in arterial blood, {@code %}. Reported as 2708-6; when measured by pulse oximetry ("SpO2") the
     * fact also carries the more specific code 59408-5 ({@link VitalSign#additionalCode()}), as the FHIR profile asks.
     */
    OXYGEN_SATURATION("2708-6", "Oxygen saturation in Arterial blood", "%"),
    /**
     * Capillary blood glucose. Mass concentration (g/L, mg/dL) is reported as 41653-7 "Glucose [Mass/volume] in
     * Capillary blood by Glucometer" in {@code g/L}; molar concentration (mmol/L) as 14743-9 "Glucose [Moles/volume] in
     * Capillary blood by Glucometer" in {@code mmol/L}: the value is kept in the dimension it was written in and
     * {@link VitalSign#code()} names which one.
     */
    CAPILLARY_GLUCOSE("41653-7", "Glucose [Mass/volume] in Capillary blood by Glucometer", "g/L"),
    /**
     * Pain score 0–10: "EN" (échelle numérique) as 72514-3 "Pain severity - 0-10 verbal numeric rating [Score] -
     * Reported"; "EVA" (échelle visuelle analogique) as 38214-3 "Pain severity [Score] Visual analog score". Unit
     * {@code {score}}.
     */
    PAIN_SCORE("72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported", "{score}"),
    /** Glasgow coma scale total, 3–15, {@code {score}}. */
    GLASGOW("9269-2", "Glasgow coma score total", "{score}");

    /** LOINC system URI. */
    public static final String LOINC = "http://loinc.org";

    private final String loinc;
    private final String display;
    private final String ucum;

    VitalSignType(String loinc, String display, String ucum) {
        this.loinc = loinc;
        this.display = display;
        this.ucum = ucum;
    }

    /** Default LOINC code of this kind (a fact may carry a more specific one in {@link VitalSign#code()}). */
    public String loinc() {
        return loinc;
    }

    /** LOINC display of {@link #loinc()}. */
    public String display() {
        return display;
    }

    /** Default UCUM unit of values of this kind. */
    public String ucum() {
        return ucum;
    }
}
