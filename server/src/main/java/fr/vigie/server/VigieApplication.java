package fr.vigie.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Entry point of the Vigie FHIR server.
 *
 * <p>Before Spring starts, the JVM's temporary directory is moved under the data directory
 * ({@code VIGIE_DATA_DIR} or {@code -Dvigie.data-dir}, default {@code ./data}) unless the operator set
 * {@code java.io.tmpdir} explicitly, so that Tomcat, PDFBox, Java2D and native libraries do not write under
 * {@code /tmp} or {@code $HOME} on a shared host.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class VigieApplication {

    public static void main(String[] args) {
        prepareDataDirectory();
        SpringApplication application = new SpringApplication(VigieApplication.class);
        if (Boolean.getBoolean("vigie.startup-report")) {
            // Diagnostics: -Dvigie.startup-report=true logs the slowest start-up steps.
            BufferingApplicationStartup startup = new BufferingApplicationStartup(20_000);
            application.setApplicationStartup(startup);
            application.run(args);
            StartupReport.log(startup);
        } else {
            application.run(args);
        }
    }

    static void prepareDataDirectory() {
        String configured = System.getProperty("vigie.data-dir", System.getenv("VIGIE_DATA_DIR"));
        Path dataDir = Path.of(configured == null || configured.isBlank() ? "data" : configured)
                .toAbsolutePath()
                .normalize();
        System.setProperty("vigie.data-dir", dataDir.toString());
        if (System.getProperty("vigie.keep-tmpdir") == null && !tmpdirSetOnCommandLine()) {
            Path tmp = dataDir.resolve("tmp");
            try {
                Files.createDirectories(tmp);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the temporary directory " + tmp, e);
            }
            System.setProperty("java.io.tmpdir", tmp.toString());
        }
        if (System.getProperty("pdfbox.fontcache") == null) {
            // PDFBox keeps its font cache in $HOME unless told otherwise (documents feed).
            Path cache = dataDir.resolve("cache");
            try {
                Files.createDirectories(cache);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the cache directory " + cache, e);
            }
            System.setProperty("pdfbox.fontcache", cache.toString());
        }
    }

    private static boolean tmpdirSetOnCommandLine() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(arg -> arg.startsWith("-Djava.io.tmpdir="));
    }
}
