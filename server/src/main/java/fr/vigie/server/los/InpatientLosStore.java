package fr.vigie.server.los;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import fr.vigie.server.triage.Boosting;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import ml.dmlc.xgboost4j.java.Booster;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Library;
import org.springframework.stereotype.Component;

/**
 * Keeps the inpatient length-of-stay model in the database as a FHIR {@code Library} (type {@code
 * model-definition}, identifier {@value #IDENTIFIER_SYSTEM}|{@value #IDENTIFIER_VALUE}): one attachment per quantile
 * model (XGBoost UBJ) and the model card (JSON). Nodes sharing the database therefore share the model; each node
 * keeps the decoded model until the Library's version changes (checked on each use, one indexed search).
 */
@Component
public class InpatientLosStore {

    public static final String IDENTIFIER_SYSTEM = "https://vigie.example.org/fhir/model";
    public static final String IDENTIFIER_VALUE = "los-inpatient";
    static final String MODEL_TYPE = "application/vnd.xgboost.ubj";

    private final DaoRegistry daoRegistry;
    private volatile String cachedVersion;
    private volatile LosModel cached;

    public InpatientLosStore(DaoRegistry daoRegistry) {
        this.daoRegistry = daoRegistry;
    }

    /** The current model, empty until {@code $los-train} has stored one. */
    public Optional<LosModel> current() {
        Optional<Library> library = find();
        if (library.isEmpty()) {
            return Optional.empty();
        }
        String key = library.get().getIdElement().getIdPart() + "/"
                + library.get().getMeta().getVersionId();
        synchronized (this) {
            if (!key.equals(cachedVersion)) {
                LosModel previous = cached;
                cached = decode(library.get());
                cachedVersion = key;
                if (previous != null) {
                    previous.dispose();
                }
            }
            return Optional.of(cached);
        }
    }

    /** Stores a new model (new version of the Library), returning the Library id. */
    public IIdType save(LosModel model, String card) {
        Library library = find().orElseGet(Library::new);
        library.getIdentifier().clear();
        library.addIdentifier().setSystem(IDENTIFIER_SYSTEM).setValue(IDENTIFIER_VALUE);
        library.setVersion(model.version());
        library.setName("LosInpatient");
        library.setTitle("Inpatient length-of-stay model (days), XGBoost quantile regressions");
        library.setStatus(Enumerations.PublicationStatus.ACTIVE);
        library.setType(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/library-type", "model-definition", null)));
        library.getContent().clear();
        Booster[] boosters = model.boosters();
        for (int q = 0; q < boosters.length; q++) {
            library.addContent(new Attachment()
                    .setContentType(MODEL_TYPE)
                    .setTitle("q" + Math.round(LosModel.QUANTILES[q] * 100))
                    .setData(Boosting.toBytes(boosters[q])));
        }
        library.addContent(new Attachment()
                .setContentType("application/json")
                .setTitle("model-card")
                .setData(card.getBytes(StandardCharsets.UTF_8)));
        IFhirResourceDao<Library> dao = daoRegistry.getResourceDao(Library.class);
        SystemRequestDetails system = new SystemRequestDetails();
        return library.hasIdElement() && library.getIdElement().hasIdPart()
                ? dao.update(library, system).getId()
                : dao.create(library, system).getId();
    }

    private Optional<Library> find() {
        SearchParameterMap map =
                SearchParameterMap.newSynchronous("identifier", new TokenParam(IDENTIFIER_SYSTEM, IDENTIFIER_VALUE));
        List<IBaseResource> found = daoRegistry
                .getResourceDao(Library.class)
                .search(map, new SystemRequestDetails())
                .getAllResources();
        return found.isEmpty() ? Optional.empty() : Optional.of((Library) found.get(0));
    }

    private static LosModel decode(Library library) {
        Booster[] boosters = new Booster[LosModel.QUANTILES.length];
        int q = 0;
        for (Attachment attachment : library.getContent()) {
            if (MODEL_TYPE.equals(attachment.getContentType()) && q < boosters.length) {
                boosters[q++] = Boosting.fromBytes(attachment.getData());
            }
        }
        if (q != boosters.length) {
            throw new IllegalStateException("Library/" + library.getIdElement().getIdPart() + " holds " + q
                    + " quantile models, not " + boosters.length + ": retrain with $los-train");
        }
        return new LosModel(boosters, library.getVersion(), "d", InpatientLos.NAMES);
    }
}
