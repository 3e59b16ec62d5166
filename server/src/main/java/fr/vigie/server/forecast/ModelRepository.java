package fr.vigie.server.forecast;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.vigie.server.forecast.model.ForecastModel;
import fr.vigie.server.forecast.model.TrainedForecast;
import fr.vigie.terminology.TerminologyCatalog;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/**
 * Stores trained models in the FHIR database itself: the model's bytes in a {@code Binary}, and a {@code
 * DocumentReference} that points to it and carries the model card (JSON attachment), the hospital ({@code
 * context.related}), the condition ({@code category}, forecast-condition) and the model id ({@code identifier}). So
 * every node sharing the database finds and loads the same models, each with its version history, audit trail and
 * access rules, without a table of our own to migrate. Loaded models are cached by DocumentReference version.
 */
@Component
public class ModelRepository {

    /** Identifier system of stored forecast models. */
    public static final String MODEL_SYSTEM = TerminologyCatalog.CANONICAL_BASE + "/sid/forecast-model";

    /** A stored model, loaded. */
    public record Stored(ModelCard card, TrainedForecast trained) {}

    private final DaoRegistry daoRegistry;
    private final ForecastModels models;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Stored> loaded = new ConcurrentHashMap<>();

    public ModelRepository(DaoRegistry daoRegistry, ForecastModels models) {
        this.daoRegistry = daoRegistry;
        this.models = models;
    }

    /** Stores a model and its card; returns the DocumentReference id. */
    public String save(ModelCard card, TrainedForecast trained) {
        byte[] bytes = trained.save();
        Binary binary = new Binary();
        binary.setContentType("application/octet-stream");
        binary.setData(bytes);
        String binaryId = daoRegistry
                .getResourceDao(Binary.class)
                .create(binary, new SystemRequestDetails())
                .getId()
                .toUnqualifiedVersionless()
                .getValue();
        DocumentReference doc = new DocumentReference();
        doc.addIdentifier().setSystem(MODEL_SYSTEM).setValue(card.id());
        doc.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
        doc.setType(new CodeableConcept().setText("Admissions forecast model"));
        doc.addCategory(
                new CodeableConcept(new Coding(TerminologyCatalog.CS_FORECAST_CONDITION, card.condition(), null)));
        doc.setDate(new Date());
        doc.setDescription(card.model() + " model of daily " + card.condition() + " admissions, trained on "
                + card.trainedFrom() + ".." + card.trainedUntil());
        doc.getContext().addRelated(new Reference("Location/" + card.location()));
        doc.addContent()
                .setAttachment(new Attachment()
                        .setContentType("application/octet-stream")
                        .setUrl(binaryId)
                        .setSize(bytes.length)
                        .setTitle(card.model() + " model " + card.version()));
        doc.addContent()
                .setAttachment(new Attachment()
                        .setContentType("application/json")
                        .setData(cardJson(card).getBytes(StandardCharsets.UTF_8))
                        .setTitle("model-card.json"));
        return daoRegistry
                .getResourceDao(DocumentReference.class)
                .create(doc, new SystemRequestDetails())
                .getId()
                .toUnqualifiedVersionless()
                .getIdPart();
    }

    /**
     * The model to use for a hospital and condition: the one with id {@code modelId} when given, else the latest
     * trained one.
     */
    public Optional<Stored> find(String locationId, String condition, String modelId) {
        SearchParameterMap map = SearchParameterMap.newSynchronous();
        map.add(DocumentReference.SP_RELATED, new ReferenceParam("Location/" + locationId));
        IBundleProvider results =
                daoRegistry.getResourceDao(DocumentReference.class).search(map, new SystemRequestDetails());
        List<IBaseResource> found = results.getResources(0, Integer.MAX_VALUE);
        return found.stream()
                .map(DocumentReference.class::cast)
                .filter(d -> d.getIdentifier().stream()
                        .anyMatch(i -> MODEL_SYSTEM.equals(i.getSystem())
                                && (modelId == null || modelId.equals(i.getValue()))))
                .filter(d -> modelId != null
                        || d.getCategory().stream()
                                .flatMap(c -> c.getCoding().stream())
                                .anyMatch(c -> condition.equals(c.getCode())))
                .max(Comparator.comparing(DocumentReference::getDate, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(d -> d.getIdElement().getIdPartAsLong()))
                .map(this::load);
    }

    private Stored load(DocumentReference doc) {
        String key = doc.getIdElement().toUnqualified().getValue();
        return loaded.computeIfAbsent(key, k -> {
            ModelCard card = null;
            String binaryUrl = null;
            for (DocumentReference.DocumentReferenceContentComponent content : doc.getContent()) {
                Attachment a = content.getAttachment();
                if ("application/json".equals(a.getContentType()) && a.hasData()) {
                    card = parseCard(new String(a.getData(), StandardCharsets.UTF_8));
                } else if (a.hasUrl()) {
                    binaryUrl = a.getUrl();
                }
            }
            if (card == null || binaryUrl == null) {
                throw new IllegalStateException(
                        "DocumentReference/" + doc.getIdElement().getIdPart() + " has no model card or no model bytes");
            }
            Binary binary =
                    daoRegistry.getResourceDao(Binary.class).read(new IdType(binaryUrl), new SystemRequestDetails());
            ForecastModel kind = models.get(card.model())
                    .orElseThrow(() -> new IllegalStateException("model kind not available on this node"));
            return new Stored(card, kind.load(binary.getData()));
        });
    }

    String cardJson(ModelCard card) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(card);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the model card", e);
        }
    }

    private ModelCard parseCard(String text) {
        try {
            return json.readValue(text, ModelCard.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable model card: " + e.getOriginalMessage(), e);
        }
    }
}
