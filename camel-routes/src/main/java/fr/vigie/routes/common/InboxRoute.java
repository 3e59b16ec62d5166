package fr.vigie.routes.common;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * {@code .name.part} and rename it. A feed with {@link FeedHandler#inboxSidecars() sidecars} reads
 * {@code <name>.json} (or {@code <base>.json}) as the file's metadata and moves it with the file; write the sidecar
 * first, then the file. Camel starts the routes after the embedded web server (on the context refresh
 * event), so the local server's port is known by the first poll.
 */
public class InboxRoute extends RouteBuilder {

    public static final String ROUTE_ID_PREFIX = "inbox-";
    public static final String PROCESSED_DIR = "processed";
    public static final String FAILED_DIR = "failed";
    public static final String REPORT_SUFFIX = ".report.json";
    public static final String ERROR_SUFFIX = ".error.txt";
    /** Suffix of metadata sidecars, for feeds that use them ({@link FeedHandler#inboxSidecars()}). */
    public static final String SIDECAR_SUFFIX = ".json";

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
            boolean sidecars = importService.handler(name).inboxSidecars();
            from(uri(folder(name)) + (sidecars ? "&antExclude=*" + SIDECAR_SUFFIX : ""))
                    .routeId(routeId(name))
                    .routeConfigurationId(VigieRouteConfiguration.ID)
                    .process(exchange -> importFile(name, sidecars, exchange));
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

    private void importFile(String feed, boolean sidecars, Exchange exchange) throws IOException {
        Path file = exchange.getIn().getBody(File.class).toPath();
        String name = file.getFileName().toString();
        Path feedFolder = file.toAbsolutePath().getParent();
        Optional<Path> sidecar = sidecars ? sidecar(file) : Optional.empty();
        ImportReport report;
        try {
            ImportInput input = ImportInput.ofFile(feed, null, file);
            if (sidecar.isPresent()) {
                input = input.withMetadata(readSidecar(sidecar.get()));
            }
            report = importService.run(input);
        } catch (RuntimeException e) {
            writeError(feedFolder.resolve(FAILED_DIR).resolve(name + ERROR_SUFFIX), e);
            moveSidecar(sidecar, feedFolder.resolve(FAILED_DIR));
            throw e;
        }
        ImportReportStore.write(report, feedFolder.resolve(PROCESSED_DIR).resolve(name + REPORT_SUFFIX));
        moveSidecar(sidecar, feedFolder.resolve(PROCESSED_DIR));
    }

    /** {@code note.pdf.json}, else {@code note.json}, beside {@code note.pdf}. */
    static Optional<Path> sidecar(Path file) {
        String name = file.getFileName().toString();
        Path full = file.resolveSibling(name + SIDECAR_SUFFIX);
        if (Files.isRegularFile(full)) {
            return Optional.of(full);
        }
        int dot = name.lastIndexOf('.');
        Path base = dot > 0 ? file.resolveSibling(name.substring(0, dot) + SIDECAR_SUFFIX) : null;
        return base != null && Files.isRegularFile(base) ? Optional.of(base) : Optional.empty();
    }

    /** A sidecar's flat JSON object ({@link MetadataJson}). */
    static Map<String, String> readSidecar(Path sidecar) {
        try (java.io.InputStream in = Files.newInputStream(sidecar)) {
            return MetadataJson.read("the metadata sidecar " + sidecar.getFileName(), in);
        } catch (IOException e) {
            throw new UnreadableImportException("cannot read the metadata sidecar " + sidecar.getFileName(), e);
        }
    }

    private static void moveSidecar(Optional<Path> sidecar, Path folder) throws IOException {
        if (sidecar.isPresent() && Files.exists(sidecar.get())) {
            Files.createDirectories(folder);
            Files.move(
                    sidecar.get(),
                    folder.resolve(sidecar.get().getFileName().toString()),
                    StandardCopyOption.REPLACE_EXISTING);
        }
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
