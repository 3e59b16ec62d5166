package fr.vigie.server.security;

import ca.uhn.fhir.context.FhirContext;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Resource-server side: every request under {@code /fhir} and {@code /import} needs a valid bearer JWT, except the
 * CapabilityStatement, the SMART configuration, the OpenAPI page and the health endpoint. The missions dashboard's
 * static files are public too: the page holds no data and asks for a token before each FHIR call.
 *
 * <p>Tokens are RS256-signed JWTs from the built-in authorisation server or from the configured external issuer
 * (its JWKS), with the right {@code iss}, the configured {@code aud}, and a valid {@code exp}/{@code nbf}. Unsigned
 * ({@code alg: none}) or tampered tokens fail signature checks. Failures answer 401 with a
 * {@code WWW-Authenticate} header and a FHIR {@code OperationOutcome}.
 */
@Configuration
@EnableWebSecurity
public class ApiSecurityConfig {

    static final String[] PUBLIC_PATHS = {
        "/fhir/metadata",
        "/fhir/.well-known/smart-configuration",
        "/.well-known/smart-configuration",
        "/fhir/swagger-ui/**",
        "/fhir/api-docs",
        "/actuator/health",
        "/actuator/health/**",
        "/error",
        // the missions dashboard's page, script, settings and chart library: its data calls carry a token
        "/dashboard/**",
        "/webjars/**"
    };

    @Bean
    @Order(2)
    public SecurityFilterChain apiChain(HttpSecurity http, JwtDecoder apiJwtDecoder, FhirContext fhirContext)
            throws Exception {
        BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
        BearerTokenAccessDeniedHandler denied = new BearerTokenAccessDeniedHandler();
        http.authorizeHttpRequests(requests -> requests.requestMatchers(PUBLIC_PATHS)
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .oauth2ResourceServer(
                        server -> server.jwt(jwt -> jwt.authenticationManager(withoutEvents(apiJwtDecoder)))
                                .authenticationEntryPoint((request, response, exception) -> {
                                    bearer.commence(request, response, exception);
                                    writeOutcome(
                                            fhirContext,
                                            response,
                                            OperationOutcome.IssueType.LOGIN,
                                            "A valid bearer token is required: get one with the client_credentials grant at"
                                                    + " the token endpoint named in /fhir/.well-known/smart-configuration ("
                                                    + exception.getMessage() + ")");
                                })
                                .accessDeniedHandler((request, response, exception) -> {
                                    denied.handle(request, response, exception);
                                    writeOutcome(
                                            fhirContext,
                                            response,
                                            OperationOutcome.IssueType.FORBIDDEN,
                                            "The token does not allow this request");
                                }))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // A stateless token API: no logout endpoint, no saved request to replay after a login page.
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .csrf(csrf -> csrf.disable())
                .cors(Customizer.withDefaults())
                .headers(headers -> headers.contentTypeOptions(Customizer.withDefaults())
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(
                                referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .httpStrictTransportSecurity(
                                hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000)));
        return http.build();
    }

    /**
     * Bearer tokens checked by the decoder, as Spring Security's default, but without publishing an authentication
     * success event on every request: nothing listens to them (no actuator audit repository, no listener), and
     * dispatching them through the application context cost about 2 % of a {@code $nearest-dz} request in a profile.
     */
    private static AuthenticationManager withoutEvents(JwtDecoder decoder) {
        return new ProviderManager(new JwtAuthenticationProvider(decoder));
    }

    private static void writeOutcome(
            FhirContext fhirContext, HttpServletResponse response, OperationOutcome.IssueType type, String message)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(type)
                .setDiagnostics(message);
        response.setContentType("application/fhir+json;charset=UTF-8");
        response.getWriter().write(fhirContext.newJsonParser().encodeResourceToString(outcome));
    }

    /**
     * The decoder for API tokens: this server's own key when it is the authorisation server, else the external
     * issuer's JWKS (fetched lazily, so Vigie starts even while the identity provider is down).
     */
    @Bean
    public JwtDecoder apiJwtDecoder(SecurityProperties properties, ObjectProvider<JWKSource<SecurityContext>> keys) {
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(
                        properties.builtInAuthorizationServer() ? properties.issuer() : properties.issuerUri()),
                audience(properties.audience()));
        if (properties.builtInAuthorizationServer()) {
            DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys.getObject()));
            NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
            decoder.setJwtValidator(validator);
            return remembering(decoder);
        }
        return remembering(new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder = properties.jwkSetUri().isBlank()
                    ? NimbusJwtDecoder.withIssuerLocation(properties.issuerUri())
                            .build()
                    : NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri()).build();
            decoder.setJwtValidator(validator);
            return decoder;
        }));
    }

    /** Verified tokens are remembered until they expire (at most 10 minutes, 10,000 tokens): see the class. */
    private static JwtDecoder remembering(JwtDecoder decoder) {
        return new CachingJwtDecoder(decoder, 10_000, Duration.ofMinutes(10), Clock.systemUTC());
    }

    /**
     * No Micrometer observation around each Spring Security filter: they wrapped every request in about fifteen
     * observation scopes that nothing here reads (HTTP request metrics stay, from Spring MVC's own observation), and
     * cost more than the {@code $nearest-dz} operation itself in a profile.
     */
    @Bean
    public SecurityObservationSettings noSpringSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    private static OAuth2TokenValidator<Jwt> audience(String audience) {
        return jwt -> {
            List<String> audiences = jwt.getAudience();
            if (audiences != null && audiences.contains(audience)) {
                return OAuth2TokenValidatorResult.success();
            }
            return OAuth2TokenValidatorResult.failure(
                    new OAuth2Error("invalid_token", "The token's audience must include '" + audience + "'", null));
        };
    }
}
