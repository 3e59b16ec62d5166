package fr.vigie.server.demo;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.TokenParam;
import fr.vigie.routes.common.ImportReport;
import fr.vigie.routes.common.ImportService;
import fr.vigie.terminology.TerminologyCatalog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.StringType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Loads the demo data set once, through the same import framework (and so the same FHIR API) as any feed.
 *
 * <p>The set is listed in {@code classpath:demo/index.txt}, one entry a line: {@code feed format path}, path relative
 * to {@code demo/}. Each feature adds its own lines. Every entry loaded leaves a marker in the database (a
 * {@code Basic} resource whose identifier names the entry), so a later start skips it, while an entry added by a
 * newer Vigie version is still loaded on the next start. The marker lives in the database rather than on disk so
 * that nodes sharing one database agree.
 */
@Component
@ConditionalOnProperty(name = "vigie.demo.enabled", havingValue = "true")
public class DemoDataLoader {

    /** Identifier system of the markers left by loaded demo entries. */
    public static final String MARKER_SYSTEM = TerminologyCatalog.CANONICAL_BASE + "/sid/demo-entry";

    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);
    private static final String INDEX = "demo/index.txt";

    private final ImportService imports;
    private final DaoRegistry daoRegistry;
    private final DemoDataProperties properties;

    public DemoDataLoader(ImportService imports, DaoRegistry daoRegistry, DemoDataProperties properties) {
        this.imports = imports;
        this.daoRegistry = daoRegistry;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void onReady() {
        if (properties.waitForCompletion()) {
            loadAll();
        } else {
            Thread loader = new Thread(this::loadAll, "vigie-demo-loader");
            loader.setDaemon(true);
            loader.start();
        }
    }

    /** Loads every entry not loaded yet; returns the reports of the entries loaded now. */
    public List<ImportReport> loadAll() {
        List<ImportReport> reports = new ArrayList<>();
        for (DemoEntry entry : entries()) {
            if (isLoaded(entry)) {
                log.debug("Demo entry {} already loaded", entry.key());
                continue;
            }
            try (InputStream in = new ClassPathResource("demo/" + entry.path()).getInputStream()) {
                ImportReport report = imports.run(entry.feed(), entry.format(), "demo/" + entry.path(), null, in);
                log.info(
                        "Demo entry {}: {} rows read, {} created, {} updated, {} unchanged, {} rejected",
                        entry.key(),
                        report.rowsRead(),
                        report.created(),
                        report.updated(),
                        report.unchanged(),
                        report.rejected().size());
                markLoaded(entry);
                reports.add(report);
            } catch (IOException | RuntimeException e) {
                // A broken demo entry must not stop the server; the next start tries it again.
                log.error("Demo entry {} could not be loaded: {}", entry.key(), e.getMessage(), e);
            }
        }
        return reports;
    }

    static List<DemoEntry> entries() {
        ClassPathResource index = new ClassPathResource(INDEX);
        if (!index.exists()) {
            return List.of();
        }
        List<DemoEntry> entries = new ArrayList<>();
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(index.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] parts = trimmed.split("\\s+");
                if (parts.length != 3) {
                    throw new IllegalStateException(
                            INDEX + " line " + number + ": expected 'feed format path', found '" + trimmed + "'");
                }
                entries.add(new DemoEntry(parts[0], parts[1], parts[2]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return entries;
    }

    private boolean isLoaded(DemoEntry entry) {
        IFhirResourceDao<Basic> dao = daoRegistry.getResourceDao(Basic.class);
        SearchParameterMap map =
                SearchParameterMap.newSynchronous("identifier", new TokenParam(MARKER_SYSTEM, entry.key()));
        return !dao.search(map, new SystemRequestDetails()).isEmpty();
    }

    private void markLoaded(DemoEntry entry) {
        Basic marker = new Basic();
        marker.addIdentifier().setSystem(MARKER_SYSTEM).setValue(entry.key());
        marker.getCode().setText("Vigie demo data entry loaded");
        marker.setCreatedElement(new DateType(new java.util.Date()));
        marker.addExtension(TerminologyCatalog.EXT_DEMO_ENTRY_SOURCE, new StringType("demo/" + entry.path()));
        daoRegistry.getResourceDao(Basic.class).create(marker, new SystemRequestDetails());
    }

    /** One line of the demo index. */
    record DemoEntry(String feed, String format, String path) {
        String key() {
            return feed + "/" + path;
        }
    }
}
