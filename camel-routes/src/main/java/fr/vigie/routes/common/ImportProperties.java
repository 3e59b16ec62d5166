package fr.vigie.routes.common;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the import framework ({@code vigie.import.*}).
 *
 * @param inbox folders watched for files, one sub-folder per feed
 * @param reportsDir where final reports are kept as {@code <id>.json} (default {@code ./data/import-reports})
 * @param fhirBaseUrl FHIR server to write to; empty means this server (resolved once it has started)
 * @param batchSize entries per transaction Bundle, 1–5000 (default 200)
 * @param fhirTimeout socket timeout of one transaction (default 5 minutes)
 * @param maxJobs import jobs kept in memory for status requests, oldest finished first out (default 100); older
 *     reports are still read from {@code reportsDir}
 * @param workerThreads imports run concurrently by {@code submit} (default 2); more wait in a queue
 */
@Validated
@ConfigurationProperties("vigie.import")
public record ImportProperties(
        @Valid @NotNull @DefaultValue Inbox inbox,
        @NotNull @DefaultValue("./data/import-reports") Path reportsDir,
        @DefaultValue("") String fhirBaseUrl,
        @Min(1) @Max(5000) @DefaultValue("200") int batchSize,
        @NotNull @DefaultValue("5m") Duration fhirTimeout,
        @Min(1) @DefaultValue("100") int maxJobs,
        @Min(1) @Max(64) @DefaultValue("2") int workerThreads) {

    /**
     * The inbox: files dropped in {@code <root>/<feed>/} are imported, then moved to {@code processed/} or
     * {@code failed/} in that folder.
     *
     * @param enabled whether the inbox routes exist at all (default true)
     * @param root root folder (default {@code ./data/inbox})
     * @param delay pause between two scans of a feed folder (default 2 s)
     * @param readLockInterval a file is picked up once its size and date stay the same for this long, so a copy in
     *     progress is not read half-way (default 1 s)
     */
    public record Inbox(
            @DefaultValue("true") boolean enabled,
            @NotNull @DefaultValue("./data/inbox") Path root,
            @NotNull @DefaultValue("2s") Duration delay,
            @NotNull @DefaultValue("1s") Duration readLockInterval) {}
}
