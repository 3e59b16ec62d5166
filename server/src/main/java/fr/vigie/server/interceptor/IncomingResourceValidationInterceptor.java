package fr.vigie.server.interceptor;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.RequestValidatingInterceptor;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import fr.vigie.server.config.FhirServerInterceptor;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r5.utils.validation.constants.BestPracticeWarningLevel;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Validates every resource a client sends (create, update, transaction and batch entries, {@code $validate})
 * against base R4, the profiles the resource declares in {@code meta.profile}, and the terminology Vigie knows,
 * and rejects it with HTTP 422 and an {@code OperationOutcome} listing each error and where it is.
 *
 * <p>Why: plain HAPI JPA stores structurally wrong resources, for instance an Encounter without its mandatory
 * {@code class}; downstream systems then break on what Vigie hands them. Warnings are not blocking. Extensions
 * that no StructureDefinition describes are accepted, since hospital systems send local extensions, and codes from
 * code systems Vigie does not hold (LOINC, SNOMED CT...) only raise a warning. Switch off
 * with {@code vigie.fhir.validate-requests=false} (e.g. for a bulk migration of trusted data).
 *
 * <p>The {@code Parameters} bodies of the operations in {@link #SELF_CHECKED_OPERATIONS} are not validated here: those
 * operations check every parameter themselves and answer 400 naming it (an unknown UCUM unit, for instance, would
 * otherwise be a generic 422), and they are called per patient in real time, where the validator's cost (several
 * milliseconds a call) would dominate their latency.
 */
@Component
@ConditionalOnProperty(name = "vigie.fhir.validate-requests", havingValue = "true", matchIfMissing = true)
public class IncomingResourceValidationInterceptor extends RequestValidatingInterceptor
        implements FhirServerInterceptor {

    public IncomingResourceValidationInterceptor(IValidationSupport validationSupport) {
        // Vigie does not hold LOINC, SNOMED CT or every national code system: a code from a system it does not know
        // is reported as a warning, while codes of systems it does hold (its own, FHIR's) are checked strictly.
        UnknownCodeSystemWarningValidationSupport unknownCodeSystems =
                new UnknownCodeSystemWarningValidationSupport(validationSupport.getFhirContext());
        unknownCodeSystems.setNonExistentCodeSystemSeverity(IValidationSupport.IssueSeverity.WARNING);
        FhirInstanceValidator validator =
                new FhirInstanceValidator(new ValidationSupportChain(validationSupport, unknownCodeSystems));
        validator.setAnyExtensionsAllowed(true);
        validator.setErrorForUnknownProfiles(true);
        // Best-practice constraints (dom-6 "should have narrative"...) are advice, not grounds to refuse data.
        validator.setBestPracticeWarningLevel(BestPracticeWarningLevel.Ignore);
        addValidatorModule(validator);
        setFailOnSeverity(ResultSeverityEnum.ERROR);
        // Keep responses small: no validation headers on success.
        setAddResponseHeaderOnSeverity(null);
    }

    /** Operations whose input Parameters are checked by the operation itself (see the class comment). */
    public static final Set<String> SELF_CHECKED_OPERATIONS = Set.of("$triage", "$los", "$los-train");

    @Override
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public boolean incomingRequestPostProcessed(
            RequestDetails request, HttpServletRequest servletRequest, HttpServletResponse servletResponse) {
        String operation = request.getOperation();
        if (operation != null
                && SELF_CHECKED_OPERATIONS.contains(operation.startsWith("$") ? operation : "$" + operation)) {
            return true;
        }
        return super.incomingRequestPostProcessed(request, servletRequest, servletResponse);
    }
}
