package fr.vigie.server.triage;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import fr.vigie.server.operation.VigieOperationProvider;
import fr.vigie.terminology.TerminologyCatalog;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RiskAssessment;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;

/**
 * {@code $triage}: an emergency triage level (FRENCH, with the KTAS level and the probability of each KTAS level),
 * NEWS2 and its risk band, the reason and the missing inputs.
 *
 * <ul>
 *   <li>{@code POST [base]/$triage} with a {@code Parameters} body: age, sex, arrivalMode, heartRate,
 *       respiratoryRate, systolicBloodPressure, diastolicBloodPressure, bodyTemperature, oxygenSaturation,
 *       consciousness, painScore, injury, onOxygen, chiefComplaint (see {@link TriageRequest}); any may be missing.
 *       With {@code nurseLevel} (the triage nurse's FRENCH or KTAS level) the answer is unchanged and adds a review
 *       of the nurse's decision ({@link TriageEngine}): {@code nurseLevel} (FRENCH) and {@code nurseReview} (agree,
 *       under-triage, over-triage or uncertain), with a reason line giving the model's probabilities behind it.
 *   <li>{@code POST [base]/Encounter/{id}/$triage}: the same inputs read from the Encounter ({@link
 *       EncounterFacts}), the nurse's level from {@code Encounter.priority} (FRENCH or KTAS coding); parameters
 *       given in the body override them.
 * </ul>
 *
 * <p>The decision is {@link TriageEngine}'s: safety rules first, then the XGBoost model. With {@code persist=true}
 * (instance level only: a RiskAssessment needs a subject) a {@code RiskAssessment} is stored: subject the Patient,
 * encounter, basis the Observations used, method the model and version, one prediction per KTAS level with its
 * probability and the decided FRENCH level first; its reference comes back as {@code riskAssessment}. The operation
 * is not idempotent (it may write), so it is POST only and needs write scopes ({@code system/*.cu} at system level,
 * Encounter create and update at instance level).
 */
@Component
public class TriageOperationProvider implements VigieOperationProvider {

    public static final String OPERATION = "$triage";

    /** CodeSystem of the model identifiers in {@code RiskAssessment.method}. */
    public static final String MODEL_SYSTEM = TerminologyCatalog.CS_DECISION_MODEL;

    private final TriageModels models;
    private final DaoRegistry daoRegistry;

    public TriageOperationProvider(TriageModels models, DaoRegistry daoRegistry) {
        this.models = models;
        this.daoRegistry = daoRegistry;
    }

    @Description(
            shortDefinition = "Emergency triage level (FRENCH) from vital signs and complaint",
            value = "Safety rules then a gradient-boosted model trained on KTAS expert levels; answers level (FRENCH),"
                    + " ktasLevel, probability per KTAS level, news2, news2Risk, reason, missing, modelVersion; with"
                    + " nurseLevel (FRENCH or KTAS Coding) it reviews the nurse's level and adds nurseReview")
    @Operation(name = OPERATION, idempotent = false)
    public Parameters triage(@ResourceParam Parameters body) {
        TriageRequest request = TriageRequest.parse(body, false);
        if (request.persist()) {
            throw new InvalidRequestException("persist=true needs a patient: call Encounter/{id}/$triage, whose"
                    + " RiskAssessment has the Encounter's Patient as subject");
        }
        TriageRequest.checkPlausible(request.input());
        return answer(models.engine().assess(request.input(), true), null);
    }

    @Description(
            shortDefinition = "Emergency triage level (FRENCH) of an Encounter",
            value = "Reads the Patient's age and sex, the Encounter's latest vital-sign Observations (LOINC), arrival"
                    + " mode, reason and priority (the nurse's FRENCH or KTAS level, reviewed); body parameters"
                    + " override them. persist=true stores a RiskAssessment")
    @Operation(name = OPERATION, type = Encounter.class, idempotent = false)
    public Parameters triageEncounter(@IdParam IIdType id, @ResourceParam Parameters body) {
        TriageRequest request = TriageRequest.parse(body, false);
        EncounterFacts facts = EncounterFacts.read(daoRegistry, id);
        TriageInput input = EncounterFacts.merge(request.input(), facts.input());
        TriageRequest.checkPlausible(input);
        TriageEngine.Result result = models.engine().assess(input, true);
        Reference stored = null;
        if (request.persist()) {
            if (facts.patient() == null) {
                throw new InvalidRequestException("persist=true: Encounter/" + id.getIdPart()
                        + " has no Patient subject, and a RiskAssessment needs one");
            }
            stored = persist(result, facts, id);
        }
        return answer(result, stored);
    }

    private Reference persist(TriageEngine.Result result, EncounterFacts facts, IIdType encounterId) {
        RiskAssessment assessment = new RiskAssessment();
        assessment.setStatus(RiskAssessment.RiskAssessmentStatus.FINAL);
        assessment.setSubject(facts.patient());
        assessment.setEncounter(new Reference(encounterId.toUnqualifiedVersionless()));
        assessment.setOccurrence(new org.hl7.fhir.r4.model.DateTimeType(new Date()));
        assessment.setCode(new CodeableConcept().setText("Emergency triage level (FRENCH)"));
        assessment.setMethod(new CodeableConcept(new Coding(MODEL_SYSTEM, result.modelVersion(), null))
                .setText("Vigie safety rules + XGBoost model " + result.modelVersion()));
        assessment.setBasis(facts.basis());
        assessment
                .addPrediction()
                .setOutcome(new CodeableConcept(french(result.level())))
                .setRationale("Decided level (safety rules, then model)");
        for (int level = 1; level <= TriageModel.LEVELS; level++) {
            assessment
                    .addPrediction()
                    .setOutcome(new CodeableConcept(ktas(level)))
                    .setProbability(new DecimalType(probability(result.probabilities()[level - 1])));
        }
        result.reasons().forEach(line -> assessment.addNote().setText(line));
        IIdType id = daoRegistry
                .getResourceDao(RiskAssessment.class)
                .create(assessment, new SystemRequestDetails())
                .getId();
        return new Reference(id.toUnqualifiedVersionless());
    }

    /** The answer Parameters of a triage result. */
    public static Parameters answer(TriageEngine.Result result, Reference stored) {
        Parameters out = new Parameters();
        out.addParameter().setName("level").setValue(french(result.level()));
        out.addParameter().setName("ktasLevel").setValue(ktas(result.ktasLevel()));
        for (int level = 1; level <= TriageModel.LEVELS; level++) {
            Parameters.ParametersParameterComponent p = out.addParameter().setName("probability");
            p.addPart().setName("level").setValue(ktas(level));
            p.addPart().setName("value").setValue(new DecimalType(probability(result.probabilities()[level - 1])));
        }
        News2.Result news2 = result.safety().news2();
        out.addParameter().setName("news2").setValue(new IntegerType(news2.total()));
        out.addParameter()
                .setName("news2Risk")
                .setValue(new CodeType(news2.risk().code()));
        result.reasons().forEach(line -> out.addParameter().setName("reason").setValue(new StringType(line)));
        if (news2.lowerBound()) {
            out.addParameter()
                    .setName("reason")
                    .setValue(new StringType("NEWS2 is a lower bound: missing " + news2.missing()));
        }
        result.missing().forEach(name -> out.addParameter().setName("missing").setValue(new CodeType(name)));
        out.addParameter().setName("modelVersion").setValue(new StringType(result.modelVersion()));
        if (result.review() != null) {
            out.addParameter().setName("nurseLevel").setValue(french(result.nurseFrench()));
            out.addParameter()
                    .setName("nurseReview")
                    .setValue(new CodeType(result.review().code()));
        }
        if (stored != null) {
            out.addParameter().setName("riskAssessment").setValue(stored);
        }
        return out;
    }

    static BigDecimal probability(double value) {
        return BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_EVEN);
    }

    static Coding french(FrenchLevel level) {
        return new Coding(FrenchLevel.SYSTEM, level.code(), FRENCH_DISPLAY.get(level.ordinal()));
    }

    static Coding ktas(int level) {
        return new Coding(TriageRequest.KTAS_SYSTEM, Integer.toString(level), KTAS_DISPLAY.get(level - 1));
    }

    private static final List<String> FRENCH_DISPLAY = List.of(
            "Tri 1 - Détresse vitale majeure",
            "Tri 2 - Atteinte patente d'un organe vital ou lésion traumatique sévère",
            "Tri 3A - Atteinte fonctionnelle ou lésionnelle instable ou complexe, prioritaire",
            "Tri 3B - Atteinte fonctionnelle ou lésionnelle instable ou complexe",
            "Tri 4 - Atteinte fonctionnelle ou lésionnelle stable, non complexe",
            "Tri 5 - Pas d'atteinte fonctionnelle ou lésionnelle évidente");

    private static final List<String> KTAS_DISPLAY =
            List.of("Resuscitation", "Emergent", "Urgent", "Less urgent", "Non-urgent");
}
