package fr.vigie.routes.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs imports for every registered {@link FeedHandler}: synchronously ({@link #run}), as background jobs
 * ({@link #submit}), or for the inbox ({@link InboxRoute}). Each import gets an id, is visible through
 * {@link #job(String)} while it runs (counts so far), and its final report is kept by the {@link ImportReportStore}.
 *
 * <p>The feed and format are checked before anything is read, so a caller gets {@link UnknownFeedException} or
 * {@link UnsupportedImportFormatException} at once, even for a submitted job. Format resolution, first match wins:
 * the explicit format; a significant content type the feed maps; the file name's extension (an extension the feed
 * does not read is refused); the feed's default format.
 *
 * <p>Uploads are spooled to a temporary file first, so handlers can open the content more than once and jobs outlive
 * the HTTP request.
 */
public class ImportService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ImportService.class);
    private static final Pattern FEED_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final DateTimeFormatter ID_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Map<String, FeedHandler> handlers;
    private final ImportWriter writer;
    private final ImportReportStore store;
    private final ImportJobs jobs;
    private final Executor executor;
    private final Clock clock;
    private final List<ImportListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * @param executor runs submitted jobs; an {@link ExecutorService} is shut down by {@link #close()}
     */
    public ImportService(
            List<FeedHandler> handlers,
            ImportWriter writer,
            ImportReportStore store,
            int maxJobs,
            Executor executor,
            Clock clock) {
        this.handlers = index(handlers);
        this.writer = Objects.requireNonNull(writer, "writer");
        this.store = Objects.requireNonNull(store, "store");
        this.jobs = new ImportJobs(maxJobs);
        this.executor = Objects.requireNonNull(executor, "executor");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The service as configured by {@link ImportProperties}, with its own pool of worker threads. */
    public static ImportService create(List<FeedHandler> handlers, ImportWriter writer, ImportProperties properties) {
        return new ImportService(
                handlers,
                writer,
                new ImportReportStore(properties.reportsDir()),
                properties.maxJobs(),
                workers(properties.workerThreads()),
                Clock.systemUTC());
    }

    /** Registers a listener told about every completed import. */
    public void addListener(ImportListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** The registered feeds, sorted by name. */
    public List<FeedInfo> feeds() {
        return handlers.values().stream()
                .map(handler -> new FeedInfo(
                        handler.feed(), handler.formats().stream().sorted().toList(), handler.defaultFormat()))
                .toList();
    }

    /**
     * Imports an upload and waits for the report.
     *
     * @param format format asked for ({@code ?format=}), or {@code null}
     * @param source name of the upload as shown in the report (file name), or {@code null}
     * @param contentType media type of the body, or {@code null}
     * @throws UnknownFeedException no such feed (404)
     * @throws UnsupportedImportFormatException the feed cannot read that format (415)
     * @throws UnreadableImportException the file cannot be read at all (400); carries the failed report
     * @throws ImportTargetException the FHIR server is unavailable (502); carries the failed report
     */
    public ImportReport run(String feed, String format, String source, String contentType, InputStream body) {
        return run(feed, format, source, contentType, body, Map.of());
    }

    /**
     * Imports an upload with its metadata (multipart form fields) and waits for the report; see
     * {@link #run(String, String, String, String, InputStream)}.
     */
    public ImportReport run(
            String feed,
            String format,
            String source,
            String contentType,
            InputStream body,
            Map<String, String> metadata) {
        Upload upload = upload(feed, format, source, contentType, body, metadata);
        try {
            return execute(upload.handler(), upload.input(), register(upload.input()));
        } finally {
            deleteQuietly(upload.spool());
        }
    }

    /** Imports an input whose content stays readable during the call (an inbox file) and waits for the report. */
    public ImportReport run(ImportInput input) {
        Prepared prepared = prepare(input);
        return execute(prepared.handler(), prepared.input(), register(prepared.input()));
    }

    /**
     * Starts importing an upload in the background; the body is copied before this returns.
     *
     * @return the job id for {@link #job(String)}
     * @throws UnknownFeedException no such feed (404)
     * @throws UnsupportedImportFormatException the feed cannot read that format (415)
     */
    public String submit(String feed, String format, String source, String contentType, InputStream body) {
        return submit(feed, format, source, contentType, body, Map.of());
    }

    /** Starts importing an upload with its metadata in the background; see {@link #submit(String, String, String,
     * String, InputStream)}. */
    public String submit(
            String feed,
            String format,
            String source,
            String contentType,
            InputStream body,
            Map<String, String> metadata) {
        Upload upload = upload(feed, format, source, contentType, body, metadata);
        FeedHandler handler = upload.handler();
        ImportInput input = upload.input();
        Path spool = upload.spool();
        ImportProgress progress = register(input);
        try {
            executor.execute(() -> {
                try {
                    execute(handler, input, progress);
                } catch (RuntimeException e) {
                    // Already logged and recorded in the job's report.
                    log.debug("Import job {} ended with {}", progress.id(), e.toString());
                } finally {
                    deleteQuietly(spool);
                }
            });
        } catch (RejectedExecutionException e) {
            deleteQuietly(spool);
            persist(progress.fail("import service is shutting down: submit the file again"));
        }
        return progress.id();
    }

    /** The report of a job: running (counts so far) or final, from memory or, after a restart, from disk. */
    public Optional<ImportReport> job(String id) {
        return jobs.get(id).map(ImportProgress::snapshot).or(() -> store.find(id));
    }

    /** The jobs still in memory, newest first. */
    public List<ImportReport> jobs() {
        return jobs.all().stream().map(ImportProgress::snapshot).toList();
    }

    /** The handler of a feed. */
    public FeedHandler handler(String feed) {
        FeedHandler handler = handlers.get(feed);
        if (handler == null) {
            throw new UnknownFeedException(feed, handlers.keySet());
        }
        return handler;
    }

    /** Stops the worker threads; jobs still running are reported as failed so their report is not lost. */
    @Override
    public void close() {
        if (executor instanceof ExecutorService service) {
            service.shutdownNow();
            try {
                service.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        jobs.all().stream()
                .filter(progress -> !progress.isFinished())
                .forEach(progress -> persist(progress.fail("interrupted: the server stopped; import the file again")));
    }

    /** The format the input will be read as, following the order in the class description. */
    static String resolveFormat(FeedHandler handler, ImportInput input) {
        String supported = "; formats of feed " + handler.feed() + ": "
                + String.join(", ", handler.formats().stream().sorted().toList());
        if (input.format() != null && !input.format().isBlank()) {
            String format = input.format().strip().toLowerCase(Locale.ROOT);
            if (!handler.formats().contains(format)) {
                throw new UnsupportedImportFormatException("Unsupported format '" + format + "'" + supported);
            }
            return format;
        }
        Optional<String> mediaType = ImportFormats.significantMediaType(input.contentType());
        Optional<String> byType = mediaType.flatMap(handler::formatForContentType);
        if (byType.isPresent()) {
            return byType.get();
        }
        Optional<String> extension = ImportFormats.extension(input.source());
        if (extension.isPresent()) {
            return handler.formatForFileName(input.source())
                    .orElseThrow(() -> new UnsupportedImportFormatException("Cannot read '" + input.source()
                            + "': unsupported file extension ." + extension.get() + supported
                            + " (choose one with ?format=)"));
        }
        if (mediaType.isPresent()) {
            throw new UnsupportedImportFormatException(
                    "Unsupported content type " + mediaType.get() + supported + " (choose one with ?format=)");
        }
        return handler.defaultFormat();
    }

    private record Prepared(FeedHandler handler, ImportInput input) {}

    /** An upload checked ({@link #prepare}) and copied to {@code spool}, which {@code input} reads. */
    private record Upload(FeedHandler handler, ImportInput input, Path spool) {}

    private Upload upload(
            String feed,
            String format,
            String source,
            String contentType,
            InputStream body,
            Map<String, String> metadata) {
        Prepared prepared =
                prepare(new ImportInput(feed, format, sourceName(source), contentType, -1, () -> body, metadata));
        Path spool = spool(body, feed);
        return new Upload(prepared.handler(), spooled(prepared.input(), spool), spool);
    }

    private Prepared prepare(ImportInput input) {
        FeedHandler handler = handler(input.feed());
        return new Prepared(handler, input.withFormat(resolveFormat(handler, input)));
    }

    private ImportProgress register(ImportInput input) {
        String id = input.feed() + "-" + ID_TIME.format(clock.instant()) + "-"
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt(1 << 24), 6);
        ImportProgress progress = new ImportProgress(id, input.feed(), input.format(), input.source(), clock);
        jobs.add(progress);
        return progress;
    }

    private ImportReport execute(FeedHandler handler, ImportInput input, ImportProgress progress) {
        log.info(
                "Import {} started: feed {}, format {}, source {}",
                progress.id(),
                input.feed(),
                input.format(),
                input.source());
        try {
            progress.target(writer.target());
            ImportWriter.Session session = writer.open(progress);
            UnreadableImportException unreadable = null;
            try {
                handler.read(input, new Sink(progress, session));
            } catch (UnreadableImportException e) {
                unreadable = e;
            }
            // Rows accepted before an unreadable part are written, as the report will count them.
            session.flush();
            if (unreadable != null) {
                throw unreadable;
            }
            ImportReport report = finished(progress.complete());
            notifyListeners(report);
            return report;
        } catch (UnreadableImportException e) {
            ImportReport report = finished(progress.fail("unreadable file: " + e.getMessage()));
            throw new UnreadableImportException(e, report);
        } catch (ImportTargetException e) {
            ImportReport report = finished(progress.fail(e.getMessage()));
            throw new ImportTargetException(e, report);
        } catch (ImportException e) {
            // A handler may refuse the content itself (a format it recognises but cannot read).
            finished(progress.fail(e.getMessage()));
            throw e;
        } catch (RuntimeException | Error e) {
            log.error("Import {} stopped by an unexpected error", progress.id(), e);
            finished(progress.fail("unexpected error: " + e));
            throw e;
        }
    }

    private void notifyListeners(ImportReport report) {
        for (ImportListener listener : listeners) {
            try {
                listener.imported(report);
            } catch (RuntimeException e) {
                log.error("Import listener {} failed after import {}", listener, report.id(), e);
            }
        }
    }

    private ImportReport finished(ImportReport report) {
        persist(report);
        String summary = String.format(
                "Import %s %s: %d rows read, %d created, %d updated, %d unchanged, %d rejected%s",
                report.id(),
                report.status().json(),
                report.rowsRead(),
                report.created(),
                report.updated(),
                report.unchanged(),
                report.rejected().size(),
                report.error() == null ? "" : " (" + report.error() + ")");
        if (report.status() == ImportStatus.FAILED) {
            log.warn(summary);
        } else {
            log.info(summary);
        }
        return report;
    }

    private void persist(ImportReport report) {
        try {
            store.save(report);
        } catch (IOException | UncheckedIOException e) {
            log.error("Cannot keep the report of import {} under {}", report.id(), store.dir(), e);
        }
    }

    private static ImportInput spooled(ImportInput input, Path spool) {
        long size;
        try {
            size = Files.size(spool);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the spooled upload " + spool, e);
        }
        return new ImportInput(
                input.feed(),
                input.format(),
                input.source(),
                input.contentType(),
                size,
                () -> Files.newInputStream(spool),
                input.metadata());
    }

    private static Path spool(InputStream body, String feed) {
        Path spool = null;
        try {
            spool = Files.createTempFile("vigie-import-" + feed + "-", ".upload");
            Files.copy(body, spool, StandardCopyOption.REPLACE_EXISTING);
            return spool;
        } catch (IOException e) {
            deleteQuietly(spool);
            throw new UnreadableImportException("cannot receive the upload: " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Cannot delete the spooled upload {}: {}", file, e.toString());
        }
    }

    private static String sourceName(String source) {
        if (source == null || source.isBlank()) {
            return "upload";
        }
        // Keep the file name only: a client-side path says nothing useful and must not reach file names here.
        String name = source.strip();
        return name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    }

    private static Map<String, FeedHandler> index(List<FeedHandler> handlers) {
        Map<String, FeedHandler> index = new LinkedHashMap<>();
        handlers.stream().sorted((a, b) -> a.feed().compareTo(b.feed())).forEach(handler -> {
            String feed = handler.feed();
            if (feed == null || !FEED_NAME.matcher(feed).matches()) {
                throw new IllegalStateException("Feed name '" + feed + "' of "
                        + handler.getClass().getName() + " must use lower-case letters, digits and dashes");
            }
            if (!handler.formats().contains(handler.defaultFormat())) {
                throw new IllegalStateException(
                        "Default format of feed " + feed + " is not one of its formats " + handler.formats());
            }
            FeedHandler previous = index.put(feed, handler);
            if (previous != null) {
                throw new IllegalStateException("Feed " + feed + " is registered twice: "
                        + previous.getClass().getName() + " and "
                        + handler.getClass().getName());
            }
        });
        return index;
    }

    private static ExecutorService workers(int threads) {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(threads, threads, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), task -> {
            Thread thread = new Thread(task, "vigie-import-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Routes a handler's calls: accepted rows to the writer, rejections and warnings to the progress. */
    private record Sink(ImportProgress progress, ImportWriter.Session session) implements ImportSink {

        @Override
        public void accept(RowRef row, List<? extends IBaseResource> resources) {
            session.write(row, resources);
        }

        @Override
        public void reject(RowRef row, String reason) {
            progress.reject(row, reason);
        }

        @Override
        public void warn(RowRef row, String message) {
            progress.warn(row, message);
        }
    }
}
