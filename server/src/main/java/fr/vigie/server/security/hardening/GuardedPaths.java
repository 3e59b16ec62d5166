package fr.vigie.server.security.hardening;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UrlPathHelper;

/**
 * The paths the hardening filters guard: the FHIR base ({@code vigie.fhir.path}, {@code /fhir} by default) and the
 * import endpoint {@code /import}.
 *
 * <p>The path is taken decoded, without {@code ;} parameters and with {@code .}/{@code ..} segments and doubled
 * slashes resolved, so that {@code /fhir;x=1/Patient} or {@code //import/feed} cannot slip past a filter while the
 * servlet container still routes them to the guarded endpoint.
 */
final class GuardedPaths {

    /** Path of the import endpoint (see {@code ImportController}). */
    static final String IMPORT = "/import";

    private final String fhirPath;

    GuardedPaths(String fhirPath) {
        this.fhirPath = StringUtils.trimTrailingCharacter(fhirPath, '/');
    }

    /** The FHIR base path, e.g. {@code /fhir}. */
    String fhir() {
        return fhirPath;
    }

    /** The guarded endpoint ({@link #fhir()} or {@link #IMPORT}) the request goes to, if any. */
    Optional<String> endpointOf(HttpServletRequest request) {
        String path = path(request);
        if (isUnder(path, fhirPath)) {
            return Optional.of(fhirPath);
        }
        if (isUnder(path, IMPORT)) {
            return Optional.of(IMPORT);
        }
        return Optional.empty();
    }

    /** The request path within the application, normalised (see the class description). */
    static String path(HttpServletRequest request) {
        return StringUtils.cleanPath(UrlPathHelper.defaultInstance.getPathWithinApplication(request));
    }

    private static boolean isUnder(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
