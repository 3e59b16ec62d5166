package fr.vigie.server.forecast;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import fr.vigie.server.terminology.MeasuresAtStart;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Expression;
import org.hl7.fhir.r4.model.Measure;
import org.springframework.stereotype.Component;

/**
 * Stores the {@code Measure} {@value HospitalHistory#MEASURE} at start ({@link MeasuresAtStart}): the admissions feed's
 * MeasureReports point to it, and request validation resolves a report's measure. One cohort group, population
 * {@code initial-population}: the admissions of one hospital, one day, for the report's condition. Runs before the
 * demo loader (which imports such reports).
 */
@Component
public class DailyAdmissionsMeasure extends MeasuresAtStart {

    public DailyAdmissionsMeasure(DaoRegistry daoRegistry) {
        super(daoRegistry);
    }

    @Override
    protected String withoutThem() {
        return "reports of the admissions feed are refused until the Measure exists";
    }

    @Override
    protected List<Measure> measures() {
        Measure measure = new Measure();
        measure.setUrl(HospitalHistory.MEASURE);
        measure.setVersion("1.0.0");
        measure.setName("DailyAdmissions");
        measure.setTitle("Daily admissions of a hospital for a condition");
        measure.setStatus(Enumerations.PublicationStatus.ACTIVE);
        measure.setDescription("Number of admissions at one hospital (MeasureReport.subject) on one day"
                + " (MeasureReport.period) for one condition (group.code: forecast-condition respiratory, copd or"
                + " asthma, or a CIM-10 code), as sent by hospitals that export daily counts (Vigie admissions"
                + " feed). Read by $forecast-admissions.");
        measure.setScoring(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/measure-scoring", "cohort", "Cohort")));
        measure.addGroup()
                .setDescription("Admissions of the day for the report's condition")
                .addPopulation()
                .setCode(new CodeableConcept(new Coding(
                        "http://terminology.hl7.org/CodeSystem/measure-population",
                        "initial-population",
                        "Initial Population")))
                .setCriteria(new Expression()
                        .setLanguage("text/plain")
                        .setExpression("Admissions that day whose reason is in the condition's CIM-10 group"));
        return List.of(measure);
    }
}
