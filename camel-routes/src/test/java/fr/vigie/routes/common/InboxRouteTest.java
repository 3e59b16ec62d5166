package fr.vigie.routes.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@CamelSpringBootTest
@SpringBootTest(
        classes = InboxRouteTest.TestApplication.class,
        properties = {"vigie.import.inbox.delay=50ms", "vigie.import.inbox.read-lock-interval=20ms"})
@DirtiesContext
class InboxRouteTest {

    @TempDir
    static Path data;

    @Autowired
    CamelContext camelContext;

    @Autowired
    ImportService importService;

    @DynamicPropertySource
    static void folders(DynamicPropertyRegistry registry) {
        registry.add("vigie.import.inbox.root", () -> data.resolve("inbox").toString());
        registry.add("vigie.import.reports-dir", () -> data.resolve("reports").toString());
    }

    /** Matches once the inbox route of the lines feed has finished {@code files} files. */
    private NotifyBuilder linesDone(int files) {
        return new NotifyBuilder(camelContext)
                .fromRoute(InboxRoute.routeId(LinesFeedHandler.FEED))
                .whenDone(files)
                .create();
    }

    @Test
    void movesImportedFilesToProcessedAndUnreadableOnesToFailed() throws IOException {
        Path folder = data.resolve("inbox").resolve(LinesFeedHandler.FEED);
        NotifyBuilder threeFiles = linesDone(3);

        drop(folder, "good.txt", "a\nb\nREJECT\n");
        drop(folder, "bad.txt", "UNREADABLE\n");
        drop(folder, "scan.pdf", "%PDF-1.7\n");

        assertThat(threeFiles.matches(30, TimeUnit.SECONDS)).isTrue();
        // Camel moves a file after the exchange is reported done: wait for the moves themselves.
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(folder.resolve("processed/good.txt.report.json")).exists();
            assertThat(folder.resolve("failed/bad.txt.error.txt")).exists();
            assertThat(folder.resolve("failed/scan.pdf.error.txt")).exists();
            try (var left = Files.list(folder)) {
                assertThat(left.filter(Files::isRegularFile)).isEmpty();
            }
        });
        assertThat(folder.resolve("processed/good.txt")).exists();
        ImportReport report =
                ImportReportStore.fromJson(Files.readString(folder.resolve("processed/good.txt.report.json")));
        assertThat(report.status()).isEqualTo(ImportStatus.COMPLETED_WITH_REJECTIONS);
        assertThat(report.source()).isEqualTo("good.txt");
        assertThat(report.created()).isEqualTo(2);
        assertThat(report.rejected()).hasSize(1);
        assertThat(data.resolve("reports").resolve(report.id() + ".json")).exists();

        assertThat(folder.resolve("failed/bad.txt")).exists();
        assertThat(Files.readString(folder.resolve("failed/bad.txt.error.txt")))
                .contains("line 1 is not a line of this feed")
                .contains("report: lines-");
        assertThat(folder.resolve("failed/scan.pdf")).exists();
        assertThat(Files.readString(folder.resolve("failed/scan.pdf.error.txt")))
                .contains(".pdf");
        try (var left = Files.list(folder)) {
            assertThat(left.filter(Files::isRegularFile)).isEmpty();
        }
        assertThat(importService.jobs()).extracting(ImportReport::source).contains("good.txt", "bad.txt");
    }

    @Test
    void sameFileDroppedAgainIsProcessedAgainAndLeavesEverythingUnchanged() throws IOException {
        Path folder = data.resolve("inbox").resolve(LinesFeedHandler.FEED);
        NotifyBuilder first = linesDone(1);
        drop(folder, "again.txt", "x\ny\n");
        assertThat(first.matches(30, TimeUnit.SECONDS)).isTrue();
        NotifyBuilder second = linesDone(1);

        drop(folder, "again.txt", "x\ny\n");

        assertThat(second.matches(30, TimeUnit.SECONDS)).isTrue();
        Path reportFile = folder.resolve("processed/again.txt.report.json");
        // The second report replaces the first one after the exchange is done: wait for it.
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> Files.exists(reportFile)
                        && ImportReportStore.fromJson(Files.readString(reportFile))
                                        .unchanged()
                                == 2);
        ImportReport report = ImportReportStore.fromJson(Files.readString(reportFile));
        assertThat(report.created()).isZero();
        assertThat(report.updated()).isZero();
        assertThat(report.unchanged()).isEqualTo(2);
        assertThat(folder.resolve("again.txt")).doesNotExist();
    }

    @Test
    void readsDocumentSidecarsAndMovesThemWithTheirFile() throws IOException {
        Path folder = data.resolve("inbox").resolve("documents");
        NotifyBuilder two = new NotifyBuilder(camelContext)
                .fromRoute(InboxRoute.routeId("documents"))
                .whenDone(2)
                .create();
        // The sidecar first, then the document (as the README asks); an orphan document has no sidecar.
        drop(
                folder,
                "note.txt.json",
                "{\"patient\": \"urn:oid:1.2.250.1.213.1.4.8|1\", \"type\": \"34111-5\","
                        + " \"date\": \"2026-11-27\", \"author\": \"Dr Martin\"}");
        drop(folder, "note.txt", "Pas de fièvre. TA 120/80 mmHg.");
        drop(folder, "orphan.txt", "Pas de fièvre.");

        assertThat(two.matches(60, TimeUnit.SECONDS)).isTrue();
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(folder.resolve("processed/note.txt.report.json")).exists();
            assertThat(folder.resolve("processed/note.txt.json")).exists();
            assertThat(folder.resolve("failed/orphan.txt.error.txt")).exists();
        });
        assertThat(Files.readString(folder.resolve("failed/orphan.txt.error.txt")))
                .contains("missing metadata: patient");
        assertThat(ImportReportStore.fromJson(Files.readString(folder.resolve("processed/note.txt.report.json")))
                        .rowsRead())
                .isEqualTo(1);
        try (var left = Files.list(folder)) {
            assertThat(left.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void refusesSidecarsThatAreNotFlatJsonObjects() throws IOException {
        Path sidecar = Files.writeString(data.resolve("bad.pdf.json"), "{\"patient\": {\"system\": \"x\"}}");
        Path broken = Files.writeString(data.resolve("broken.pdf.json"), "{\"patient\": ");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> InboxRoute.readSidecar(sidecar))
                .isInstanceOf(UnreadableImportException.class)
                .hasMessageContaining("field 'patient' must be a string");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> InboxRoute.readSidecar(broken))
                .isInstanceOf(UnreadableImportException.class)
                .hasMessageContaining("is not valid JSON");
        assertThat(InboxRoute.sidecar(data.resolve("bad.pdf"))).contains(sidecar);
    }

    @Test
    void createsOneRoutePerFeed() {
        assertThat(camelContext.getRoute(InboxRoute.routeId(LinesFeedHandler.FEED)))
                .isNotNull();
        assertThat(camelContext.getRoute(InboxRoute.routeId("resources"))).isNotNull();
    }

    /** Writes under a hidden name first, as a careful producer would, so the file appears whole. */
    private static void drop(Path folder, String name, String content) throws IOException {
        Files.createDirectories(folder);
        Path hidden = Files.writeString(folder.resolve("." + name + ".part"), content);
        Files.move(hidden, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class TestApplication {

        @Bean
        FeedHandler linesFeedHandler() {
            return new LinesFeedHandler();
        }

        @Bean
        ImportWriter recordingWriter() {
            return new RecordingWriter();
        }
    }
}
