package fr.vigie.routes.documents.nlp;

/**
 * Who the patient is and how they came, as stated in the document; each part is null when the document does not say.
 *
 * @param age age with its span
 * @param sex administrative sex with its span
 * @param arrivalMode how the patient arrived, coded in Vigie's {@code arrival-mode} CodeSystem
 * @param chiefComplaint the reason for the visit ("motif")
 */
public record Demographics(Age age, Sex sex, ArrivalMode arrivalMode, ChiefComplaint chiefComplaint) {

    /** No demographics found. */
    public static final Demographics NONE = new Demographics(null, null, null, null);

    /**
     * Age as written: "72 ans", "âgé de 3 mois", "patiente de 45 ans", "nourrisson de 10 jours".
     *
     * @param value the number written
     * @param ucum its unit in UCUM: {@code a} (years), {@code mo}, {@code wk} or {@code d}
     */
    public record Age(int value, String ucum, Span span) {

        /** Age in whole years (0 for babies under a year). */
        public int years() {
            return switch (ucum) {
                case "a" -> value;
                case "mo" -> value / 12;
                case "wk" -> value / 52;
                default -> value / 365;
            };
        }
    }

    /**
     * Administrative sex from words such as "patient"/"patiente", "homme"/"femme", "M."/"Mme", "sexe : F".
     *
     * @param code FHIR {@code AdministrativeGender}: {@code male} or {@code female}
     */
    public record Sex(String code, Span span) {}

    /**
     * Arrival mode.
     *
     * @param code one of {@link #CODES} in {@link #SYSTEM}
     * @param display the CodeSystem's display
     */
    public record ArrivalMode(String code, String display, Span span) {

        /** Vigie's arrival-mode CodeSystem (terminology module). */
        public static final String SYSTEM = "https://vigie.example.org/fhir/CodeSystem/arrival-mode";

        /** The codes of {@link #SYSTEM}. */
        public static final java.util.List<String> CODES = java.util.List.of(
                "walk-in",
                "private-vehicle",
                "public-ambulance",
                "private-ambulance",
                "smur",
                "helicopter",
                "police",
                "other");
    }

    /**
     * The reason for the visit: text after "Motif :", "Motif de consultation :", "adressé(e) pour", "consulte pour".
     *
     * @param text the complaint as written (trimmed, up to the end of its sentence or line)
     */
    public record ChiefComplaint(String text, Span span) {}
}
