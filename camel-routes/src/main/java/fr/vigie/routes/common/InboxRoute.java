package fr.vigie.routes.common;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code file:} consumer per registered feed (route id {@code inbox-<feed>}) on {@code <inbox-root>/<feed>/}.
 *
 * <p>Each file is imported through {@link ImportService#run(ImportInput)}, its format chosen by its name. Then
 * Camel's {@code move}/{@code moveFailed} take it to {@code processed/} or {@code failed/} in the feed folder (a file
 * with rejected rows is still processed), and this route writes the sidecar beside it:
 * {@code <name>.report.json} (the report) or {@code <name>.error.txt} (the reason, and the report id when the
 * import had started). A later file of the same name replaces both.
 *
 * <p>Files are picked up once their size and date are stable for {@code read-lock-interval} (a copy in progress is
 * not read half-way), oldest first; hidden files (starting with a dot) are ignored, so producers can write
 * {@code .name.part} and rename it. Camel starts the routes after the embedded web server (on the context refresh
 * event), so the local server's port is known by the first poll.
 */
public class InboxRoute extends RouteBuilder {

    public static final String ROUTE_ID_PREFIX = "inbox-";
    public static final String PROCESSED_DIR = "processed";
    public static final String FAILED_DIR = "failed";
    public static final String REPORT_SUFFIX = ".report.json";
    public static final String ERROR_SUFFIX = ".error.txt";

    private static final Logger log = LoggerFactory.getLogger(InboxRoute.class);

    private final ImportService importService;
    private final ImportProperties.Inbox inbox;

    public InboxRoute(ImportService importService, ImportProperties.Inbox inbox) {
        this.importService = Objects.requireNonNull(importService, "importService");
        this.inbox = Objects.requireNonNull(inbox, "inbox");
    }

    /** Route id of a feed's inbox. */
    public static String routeId(String feed) {
        return ROUTE_ID_PREFIX + feed;
    }

    /** The folder watched for a feed. */
    public Path folder(String feed) {
        return inbox.root().resolve(feed).toAbsolutePath().normalize();
    }

    @Override
    public void configure() {
        for (FeedInfo feed : importService.feeds()) {
            String name = feed.feed();
            from(uri(folder(name)))
                    .routeId(routeId(name))
                    .routeConfigurationId(VigieRouteConfiguration.ID)
                    .process(exchange -> importFile(name, exchange));
            log.info("Inbox of feed {}: {}", name, folder(name));
        }
    }

    private String uri(Path folder) {
        long interval = inbox.readLockInterval().toMillis();
        return "file:" + folder
                + "?move=" + PROCESSED_DIR
                + "&moveFailed=" + FAILED_DIR
                + "&readLock=changed"
                + "&readLockCheckInterval=" + interval
                + "&readLockTimeout=" + Math.max(10_000, 10 * interval)
                + "&sortBy=file:modified;file:name"
                + "&delay=" + inbox.delay().toMillis();
    }

    private void importFile(String feed, Exchange exchange) throws IOException {
        Path file = exchange.getIn().getBody(File.class).toPath();
        String name = file.getFileName().toString();
        Path feedFolder = file.toAbsolutePath().getParent();
        ImportReport report;
        try {
            report = importService.run(ImportInput.ofFile(feed, null, file));
        } catch (RuntimeException e) {
            writeError(feedFolder.resolve(FAILED_DIR).resolve(name + ERROR_SUFFIX), e);
            throw e;
        }
        ImportReportStore.write(report, feedFolder.resolve(PROCESSED_DIR).resolve(name + REPORT_SUFFIX));
    }

    private static void writeError(Path errorFile, RuntimeException e) throws IOException {
        StringBuilder text = new StringBuilder(e.getMessage() == null ? e.toString() : e.getMessage());
        if (e instanceof ImportException importException) {
            importException.report().ifPresent(report -> text.append(System.lineSeparator())
                    .append("report: ")
                    .append(report.id()));
        }
        text.append(System.lineSeparator());
        ImportReportStore.writeAtomically(errorFile, text.toString());
    }
}
