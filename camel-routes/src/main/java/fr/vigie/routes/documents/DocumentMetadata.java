package fr.vigie.routes.documents;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.DateTimeType;

/**
 * What a sender says about a document besides its bytes: from an inbox JSON sidecar or the multipart form of
 * {@code POST /import/documents}. Keys (aliases in brackets):
 *
 * <ul>
 *   <li>{@code patient} [{@code patientIdentifier}], required: the patient's identifier as {@code system|value}
 *       (the Patient must exist on the server);
 *   <li>{@code encounter} [{@code encounterIdentifier}], optional: the encounter's identifier as {@code system|value};
 *   <li>{@code type} [{@code documentType}], required: the LOINC document type ({@code 34111-5} emergency department
 *       note, {@code 57833-6} prescription, {@code 18842-5} discharge summary, {@code 11488-4} consult note...);
 *   <li>{@code date}, required: ISO date ({@code 2026-11-27}) or date-time ({@code 2026-11-27T14:30:00+01:00}; a
 *       date-time without offset is read in Europe/Paris);
 *   <li>{@code author}, optional: who wrote it, as text;
 *   <li>{@code id} [{@code documentId}], optional: the document's identifier in the sending system (default: the
 *       SHA-256 of its bytes), which makes re-imports idempotent;
 *   <li>{@code title}, optional.
 * </ul>
 *
 * @param patient patient identifier
 * @param encounter encounter identifier, or {@code null}
 * @param typeCode LOINC code of the document type
 * @param date when the document was written, with the precision given
 * @param author author as text, or {@code null}
 * @param documentId identifier in the sending system, or {@code null}
 * @param title title, or {@code null}
 */
public record DocumentMetadata(
        SystemValue patient,
        SystemValue encounter,
        String typeCode,
        DateTimeType date,
        String author,
        String documentId,
        String title) {

    /** Time zone of date-times given without an offset. */
    public static final ZoneId ZONE = ZoneId.of("Europe/Paris");

    private static final java.time.format.DateTimeFormatter FHIR_DATE_TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    private static final Pattern LOINC_CODE = Pattern.compile("\\d{1,7}-\\d");

    /** LOINC document types Vigie names (any other well-formed LOINC code is accepted too). */
    public static final Map<String, String> KNOWN_TYPES = Map.of(
            "34111-5", "Emergency department Note",
            "57833-6", "Prescription for medication",
            "18842-5", "Discharge summary",
            "11488-4", "Consult note",
            "11506-3", "Progress note",
            "34117-2", "History and physical note",
            "28570-0", "Procedure note",
            "11526-1", "Pathology study",
            "18748-4", "Diagnostic imaging study",
            "51847-2", "Evaluation and plan note");

    /** An identifier as {@code system|value}. */
    public record SystemValue(String system, String value) {
        public SystemValue {
            Objects.requireNonNull(system, "system");
            Objects.requireNonNull(value, "value");
        }

        /** Reads {@code system|value}; throws with a message naming {@code field} when it is not that. */
        static SystemValue parse(String field, String text) {
            int bar = text.indexOf('|');
            if (bar <= 0 || bar == text.length() - 1) {
                throw new DocumentRejectedException("metadata '" + field + "' must be an identifier written"
                        + " system|value (e.g. urn:oid:1.2.250.1.213.1.4.8|1234567890123), got '" + text + "'");
            }
            return new SystemValue(
                    text.substring(0, bar).strip(), text.substring(bar + 1).strip());
        }

        @Override
        public String toString() {
            return system + "|" + value;
        }
    }

    public DocumentMetadata {
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(typeCode, "typeCode");
        Objects.requireNonNull(date, "date");
    }

    /** Display of the document type, when Vigie knows it. */
    public String typeDisplay() {
        return KNOWN_TYPES.get(typeCode);
    }

    /**
     * Reads and checks the metadata.
     *
     * @throws DocumentRejectedException naming every missing or malformed field
     */
    public static DocumentMetadata from(Map<String, String> values) {
        Map<String, String> fields = new java.util.HashMap<>();
        values.forEach((key, value) -> {
            if (value != null && !value.isBlank()) {
                fields.put(key.strip().toLowerCase(Locale.ROOT), value.strip());
            }
        });
        List<String> missing = new ArrayList<>();
        String patient = first(fields, "patient", "patientidentifier");
        String type = first(fields, "type", "documenttype");
        String date = fields.get("date");
        if (patient == null) {
            missing.add("patient (identifier system|value)");
        }
        if (type == null) {
            missing.add("type (LOINC document type)");
        }
        if (date == null) {
            missing.add("date (ISO date or date-time)");
        }
        if (!missing.isEmpty()) {
            throw new DocumentRejectedException("missing metadata: " + String.join(", ", missing)
                    + " (give them in the JSON sidecar of an inbox file, or as multipart fields of POST"
                    + " /import/documents)");
        }
        if (!LOINC_CODE.matcher(type).matches()) {
            throw new DocumentRejectedException(
                    "metadata 'type' must be a LOINC document type code such as 34111-5, got '" + type + "'");
        }
        String encounter = first(fields, "encounter", "encounteridentifier");
        return new DocumentMetadata(
                SystemValue.parse("patient", patient),
                encounter == null ? null : SystemValue.parse("encounter", encounter),
                type,
                parseDate(date),
                fields.get("author"),
                first(fields, "id", "documentid"),
                fields.get("title"));
    }

    private static String first(Map<String, String> fields, String... keys) {
        for (String key : keys) {
            if (fields.containsKey(key)) {
                return fields.get(key);
            }
        }
        return null;
    }

    /** An ISO date or date-time; a date-time without offset is in {@link #ZONE}. */
    static DateTimeType parseDate(String text) {
        try {
            if (text.length() == 10) {
                LocalDate date = LocalDate.parse(text);
                return new DateTimeType(date.toString());
            }
            OffsetDateTime dateTime;
            try {
                dateTime = OffsetDateTime.parse(text);
            } catch (DateTimeParseException e) {
                dateTime = LocalDateTime.parse(text).atZone(ZONE).toOffsetDateTime();
            }
            return new DateTimeType(
                    dateTime.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).format(FHIR_DATE_TIME));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new DocumentRejectedException(
                    "metadata 'date' must be an ISO date (2026-11-27) or date-time (2026-11-27T14:30:00+01:00), got '"
                            + text + "'");
        }
    }
}
