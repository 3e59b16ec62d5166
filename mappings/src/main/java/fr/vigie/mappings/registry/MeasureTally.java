package fr.vigie.mappings.registry;

import fr.vigie.terminology.TerminologyCatalog;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.MeasureReport.MeasureReportGroupComponent;
import org.hl7.fhir.r4.model.MeasureReport.MeasureReportGroupStratifierComponent;
import org.hl7.fhir.r4.model.MeasureReport.StratifierGroupComponent;
import org.hl7.fhir.r4.model.MeasureReport.StratifierGroupComponentComponent;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;

/**
 * Counts for one Measure and one period, grouped by aircraft and stratified, and the {@code MeasureReport} they
 * make. The same class builds the reports read from registry tables and those Vigie aggregates from mission
 * Encounters, so ARS tools read one shape whatever the source.
 *
 * <p>Shape: status complete, type summary, {@code measure} = the Measure canonical, {@code period} = the year or
 * month (dates, Europe/Paris days), one {@code group} per aircraft with {@code code.text} as written and
 * {@code measureScore} = its total (minutes, UCUM {@code min}, for flight time), {@code population}
 * initial-population with the same count, and one {@code stratifier} per dimension whose strata carry the count as
 * {@code population.count} and {@code measureScore}. A two-dimensional stratum (pathology × mission type) has two
 * {@code component}s.
 */
public final class MeasureTally {

    /** A stratum: one (dimension, code, text) component, or two for a cross-tabulation. */
    public record Stratum(List<Component> components) {
        public Stratum {
            components = List.copyOf(components);
        }

        public static Stratum of(String stratifier, String code, String text) {
            return new Stratum(List.of(new Component(stratifier, code, text)));
        }

        String key() {
            StringBuilder key = new StringBuilder();
            components.forEach(
                    c -> key.append(c.stratifier()).append('=').append(c.code()).append(';'));
            return key.toString();
        }

        String stratifierKey() {
            return String.join(
                    "+", components.stream().map(Component::stratifier).toList());
        }
    }

    /**
     * One dimension of a stratum.
     *
     * @param code stratum code ({@code primary}); {@code null} when the text matched no code
     * @param text label as written, or {@code null}
     */
    public record Component(String stratifier, String code, String text) {}

    /** The counts of one aircraft. */
    public static final class Group {
        private final String text;
        private Long total;
        private final Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        private final Map<String, Stratum> strata = new LinkedHashMap<>();

        Group(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }

        /** Adds {@code count} to a stratum. */
        public Group add(Stratum stratum, long count) {
            strata.putIfAbsent(stratum.key(), stratum);
            counts.computeIfAbsent(stratum.stratifierKey(), k -> new LinkedHashMap<>())
                    .merge(stratum.key(), count, Long::sum);
            return this;
        }

        /** The total as written in the registry; without one, the score is the sum of the first stratifier. */
        public Group total(long value) {
            this.total = value;
            return this;
        }

        public Long writtenTotal() {
            return total;
        }

        /** Sum of the strata of one stratifier, or {@code null} when it has none. */
        public Long sum(String stratifierKey) {
            Map<String, Long> byStratum = counts.get(stratifierKey);
            return byStratum == null
                    ? null
                    : byStratum.values().stream().mapToLong(Long::longValue).sum();
        }

        /** The count of one single-component stratum, or {@code null}. */
        public Long count(String stratifier, String code) {
            Map<String, Long> byStratum = counts.get(stratifier);
            return byStratum == null ? null : byStratum.get(stratifier + "=" + code + ";");
        }

        /** Stratifier keys in order of first use. */
        public List<String> strataStratifiers() {
            return new ArrayList<>(counts.keySet());
        }

        /** Every stratum with its count. */
        public Map<Stratum, Long> strata() {
            Map<Stratum, Long> out = new LinkedHashMap<>();
            counts.values().forEach(byKey -> byKey.forEach((key, count) -> out.put(strata.get(key), count)));
            return out;
        }

        public long score() {
            if (total != null) {
                return total;
            }
            return counts.isEmpty() ? 0 : sum(counts.keySet().iterator().next());
        }
    }

    private final String measure;
    private final LocalDate start;
    private final LocalDate end;
    private final String periodLabel;
    private final Map<String, Group> groups = new LinkedHashMap<>();

    private MeasureTally(String measure, LocalDate start, LocalDate end, String periodLabel) {
        this.measure = Objects.requireNonNull(measure, "measure");
        this.start = start;
        this.end = end;
        this.periodLabel = periodLabel;
    }

    public static MeasureTally year(String measure, int year) {
        return new MeasureTally(measure, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), Integer.toString(year));
    }

    public static MeasureTally month(String measure, YearMonth month) {
        return new MeasureTally(measure, month.atDay(1), month.atEndOfMonth(), month.toString());
    }

    public String measure() {
        return measure;
    }

    /** {@code 2023} or {@code 2023-01}. */
    public String periodLabel() {
        return periodLabel;
    }

    /** The group of an aircraft, keyed by its normalised name; created with {@code text} on first use. */
    public Group group(String key, String text) {
        return groups.computeIfAbsent(key, k -> new Group(text));
    }

    public Map<String, Group> groups() {
        return groups;
    }

    public boolean isEmpty() {
        return groups.isEmpty();
    }

    /**
     * The report.
     *
     * @param source {@code <spec name>} for registry tables, {@code missions} for aggregates: first part of the
     *     identifier, so a re-import updates the same report and the two sources never overwrite each other
     * @param reportSource {@link Measures#SOURCE_REGISTRY_TABLE} or {@link Measures#SOURCE_MISSION_AGGREGATE}
     */
    public MeasureReport toReport(String source, String reportSource) {
        MeasureReport report = new MeasureReport();
        report.getMeta().addTag(TerminologyCatalog.CS_REPORT_SOURCE, reportSource, null);
        report.addIdentifier()
                .setSystem(Measures.REPORT_IDENTIFIER_SYSTEM)
                .setValue(source + "/" + measure + "/" + periodLabel);
        report.setStatus(MeasureReport.MeasureReportStatus.COMPLETE);
        report.setType(MeasureReport.MeasureReportType.SUMMARY);
        report.setMeasure(Measures.url(measure));
        report.setPeriod(new Period()
                .setStartElement(new DateTimeType(start.toString()))
                .setEndElement(new DateTimeType(end.toString())));
        boolean minutes = Measures.FLIGHT_TIME.equals(measure);
        for (Group group : groups.values()) {
            MeasureReportGroupComponent out = report.addGroup();
            out.setCode(new CodeableConcept().setText(group.text));
            long score = group.score();
            out.addPopulation().setCode(initialPopulation()).setCount((int) score);
            out.setMeasureScore(quantity(score, minutes));
            for (Map.Entry<String, Map<String, Long>> stratifier : group.counts.entrySet()) {
                MeasureReportGroupStratifierComponent s = out.addStratifier();
                for (String dimension : stratifier.getKey().split("\\+")) {
                    s.addCode(new CodeableConcept().setText(dimension));
                }
                for (Map.Entry<String, Long> count : stratifier.getValue().entrySet()) {
                    Stratum stratum = group.strata.get(count.getKey());
                    StratifierGroupComponent st = s.addStratum();
                    if (stratum.components().size() == 1) {
                        Component c = stratum.components().get(0);
                        st.setValue(value(c));
                    } else {
                        for (Component c : stratum.components()) {
                            StratifierGroupComponentComponent comp = st.addComponent();
                            comp.setCode(new CodeableConcept().setText(c.stratifier()));
                            comp.setValue(value(c));
                        }
                    }
                    st.addPopulation()
                            .setCode(initialPopulation())
                            .setCount(count.getValue().intValue());
                    st.setMeasureScore(quantity(count.getValue(), minutes));
                }
            }
        }
        return report;
    }

    private static CodeableConcept value(Component c) {
        if (c.code() == null) {
            return new CodeableConcept().setText(c.text());
        }
        CodeableConcept value = Measures.stratumValue(c.stratifier(), c.code(), c.text());
        if (Measures.PATHOLOGY.equals(c.stratifier())) {
            PathologyMap.cim10(c.code()).ifPresent(value::addCoding);
        }
        return value;
    }

    private static Quantity quantity(long value, boolean minutes) {
        Quantity quantity = new Quantity().setValue(value);
        if (minutes) {
            quantity.setUnit("min").setSystem("http://unitsofmeasure.org").setCode("min");
        }
        return quantity;
    }

    private static CodeableConcept initialPopulation() {
        return new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/measure-population", "initial-population", null));
    }

    /** Reports of several tallies, skipping empty ones. */
    public static List<MeasureReport> reports(List<MeasureTally> tallies, String source, String reportSource) {
        List<MeasureReport> reports = new ArrayList<>();
        for (MeasureTally tally : tallies) {
            if (!tally.isEmpty()) {
                reports.add(tally.toReport(source, reportSource));
            }
        }
        return reports;
    }
}
