package fr.vigie.server.documents;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import fr.vigie.routes.documents.DocumentFhirMapper;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Retracts the facts an earlier version of a document stated and its latest processing no longer finds: when a
 * DocumentReference is processed again (the feed re-imports a changed file under the same {@code id}, or a new
 * dictionary reads it differently), each Observation, Condition and MedicationStatement Vigie derived from it whose
 * extraction run ({@link DocumentFhirMapper#EXTRACTION_SYSTEM} identifier) is not the document's current one is marked
 * {@code entered-in-error}, with a note saying why.
 *
 * <p>Marked, not deleted: FHIR's way to withdraw a result already shared (as HL7 v2's result status {@code W}); a
 * subscriber or a copy downstream sees the retraction, and the fact's history stays auditable. Facts still found keep
 * their identity (the business identifier does not depend on where the text sits) and are updated in place. Only
 * Vigie's own facts are touched (first identifier {@link DocumentFhirMapper#FACT_SYSTEM}), never a resource someone
 * else derived from the document.
 */
@Component
public class DocumentFactRetraction {

    /** The note added to a retracted fact. */
    static final String NOTE = "Retiré par Vigie : absent de la dernière version du document ";

    private static final Logger LOG = LoggerFactory.getLogger(DocumentFactRetraction.class);
    private static final String CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status";

    private final DaoRegistry daoRegistry;

    public DocumentFactRetraction(DaoRegistry daoRegistry) {
        this.daoRegistry = daoRegistry;
    }

    /**
     * Marks {@code entered-in-error} the facts of a DocumentReference from any other extraction run than its current
     * one. Without extracted text: all its facts when its last reading failed ({@code extraction-failed}: the
     * attachment they were read from was replaced by one that could not be read), else none.
     *
     * @param documentId {@code DocumentReference/<id>}
     * @return how many facts were retracted
     */
    public int retractStale(String documentId) {
        DocumentReference document = daoRegistry
                .getResourceDao(DocumentReference.class)
                .read(new IdType(documentId), new SystemRequestDetails());
        Optional<String> current = DocumentFhirMapper.extractionRun(document);
        if (current.isEmpty() && !DocumentEnrichment.isFailed(document)) {
            return 0;
        }
        // no fact has an empty run: after a failed reading, every fact is of another run
        Optional<String> run = Optional.of(current.orElse(""));
        String reference = document.getIdElement().toUnqualifiedVersionless().getValue();
        String note = NOTE
                + reference
                + (current.isPresent() ? " (extraction " + run.get() + ")" : " (pièce jointe remplacée, illisible)");
        int retracted = retract(
                Observation.class,
                SearchParameterMap.newSynchronous(Observation.SP_DERIVED_FROM, new ReferenceParam(reference)),
                Observation::getIdentifier,
                observation -> observation.getStatus() == Observation.ObservationStatus.ENTEREDINERROR,
                observation -> observation
                        .setStatus(Observation.ObservationStatus.ENTEREDINERROR)
                        .addNote(new Annotation().setText(note)),
                run.get());
        retracted += retract(
                Condition.class,
                SearchParameterMap.newSynchronous(Condition.SP_EVIDENCE_DETAIL, new ReferenceParam(reference)),
                Condition::getIdentifier,
                condition -> "entered-in-error"
                        .equals(condition
                                .getVerificationStatus()
                                .getCodingFirstRep()
                                .getCode()),
                condition -> condition
                        // an entered-in-error Condition carries no clinical status (invariant con-5)
                        .setClinicalStatus(null)
                        .setVerificationStatus(
                                new CodeableConcept(new Coding(CONDITION_VERIFICATION, "entered-in-error", null)))
                        .addNote(new Annotation().setText(note)),
                run.get());
        if (document.hasSubject()) {
            // MedicationStatement has no derived-from search parameter: the patient's, filtered on derivedFrom
            retracted += retract(
                    MedicationStatement.class,
                    SearchParameterMap.newSynchronous(
                            MedicationStatement.SP_SUBJECT,
                            new ReferenceParam(document.getSubject().getReference())),
                    statement -> statement.getDerivedFrom().stream()
                                    .map(Reference::getReference)
                                    .anyMatch(reference::equals)
                            ? statement.getIdentifier()
                            : List.of(),
                    statement -> statement.getStatus() == MedicationStatement.MedicationStatementStatus.ENTEREDINERROR,
                    statement -> statement
                            .setStatus(MedicationStatement.MedicationStatementStatus.ENTEREDINERROR)
                            .addNote(new Annotation().setText(note)),
                    run.get());
        }
        if (retracted > 0) {
            LOG.info("{} reprocessed: {} facts of earlier versions marked entered-in-error", reference, retracted);
        }
        return retracted;
    }

    /**
     * Retracts the found resources that are Vigie facts of another run and not retracted yet.
     *
     * @param identifiers a resource's identifiers (empty when it is not one of the document's facts)
     */
    private <T extends DomainResource> int retract(
            Class<T> type,
            SearchParameterMap search,
            Function<T, List<Identifier>> identifiers,
            Predicate<T> retracted,
            java.util.function.Consumer<T> retraction,
            String run) {
        IFhirResourceDao<T> dao = daoRegistry.getResourceDao(type);
        int count = 0;
        for (T fact : dao.searchForResources(search, new SystemRequestDetails())) {
            List<Identifier> ids = identifiers.apply(fact);
            boolean vigieFact = !ids.isEmpty()
                    && DocumentFhirMapper.FACT_SYSTEM.equals(ids.get(0).getSystem());
            if (vigieFact
                    && !retracted.test(fact)
                    && !DocumentFhirMapper.extractionRun(ids).equals(Optional.of(run))) {
                retraction.accept(fact);
                dao.update(fact, new SystemRequestDetails());
                count++;
            }
        }
        return count;
    }
}
