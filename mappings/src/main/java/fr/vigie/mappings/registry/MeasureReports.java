package fr.vigie.mappings.registry;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.MeasureReport.MeasureReportGroupComponent;

/**
 * Reads back the registry MeasureReports {@link MeasureTally} writes: a group by its {@code code.text}, and the counts
 * of a one-component stratifier by stratum code. For consumers of the reports (checks, exports, tests).
 */
public final class MeasureReports {

    private MeasureReports() {}

    /** The group whose {@code code.text} is {@code text}, if the report has one. */
    public static Optional<MeasureReportGroupComponent> group(MeasureReport report, String text) {
        return report.getGroup().stream()
                .filter(g -> text.equals(g.getCode().getText()))
                .findFirst();
    }

    /**
     * The counts of the one-component stratifier whose {@code code.text} is {@code stratifier}, by stratum value code
     * (empty when the group has no such stratifier).
     */
    public static Map<String, Integer> strata(MeasureReportGroupComponent group, String stratifier) {
        return group.getStratifier().stream()
                .filter(s -> s.getCode().size() == 1
                        && stratifier.equals(s.getCodeFirstRep().getText()))
                .flatMap(s -> s.getStratum().stream())
                .collect(
                        Collectors.toMap(s -> s.getValue().getCodingFirstRep().getCode(), s -> s.getPopulationFirstRep()
                                .getCount()));
    }
}
