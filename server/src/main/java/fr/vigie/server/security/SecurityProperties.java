package fr.vigie.server.security;

import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Security settings, bound from {@code vigie.security.*}.
 *
 * <p>Two modes. With {@code issuer-uri} empty (default), Vigie runs its own authorisation server (SMART Backend
 * Services: {@code client_credentials} with {@code private_key_jwt}, or {@code client_secret_basic}) and accepts the
 * tokens it signs. With {@code issuer-uri} set (a hospital's Keycloak realm, for instance), the built-in server is
 * off and tokens are checked against that issuer's JWKS ({@code jwk-set-uri}, or discovered from the issuer).
 *
 * @param issuer the {@code iss} of tokens signed by the built-in server; set it to Vigie's public URL in production
 * @param issuerUri an external issuer: when set, the built-in authorisation server is disabled
 * @param jwkSetUri JWKS of the external issuer (default: discovered from {@code issuer-uri})
 * @param tokenEndpoint token endpoint of the external issuer, advertised in the SMART configuration
 * @param audience the {@code aud} every token must carry (built-in tokens carry it)
 * @param tokenLifetime lifetime of tokens issued by the built-in server (default 5 minutes, SMART's recommendation)
 * @param keyFile where the built-in server keeps its RSA signing key (created on first start, owner-only)
 * @param demoClient the demo client {@code vigie-demo} (client_secret_basic), default profile only
 * @param dashboardClient the read-only client the missions dashboard signs in as
 * @param clients registered clients of the built-in server
 */
@Validated
@ConfigurationProperties("vigie.security")
public record SecurityProperties(
        @DefaultValue("http://localhost:8080") @NotBlank String issuer,
        @DefaultValue("") String issuerUri,
        @DefaultValue("") String jwkSetUri,
        @DefaultValue("") String tokenEndpoint,
        @DefaultValue("vigie") @NotBlank String audience,
        @DefaultValue("5m") Duration tokenLifetime,

        @DefaultValue("${vigie.data-dir:./data}/security/signing-key.json")
        String keyFile,

        @DefaultValue DemoClient demoClient,
        @DefaultValue DashboardClient dashboardClient,
        @DefaultValue List<Client> clients,
        @DefaultValue InternalClient internalClient) {

    /** Whether Vigie runs its own authorisation server. */
    public boolean builtInAuthorizationServer() {
        return issuerUri == null || issuerUri.isBlank();
    }

    /**
     * The demo client: secret from {@code VIGIE_DEMO_CLIENT_SECRET}, else generated once into {@code secret-file}.
     *
     * @param enabled register {@code vigie-demo} (true in the default {@code h2} profile)
     * @param secret the secret (from the environment; never in a file under git)
     * @param secretFile where a generated secret is kept, readable by the owner only
     * @param scopes scopes the demo client may ask for
     */
    public record DemoClient(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("${VIGIE_DEMO_CLIENT_SECRET:}") String secret,

            @DefaultValue("${vigie.data-dir:./data}/security/demo-client-secret")
            String secretFile,

            @DefaultValue({"system/*.cruds", "system/AuditEvent.rs"})
            List<String> scopes) {}

    /**
     * The client the dashboards ({@code /dashboard/missions}, {@code /dashboard/activity}) sign in as: a browser page
     * cannot keep a secret from its user, so this client may only read, and only what the pages show: aggregated
     * statistics ({@code system/MeasureReport.rs}) and, for the activity page, the emergency Encounters (status,
     * times, triage level, reason code, box, doctor: no Patient resource), the department's Locations (its boxes, the
     * {@code $forecast-admissions} outlook) and PractitionerRoles (doctors on duty). The user types its secret in the page, which keeps it in the tab's {@code sessionStorage} to renew its
     * short-lived tokens; the page never ships it. With an external issuer the same client id must be registered there.
     *
     * @param enabled register it with the built-in authorisation server (true in the default {@code h2} profile)
     * @param id its client id, also what the page asks a token for
     * @param secret the secret (from {@code VIGIE_DASHBOARD_CLIENT_SECRET}; never in a file under git)
     * @param secretFile where a generated secret is kept (readable by the owner only) when {@code secret} is empty
     * @param scopes what it may read; the page asks for all of them
     */
    public record DashboardClient(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("vigie-dashboard") @NotBlank String id,

            @DefaultValue("${VIGIE_DASHBOARD_CLIENT_SECRET:}")
            String secret,

            @DefaultValue("${vigie.data-dir:./data}/security/dashboard-client-secret")
            String secretFile,

            @DefaultValue({
                "system/MeasureReport.rs",
                "system/Encounter.rs",
                "system/Location.rs",
                "system/PractitionerRole.rs"
            })
            List<String> scopes) {}

    /**
     * With an external issuer, the client credentials Vigie uses to call its own FHIR API (the import framework
     * writes through it); it needs {@code system/*.cu} scopes. Unused with the built-in server, which signs its own.
     *
     * @param id client id registered at the external issuer
     * @param secret its secret ({@code client_secret_basic}), from the environment
     * @param scope scopes to request
     */
    public record InternalClient(
            @DefaultValue("") String id,
            @DefaultValue("") String secret,
            @DefaultValue("system/*.cruds") String scope) {}

    /**
     * A client of the built-in authorisation server.
     *
     * @param id the {@code client_id}
     * @param scopes SMART v2 system scopes it may be granted ({@code system/Location.rs}, {@code system/*.cruds}...)
     * @param secret for {@code client_secret_basic}: a Spring Security encoded secret ({@code {bcrypt}...});
     *     from the environment in production
     * @param jwks for {@code private_key_jwt}: the client's public JWKS as JSON (SMART registration)
     * @param jwksUri for {@code private_key_jwt}: where to fetch the client's JWKS
     */
    public record Client(
            @NotBlank String id,
            @DefaultValue List<String> scopes,
            @DefaultValue("") String secret,
            @DefaultValue("") String jwks,
            @DefaultValue("") String jwksUri) {}
}
