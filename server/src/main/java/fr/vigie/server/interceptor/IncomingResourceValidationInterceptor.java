package fr.vigie.server.interceptor;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.rest.server.interceptor.RequestValidatingInterceptor;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import fr.vigie.server.config.FhirServerInterceptor;
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
}
