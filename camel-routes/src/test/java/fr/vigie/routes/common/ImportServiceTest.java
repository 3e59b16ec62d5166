package fr.vigie.routes.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportServiceTest {

    @TempDir
    Path reports;

    private final RecordingWriter writer = new RecordingWriter();
    private final List<Runnable> queued = new ArrayList<>();
    private final Executor manualExecutor = queued::add;

    @Test
    void runsUploadAndKeepsItsReport() {
        ImportService service = service(2);

        ImportReport report = service.run(
                LinesFeedHandler.FEED, null, "C:\\exports\\rows.txt", null, body("a\nb\nREJECT\n\nWARN c\n"));

        assertThat(report.status()).isEqualTo(ImportStatus.COMPLETED_WITH_REJECTIONS);
        assertThat(report.source()).isEqualTo("rows.txt");
        assertThat(report.format()).isEqualTo("txt");
        assertThat(report.target()).isEqualTo("https://fhir.example.org/fhir");
        assertThat(report.created()).isEqualTo(3);
        assertThat(report.rowsRead()).isEqualTo(4);
        assertThat(report.rejected())
                .containsExactly(new ImportReport.Rejection(RowRef.line(3), "rejected on purpose"));
        assertThat(report.warnings()).containsExactly(new ImportReport.Warning(RowRef.line(5), "warned on purpose"));
        assertThat(report.finishedAt()).isNotNull();
        assertThat(reports.resolve(report.id() + ".json")).exists();
        assertThat(service.job(report.id())).contains(report);
    }

    @Test
    void importingTheSameFileTwiceLeavesEverythingUnchanged() {
        ImportService service = service(10);

        service.run(LinesFeedHandler.FEED, "txt", "rows.txt", null, body("a\nb\nc\n"));
        ImportReport second = service.run(LinesFeedHandler.FEED, "txt", "rows.txt", null, body("a\nb\nc\n"));

        assertThat(second.created()).isZero();
        assertThat(second.updated()).isZero();
        assertThat(second.unchanged()).isEqualTo(3);
        assertThat(second.status()).isEqualTo(ImportStatus.COMPLETED);
    }

    @Test
    void refusesUnknownFeed() {
        assertThatThrownBy(() -> service(2).run("nope", null, "x.txt", null, body("a")))
                .isInstanceOf(UnknownFeedException.class)
                .hasMessageContaining("nope")
                .hasMessageContaining("lines");
    }

    @Test
    void resolvesFormatFromParameterContentTypeFileNameThenDefault() {
        LinesFeedHandler handler = new LinesFeedHandler();

        assertThat(format(handler, "CSV", "application/pdf", "x.pdf")).isEqualTo("csv");
        assertThat(format(handler, null, "text/csv; charset=UTF-8", "x.txt")).isEqualTo("csv");
        assertThat(format(handler, null, "application/vnd.ms-excel", "x.csv")).isEqualTo("csv");
        assertThat(format(handler, null, "application/octet-stream", "x.txt")).isEqualTo("txt");
        assertThat(format(handler, null, "application/x-www-form-urlencoded", "upload"))
                .isEqualTo("txt");
        assertThat(format(handler, null, null, "upload")).isEqualTo("txt");
    }

    @Test
    void refusesFormatsTheFeedCannotRead() {
        LinesFeedHandler handler = new LinesFeedHandler();

        assertThatThrownBy(() -> format(handler, "xlsx", null, "x.txt"))
                .isInstanceOf(UnsupportedImportFormatException.class)
                .hasMessageContaining("csv, txt");
        assertThatThrownBy(() -> format(handler, null, null, "scan.pdf"))
                .isInstanceOf(UnsupportedImportFormatException.class)
                .hasMessageContaining(".pdf");
        assertThatThrownBy(() -> format(handler, null, "application/pdf", "upload"))
                .isInstanceOf(UnsupportedImportFormatException.class)
                .hasMessageContaining("application/pdf");
    }

    @Test
    void unreadableFileFailsWithItsReportAndKeepsRowsAlreadyRead() {
        ImportService service = service(2);

        assertThatThrownBy(() -> service.run(LinesFeedHandler.FEED, null, "bad.txt", null, body("a\nUNREADABLE\nb")))
                .isInstanceOfSatisfying(UnreadableImportException.class, e -> {
                    ImportReport report = e.report().orElseThrow();
                    assertThat(report.status()).isEqualTo(ImportStatus.FAILED);
                    assertThat(report.error()).isEqualTo("unreadable file: line 2 is not a line of this feed");
                    assertThat(report.created()).isEqualTo(1);
                    assertThat(reports.resolve(report.id() + ".json")).exists();
                });
        assertThat(writer.stored()).isEqualTo(1);
    }

    @Test
    void submittedJobShowsRunningThenFinalReport() {
        ImportService service = service(2);

        String id = service.submit(LinesFeedHandler.FEED, null, "rows.txt", "text/plain", body("a\nb\n"));

        assertThat(service.job(id)).hasValueSatisfying(report -> {
            assertThat(report.status()).isEqualTo(ImportStatus.RUNNING);
            assertThat(report.finishedAt()).isNull();
            assertThat(report.rowsRead()).isZero();
        });
        assertThat(queued).hasSize(1);
        queued.get(0).run();
        assertThat(service.job(id)).hasValueSatisfying(report -> {
            assertThat(report.status()).isEqualTo(ImportStatus.COMPLETED);
            assertThat(report.created()).isEqualTo(2);
        });
    }

    @Test
    void submitChecksFeedAndFormatAtOnce() {
        ImportService service = service(2);

        assertThatThrownBy(() -> service.submit("nope", null, "x.txt", null, body("a")))
                .isInstanceOf(UnknownFeedException.class);
        assertThatThrownBy(() -> service.submit(LinesFeedHandler.FEED, "pdf", "x.txt", null, body("a")))
                .isInstanceOf(UnsupportedImportFormatException.class);
        assertThat(queued).isEmpty();
    }

    @Test
    void unreadableSubmittedJobEndsFailed() {
        ImportService service = service(2);
        String id = service.submit(LinesFeedHandler.FEED, null, "bad.txt", null, body("UNREADABLE"));

        queued.get(0).run();

        assertThat(service.job(id))
                .hasValueSatisfying(report -> assertThat(report.status()).isEqualTo(ImportStatus.FAILED));
    }

    @Test
    void keepsBoundedJobsInMemoryAndFinalReportsOnDisk() {
        ImportService service = service(2);
        String first = service.run(LinesFeedHandler.FEED, null, "1.txt", null, body("a"))
                .id();
        service.run(LinesFeedHandler.FEED, null, "2.txt", null, body("b"));
        service.run(LinesFeedHandler.FEED, null, "3.txt", null, body("c"));

        assertThat(service.jobs()).extracting(ImportReport::source).containsExactly("3.txt", "2.txt");
        assertThat(service.job(first))
                .hasValueSatisfying(report -> assertThat(report.source()).isEqualTo("1.txt"));
        ImportService restarted = service(2);
        assertThat(restarted.job(first)).isPresent();
        assertThat(restarted.job("../../etc/passwd")).isEmpty();
    }

    @Test
    void closingReportsUnfinishedJobsAsFailed() {
        ImportService service = service(2);
        String id = service.submit(LinesFeedHandler.FEED, null, "rows.txt", null, body("a"));

        service.close();

        assertThat(service.job(id)).hasValueSatisfying(report -> {
            assertThat(report.status()).isEqualTo(ImportStatus.FAILED);
            assertThat(report.error()).contains("interrupted");
        });
        assertThat(reports.resolve(id + ".json")).exists();
    }

    @Test
    void listsFeedsAndRefusesBadFeedNames() {
        assertThat(service(2).feeds()).containsExactly(new FeedInfo("lines", List.of("csv", "txt"), "txt"));
        FeedHandler badName = new LinesFeedHandler() {
            @Override
            public String feed() {
                return "Bad Name";
            }
        };
        assertThatThrownBy(() -> new ImportService(
                        List.of(badName), writer, new ImportReportStore(reports), 2, manualExecutor, Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new ImportService(
                        List.of(new LinesFeedHandler(), new LinesFeedHandler()),
                        writer,
                        new ImportReportStore(reports),
                        2,
                        manualExecutor,
                        Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("twice");
    }

    private ImportService service(int maxJobs) {
        return new ImportService(
                List.of(new LinesFeedHandler()),
                writer,
                new ImportReportStore(reports),
                maxJobs,
                manualExecutor,
                Clock.systemUTC());
    }

    private static String format(FeedHandler handler, String format, String contentType, String source) {
        return ImportService.resolveFormat(
                handler, new ImportInput(handler.feed(), format, source, contentType, 0, () -> body("")));
    }

    private static InputStream body(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
