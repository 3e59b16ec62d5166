package fr.vigie.server.los;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.vigie.server.triage.Boosting;
import fr.vigie.server.triage.EncounterFacts;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Encounter;
import org.springframework.stereotype.Component;

/**
 * Trains the inpatient length-of-stay model from the server's own Encounters ({@code POST [base]/$los-train}):
 * every Encounter of class IMP, ACUTE or NONAC (v3 ActCode) with status {@code finished} and a period with start and
 * end. The stay is end − start in days; features are {@link InpatientLos}'s, read through {@link EncounterFacts}.
 * Encounters that cannot be used are counted with their reason. At least {@value #MINIMUM} usable Encounters are
 * needed. Before the final fit, a 5-fold cross-validation (fixed seed) gives the MAE and median absolute error next
 * to a median baseline; they go in the model card and the answer.
 */
@Component
public class InpatientLosTrainer {

    /** Fewest usable Encounters to train on. */
    public static final int MINIMUM = 20;

    static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

    private final DaoRegistry daoRegistry;
    private final InpatientLosStore store;

    public InpatientLosTrainer(DaoRegistry daoRegistry, InpatientLosStore store) {
        this.daoRegistry = daoRegistry;
        this.store = store;
    }

    /**
     * The outcome of a training run.
     *
     * @param library the stored Library, null when too few Encounters
     * @param version the model version
     * @param used Encounters trained on
     * @param rejected Encounters left out, each with its reason
     * @param cvMae cross-validated MAE in days
     * @param cvMedianAe cross-validated median absolute error in days
     * @param baselineMae the median baseline's MAE
     * @param baselineMedianAe the median baseline's median absolute error
     */
    public record Outcome(
            IIdType library,
            String version,
            int used,
            List<String> rejected,
            double cvMae,
            double cvMedianAe,
            double baselineMae,
            double baselineMedianAe) {}

    /** Trains and stores a new model; throws {@link IllegalStateException} when too few Encounters are usable. */
    public synchronized Outcome train() {
        SystemRequestDetails system = new SystemRequestDetails();
        TokenOrListParam classes = new TokenOrListParam();
        for (String code : List.of("IMP", "ACUTE", "NONAC")) {
            classes.addOr(new TokenParam(ACT_CODE, code));
        }
        SearchParameterMap map = SearchParameterMap.newSynchronous();
        map.add("class", classes);
        map.add("status", new TokenParam("finished"));
        List<float[]> rows = new ArrayList<>();
        List<Double> stays = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        for (IBaseResource resource :
                daoRegistry.getResourceDao(Encounter.class).search(map, system).getAllResources()) {
            Encounter encounter = (Encounter) resource;
            String id = "Encounter/" + encounter.getIdElement().getIdPart();
            if (!encounter.getPeriod().hasStart() || !encounter.getPeriod().hasEnd()) {
                rejected.add(id + ": period start or end missing");
                continue;
            }
            double days = (encounter.getPeriod().getEnd().getTime()
                            - encounter.getPeriod().getStart().getTime())
                    / 86_400_000.0;
            if (days < 0) {
                rejected.add(id + ": period end before start");
                continue;
            }
            try {
                EncounterFacts facts = EncounterFacts.read(daoRegistry, encounter.getIdElement());
                rows.add(InpatientLos.vector(facts.input(), facts.triageLevel(), facts.diagnosis()));
                stays.add(days);
            } catch (BaseServerResponseException e) {
                rejected.add(id + ": " + e.getMessage());
            }
        }
        if (rows.size() < MINIMUM) {
            throw new IllegalStateException("Only " + rows.size() + " finished inpatient Encounters (class IMP, ACUTE"
                    + " or NONAC, with period start and end) are usable; at least " + MINIMUM
                    + " are needed to train the inpatient length-of-stay model"
                    + (rejected.isEmpty() ? "" : "; left out: " + rejected.subList(0, Math.min(5, rejected.size()))));
        }
        float[][] x = rows.toArray(float[][]::new);
        double[] y = stays.stream().mapToDouble(Double::doubleValue).toArray();
        double[] cv = crossValidate(x, y);
        String version = "los-inpatient-" + System.currentTimeMillis();
        LosModel model = LosModel.train(x, y, version, "d", InpatientLos.NAMES);
        IIdType library = store.save(model, card(version, rows.size(), rejected.size(), cv));
        model.dispose();
        return new Outcome(library, version, rows.size(), List.copyOf(rejected), cv[0], cv[1], cv[2], cv[3]);
    }

    /** 5-fold CV (shuffled with the fixed seed): model MAE, model median AE, baseline MAE, baseline median AE. */
    static double[] crossValidate(float[][] x, double[] y) {
        int n = y.length;
        int folds = 5;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Collections.shuffle(Arrays.asList(order), new Random(Boosting.SEED));
        double[] modelErrors = new double[n];
        double[] baselineErrors = new double[n];
        for (int fold = 0; fold < folds; fold++) {
            List<float[]> tx = new ArrayList<>();
            List<Double> ty = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                if (k % folds != fold) {
                    tx.add(x[order[k]]);
                    ty.add(y[order[k]]);
                }
            }
            double[] trainY = ty.stream().mapToDouble(Double::doubleValue).toArray();
            double median = LosModelTool.median(trainY);
            LosModel model = LosModel.train(tx.toArray(float[][]::new), trainY, "cv", "d", InpatientLos.NAMES);
            for (int k = fold; k < n; k += folds) {
                int i = order[k];
                modelErrors[i] = Math.abs(model.predict(x[i]).expected() - y[i]);
                baselineErrors[i] = Math.abs(median - y[i]);
            }
            model.dispose();
        }
        return new double[] {
            LosModelTool.mean(modelErrors),
            LosModelTool.median(modelErrors),
            LosModelTool.mean(baselineErrors),
            LosModelTool.median(baselineErrors)
        };
    }

    private static String card(String version, int used, int rejected, double[] cv) {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode card = json.createObjectNode();
        card.put("name", "los-inpatient");
        card.put("version", version);
        card.put("algorithm", "XGBoost 3.0.4 reg:quantileerror on log(1 + days), quantiles 0.1, 0.5, 0.9");
        card.put("data", "this server's finished inpatient Encounters (class IMP, ACUTE, NONAC) with a period");
        card.put("encountersUsed", used);
        card.put("encountersRejected", rejected);
        ArrayNode names = card.putArray("features");
        InpatientLos.NAMES.forEach(names::add);
        card.put("seed", Boosting.SEED);
        ObjectNode metrics = card.putObject("crossValidation");
        metrics.put("method", "5-fold, shuffled with seed " + Boosting.SEED);
        metrics.put("maeDays", cv[0]);
        metrics.put("medianAbsoluteErrorDays", cv[1]);
        metrics.put("baselineMaeDays", cv[2]);
        metrics.put("baselineMedianAbsoluteErrorDays", cv[3]);
        try {
            return json.writeValueAsString(card);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
