package fr.vigie.mappings.admissions;

import fr.vigie.mappings.common.ConditionalUrls;
import fr.vigie.mappings.location.MappingResult;
import fr.vigie.terminology.TerminologyCatalog;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;

/**
 * One row {@code date, hospital, condition, count} of a hospital's daily admission counts → a {@code MeasureReport}
 * (type {@code summary}, status {@code complete}) against the measure {@value #MEASURE}:
 *
 * <ul>
 *   <li>{@code subject}: the hospital Location, by FINESS when {@code hospital} is 9 characters of digits (2A/2B
 *       allowed: Corsica), by any other identifier when written {@code system|value}, else by Location id ({@code
 *       Location/<id>} or the bare id);
 *   <li>{@code period}: the day ({@code YYYY-MM-DD}), start = end;
 *   <li>{@code group.code}: the condition, {@code respiratory | copd | asthma} (CodeSystem forecast-condition) or a
 *       CIM-10 code ({@code J44}, {@code J44.1}, {@code J441}: CodeSystem cim10-fr, dotted);
 *   <li>{@code group.population} {@code initial-population} with the count (an integer >= 0).
 * </ul>
 *
 * <p>Identifier {@value #IDENTIFIER_SYSTEM} {@code <hospital>|<condition>|<date>}: re-sending a day updates it.
 */
public class AdmissionCountMapper {

    /** Canonical URL of the daily-admissions measure. */
    public static final String MEASURE = TerminologyCatalog.CANONICAL_BASE + "/Measure/daily-admissions";

    /** Identifier system of the reports. */
    public static final String IDENTIFIER_SYSTEM = TerminologyCatalog.CANONICAL_BASE + "/sid/daily-admissions";

    public static final List<String> COLUMNS = List.of("date", "hospital", "condition", "count");

    private static final Set<String> GROUPS = Set.of("respiratory", "copd", "asthma");
    private static final Pattern FINESS = Pattern.compile("(?:\\d{2}|2A|2B)\\d{7}");
    private static final Pattern LOCATION_ID = Pattern.compile("(?:Location/)?([A-Za-z0-9\\-.]{1,64})");
    private static final Pattern CIM10 = Pattern.compile("([A-Z]\\d{2})(?:\\.?(\\d{1,2}))?");
    private static final String POPULATION = "http://terminology.hl7.org/CodeSystem/measure-population";

    /** Required columns the header lacks. */
    public List<String> missingColumns(Collection<String> header) {
        List<String> normalised =
                header.stream().map(AdmissionCountMapper::norm).toList();
        return COLUMNS.stream().filter(c -> !normalised.contains(c)).toList();
    }

    /** Maps a row (column names matched without regard to case or spaces), or says why not. */
    public MappingResult map(Map<String, String> row) {
        Map<String, String> r = new java.util.HashMap<>();
        row.forEach((k, v) -> r.put(norm(k), v == null ? "" : v.strip()));
        String dateText = r.getOrDefault("date", "");
        LocalDate date;
        try {
            date = LocalDate.parse(dateText);
        } catch (DateTimeParseException e) {
            return new MappingResult.Rejected("date '" + dateText + "' is not a date: write YYYY-MM-DD");
        }
        String hospital = r.getOrDefault("hospital", "");
        Reference subject;
        String hospitalKey;
        int bar = hospital.indexOf('|');
        if (bar > 0 && bar < hospital.length() - 1) {
            hospitalKey = hospital.substring(bar + 1).strip();
            subject = new Reference(ConditionalUrls.byIdentifier(
                    "Location",
                    hospital.substring(0, bar).strip(),
                    hospital.substring(bar + 1).strip()));
        } else if (FINESS.matcher(hospital.toUpperCase(Locale.ROOT)).matches()) {
            hospitalKey = hospital.toUpperCase(Locale.ROOT);
            subject = new Reference(
                    ConditionalUrls.byIdentifier("Location", TerminologyCatalog.FINESS_SYSTEM, hospitalKey));
        } else {
            var m = LOCATION_ID.matcher(hospital);
            if (hospital.isEmpty() || !m.matches()) {
                return new MappingResult.Rejected(
                        "hospital '" + hospital + "' is neither a FINESS number (9 characters) nor a Location id");
            }
            hospitalKey = m.group(1);
            subject = new Reference("Location/" + hospitalKey);
        }
        String conditionText = r.getOrDefault("condition", "");
        Coding condition;
        String lower = conditionText.toLowerCase(Locale.ROOT);
        if (GROUPS.contains(lower)) {
            condition = new Coding(TerminologyCatalog.CS_FORECAST_CONDITION, lower, null);
        } else {
            var m = CIM10.matcher(conditionText.toUpperCase(Locale.ROOT));
            if (!m.matches()) {
                return new MappingResult.Rejected("condition '" + conditionText
                        + "' is neither respiratory, copd, asthma nor a CIM-10 code such as J44 or J45.9");
            }
            String code = m.group(2) == null ? m.group(1) : m.group(1) + "." + m.group(2);
            condition = new Coding(TerminologyCatalog.CS_CIM10_FR, code, null);
        }
        String countText = r.getOrDefault("count", "");
        int count;
        try {
            count = Integer.parseInt(countText);
        } catch (NumberFormatException e) {
            return new MappingResult.Rejected("count '" + countText + "' is not a whole number of admissions");
        }
        if (count < 0) {
            return new MappingResult.Rejected("count " + count + " is negative");
        }
        MeasureReport report = new MeasureReport();
        report.addIdentifier()
                .setSystem(IDENTIFIER_SYSTEM)
                .setValue(hospitalKey + "|" + condition.getCode() + "|" + date);
        report.setStatus(MeasureReport.MeasureReportStatus.COMPLETE);
        report.setType(MeasureReport.MeasureReportType.SUMMARY);
        report.setMeasure(MEASURE);
        report.setSubject(subject);
        report.setPeriod(new Period()
                .setStartElement(new DateTimeType(date.toString()))
                .setEndElement(new DateTimeType(date.toString())));
        MeasureReport.MeasureReportGroupComponent group = report.addGroup();
        group.setCode(new CodeableConcept(condition));
        group.addPopulation()
                .setCode(new CodeableConcept(new Coding(POPULATION, "initial-population", "Initial Population")))
                .setCount(count);
        List<String> warnings = new ArrayList<>();
        if (date.isAfter(LocalDate.now().plusDays(1))) {
            warnings.add("date " + date + " is in the future");
        }
        return new MappingResult.MappedRow(List.of(report), warnings);
    }

    private static String norm(String column) {
        return column == null ? "" : column.replace("\uFEFF", "").strip().toLowerCase(Locale.ROOT);
    }
}
