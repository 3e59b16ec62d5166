package fr.vigie.server.los;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import fr.vigie.server.operation.VigieOperationProvider;
import fr.vigie.server.triage.EncounterFacts;
import fr.vigie.server.triage.FrenchLevel;
import fr.vigie.server.triage.TriageEngine;
import fr.vigie.server.triage.TriageInput;
import fr.vigie.server.triage.TriageModels;
import fr.vigie.server.triage.TriageRequest;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;

/**
 * {@code $los}: expected length of stay with an 80 % interval.
 *
 * <ul>
 *   <li>{@code POST [base]/$los}: the {@code $triage} inputs plus {@code triageLevel} (Coding, FRENCH or KTAS;
 *       computed by {@code $triage}'s engine when absent), {@code diagnosis} (CIM-10 Coding, repeatable) and {@code
 *       setting} (emergency, the default, or inpatient).
 *   <li>{@code POST [base]/Encounter/{id}/$los}: the same read from the Encounter (its class IMP, ACUTE or NONAC
 *       means inpatient), body parameters overriding.
 *   <li>{@code POST [base]/$los-train}: (re)trains the inpatient model from this server's finished inpatient
 *       Encounters ({@link InpatientLosTrainer}).
 * </ul>
 *
 * <p>Emergency: minutes, {@link EmergencyLos} (KTAS stays capped at 24 h; diagnoses are not used since the KTAS
 * data have none in CIM-10). Inpatient: days, the stored model; 422 until {@code $los-train} has built one.
 * Answer: {@code expected}, {@code lower}, {@code upper} (Quantity, UCUM {@code min} or {@code d}), {@code
 * reason}, {@code modelVersion}, and {@code triageLevel} and {@code setting} as used.
 */
@Component
public class LosOperationProvider implements VigieOperationProvider {

    public static final String OPERATION = "$los";
    public static final String TRAIN = "$los-train";
    private static final String UCUM = "http://unitsofmeasure.org";

    private final TriageModels models;
    private final InpatientLosStore store;
    private final InpatientLosTrainer trainer;
    private final DaoRegistry daoRegistry;

    public LosOperationProvider(
            TriageModels models, InpatientLosStore store, InpatientLosTrainer trainer, DaoRegistry daoRegistry) {
        this.models = models;
        this.store = store;
        this.trainer = trainer;
        this.daoRegistry = daoRegistry;
    }

    @Description(
            shortDefinition = "Expected length of stay with an 80 % interval",
            value = "Emergency (minutes, model trained on KTAS stays) or inpatient (days, model trained on this"
                    + " server's Encounters by $los-train); answers expected, lower, upper, reason, modelVersion")
    @Operation(name = OPERATION, idempotent = true)
    public Parameters los(@ResourceParam Parameters body) {
        TriageRequest request = TriageRequest.parse(body, true);
        TriageRequest.checkPlausible(request.input());
        String setting = request.setting() == null ? "emergency" : request.setting();
        return predict(request.input(), request.triageLevel(), request.diagnosis(), setting);
    }

    @Description(
            shortDefinition = "Expected length of stay of an Encounter",
            value = "Reads the Encounter (Patient, Observations, admitSource, reason, diagnoses, priority, class);"
                    + " body parameters override")
    @Operation(name = OPERATION, type = Encounter.class, idempotent = true)
    public Parameters losEncounter(@IdParam IIdType id, @ResourceParam Parameters body) {
        TriageRequest request = TriageRequest.parse(body, true);
        EncounterFacts facts = EncounterFacts.read(daoRegistry, id);
        TriageInput input = EncounterFacts.merge(request.input(), facts.input());
        TriageRequest.checkPlausible(input);
        String setting = request.setting() != null
                ? request.setting()
                : List.of("IMP", "ACUTE", "NONAC").contains(facts.encounterClass()) ? "inpatient" : "emergency";
        FrenchLevel level = request.triageLevel() != null ? request.triageLevel() : facts.triageLevel();
        List<Coding> diagnosis = request.diagnosis().isEmpty() ? facts.diagnosis() : request.diagnosis();
        return predict(input, level, diagnosis, setting);
    }

    @Description(
            shortDefinition = "Retrain the inpatient length-of-stay model",
            value = "Trains quantile models on this server's finished inpatient Encounters (class IMP, ACUTE, NONAC,"
                    + " with period start and end; at least 20) and stores them as a Library")
    @Operation(name = TRAIN, idempotent = false)
    public Parameters train() {
        InpatientLosTrainer.Outcome outcome;
        try {
            outcome = trainer.train();
        } catch (IllegalStateException e) {
            throw new UnprocessableEntityException(e.getMessage());
        }
        Parameters out = new Parameters();
        out.addParameter().setName("modelVersion").setValue(new StringType(outcome.version()));
        out.addParameter()
                .setName("library")
                .setValue(new Reference(outcome.library().toUnqualifiedVersionless()));
        out.addParameter().setName("encountersUsed").setValue(new IntegerType(outcome.used()));
        out.addParameter()
                .setName("encountersRejected")
                .setValue(new IntegerType(outcome.rejected().size()));
        outcome.rejected().forEach(r -> out.addParameter().setName("rejected").setValue(new StringType(r)));
        out.addParameter().setName("cvMae").setValue(days(outcome.cvMae()));
        out.addParameter().setName("cvMedianAbsoluteError").setValue(days(outcome.cvMedianAe()));
        out.addParameter().setName("baselineMae").setValue(days(outcome.baselineMae()));
        out.addParameter().setName("baselineMedianAbsoluteError").setValue(days(outcome.baselineMedianAe()));
        return out;
    }

    private Parameters predict(TriageInput input, FrenchLevel given, List<Coding> diagnosis, String setting) {
        List<String> reasons = new ArrayList<>();
        LosModel model;
        float[] row;
        FrenchLevel level = given;
        if ("inpatient".equals(setting)) {
            model = store.current()
                    .orElseThrow(() -> new UnprocessableEntityException("No inpatient length-of-stay model yet: train"
                            + " one from this server's finished inpatient Encounters with POST [base]/" + TRAIN
                            + " (at least " + InpatientLosTrainer.MINIMUM + " needed)"));
            row = InpatientLos.vector(input, level, diagnosis);
            reasons.add(
                    level == null
                            ? "triage level unknown (not computed for inpatient stays: the model learnt from Encounter.priority)"
                            : "triage level FRENCH " + level.code() + " (given)");
            reasons.add(
                    diagnosis.isEmpty()
                            ? "no CIM-10 diagnosis"
                            : "CIM-10 diagnoses "
                                    + diagnosis.stream().map(Coding::getCode).toList());
        } else {
            model = models.emergencyLos();
            if (level == null) {
                TriageEngine.Result triage = models.engine().assess(input);
                level = triage.level();
                reasons.add("triage level FRENCH " + level.code() + " computed by " + triage.modelVersion()
                        + " (safety rules + model)");
            } else {
                reasons.add("triage level FRENCH " + level.code() + " (given)");
            }
            row = EmergencyLos.vector(models.features(), input, TriageEngine.toKtas(level));
            if (!diagnosis.isEmpty()) {
                reasons.add("diagnosis not used by the emergency model (its KTAS training data have no CIM-10 codes)");
            }
            reasons.add("stays over 24 h were capped at 24 h in training, so predictions never exceed 1440 min");
        }
        LosModel.Prediction p = model.predict(row);
        reasons.add(String.format(
                Locale.ROOT,
                "median and 10th-90th percentiles of %s quantile models (%s)",
                model.version(),
                "inpatient".equals(setting) ? "days" : "minutes"));
        List<String> missing = input.missing();
        if (!missing.isEmpty()) {
            reasons.add("missing inputs (treated as unknown by the model): " + missing);
        }
        Parameters out = new Parameters();
        String unit = model.unit();
        out.addParameter().setName("expected").setValue(quantity(p.expected(), unit));
        out.addParameter().setName("lower").setValue(quantity(p.lower(), unit));
        out.addParameter().setName("upper").setValue(quantity(p.upper(), unit));
        reasons.forEach(r -> out.addParameter().setName("reason").setValue(new StringType(r)));
        out.addParameter().setName("modelVersion").setValue(new StringType(model.version()));
        if (level != null) {
            out.addParameter().setName("triageLevel").setValue(new Coding(FrenchLevel.SYSTEM, level.code(), null));
        }
        out.addParameter().setName("setting").setValue(new CodeType(setting));
        return out;
    }

    private static Quantity quantity(double value, String unit) {
        int scale = "d".equals(unit) ? 1 : 0;
        return new Quantity()
                .setValue(BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_EVEN))
                .setSystem(UCUM)
                .setCode(unit)
                .setUnit(unit);
    }

    private static DecimalType days(double value) {
        return new DecimalType(BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_EVEN));
    }
}
