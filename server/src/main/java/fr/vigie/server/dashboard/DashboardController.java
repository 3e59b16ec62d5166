package fr.vigie.server.dashboard;

import fr.vigie.server.config.FhirProperties;
import fr.vigie.server.security.SecurityProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * Serves the dashboard pages (missions, activity) and their settings.
 *
 * <p>{@code GET /dashboard/missions} and {@code GET /dashboard/activity} forward to the static
 * {@code dashboard/<page>.html} (so the pages' relative links resolve under {@code /dashboard/}) with a Content-Security-Policy that only lets it run its own scripts and
 * talk to Vigie and the token endpoint: the page handles a client secret, so no injected or third-party script may
 * run beside it.
 *
 * <p>{@code GET /dashboard/config.json} tells the page where the FHIR base is, which token endpoint to ask, and the
 * read-only client and scopes to ask for, and the activity page's settings ({@link ActivityDashboardProperties}). With the built-in authorisation server the endpoint is given as a path on
 * the page's own origin rather than the configured issuer URL, which names the public address and may not be the
 * one the browser used (a reverse proxy, a test on a random port). Neither response holds any secret.
 */
@Controller
public class DashboardController {

    private final SecurityProperties security;
    private final FhirProperties fhir;
    private final ActivityDashboardProperties activity;

    public DashboardController(SecurityProperties security, FhirProperties fhir, ActivityDashboardProperties activity) {
        this.security = security;
        this.fhir = fhir;
        this.activity = activity;
    }

    @GetMapping("/dashboard/missions")
    public String missions(HttpServletResponse response) {
        return page(response, "missions");
    }

    @GetMapping("/dashboard/activity")
    public String activity(HttpServletResponse response) {
        return page(response, "activity");
    }

    private String page(HttpServletResponse response, String name) {
        response.setHeader("Content-Security-Policy", contentSecurityPolicy());
        response.setHeader("Cache-Control", "no-cache");
        return "forward:/dashboard/" + name + ".html";
    }

    @GetMapping(value = "/dashboard/config.json", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    public ResponseEntity<Map<String, Object>> config(HttpServletRequest request) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("fhirBase", request.getContextPath() + fhir.path());
        config.put("tokenEndpoint", tokenEndpoint(request.getContextPath()));
        config.put("clientId", security.dashboardClient().id());
        config.put("scope", String.join(" ", security.dashboardClient().scopes()));
        config.put("activity", activity);
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(config);
    }

    /** The token endpoint for the browser, or {@code null} when an external issuer was configured without one. */
    private String tokenEndpoint(String contextPath) {
        if (security.builtInAuthorizationServer()) {
            return contextPath + "/oauth2/token";
        }
        return security.tokenEndpoint().isBlank() ? null : security.tokenEndpoint();
    }

    private String contentSecurityPolicy() {
        String connect = "'self'";
        if (!security.builtInAuthorizationServer() && !security.tokenEndpoint().isBlank()) {
            URI endpoint = URI.create(security.tokenEndpoint());
            if (endpoint.getScheme() != null && endpoint.getAuthority() != null) {
                connect += " " + endpoint.getScheme() + "://" + endpoint.getAuthority();
            }
        }
        // ECharts writes style attributes in its tooltips, hence 'unsafe-inline' for styles only
        return "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
                + " connect-src " + connect + "; form-action 'none'; frame-ancestors 'none'; base-uri 'none'";
    }
}
