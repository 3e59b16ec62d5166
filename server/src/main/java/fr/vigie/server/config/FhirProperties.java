package fr.vigie.server.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the FHIR endpoint, bound from {@code vigie.fhir.*}.
 *
 * @param path servlet path of the FHIR base, default {@code /fhir}
 * @param serverAddress public base URL written in links and {@code Location} headers; empty means "derive it from
 *     the incoming request" (set it behind a reverse proxy)
 * @param defaultPageSize search page size when the client sends no {@code _count} (1–1000, default 20)
 * @param maxPageSize largest {@code _count} honoured (1–5000, default 500)
 * @param validateRequests validate incoming resources against base R4 and declared profiles, rejecting errors with
 *     an {@code OperationOutcome} (default true)
 * @param allowExternalReferences accept references to resources on other servers (default false)
 */
@Validated
@ConfigurationProperties("vigie.fhir")
public record FhirProperties(
        @DefaultValue("/fhir") @NotBlank @Pattern(regexp = "/[a-zA-Z0-9/_-]*[a-zA-Z0-9]")
        String path,

        @DefaultValue("") String serverAddress,
        @DefaultValue("20") @Min(1) @Max(1000) int defaultPageSize,
        @DefaultValue("500") @Min(1) @Max(5000) int maxPageSize,
        @DefaultValue("true") boolean validateRequests,
        @DefaultValue("false") boolean allowExternalReferences) {}
