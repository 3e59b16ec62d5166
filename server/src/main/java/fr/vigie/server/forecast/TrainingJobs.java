package fr.vigie.server.forecast;

import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Training runs started with {@code Prefer: respond-async}: one at a time on a background thread (training uses the
 * cores fully), their progress and result kept in memory on the node that runs them for a day. The status URL is
 * answered by that node; behind a load balancer, route {@code $train-forecast-status} to it (sticky sessions) or poll
 * for the stored model ({@code DocumentReference?identifier=}) once done.
 */
@Component
public class TrainingJobs {

    /** State of one run. */
    public static final class Job {
        private final String id;
        private final String locationId;
        private final Instant started = Instant.now();
        private volatile double progress;
        private volatile String message = "queued";
        private volatile ForecastService.TrainingResult result;
        private volatile RuntimeException failure;

        Job(String id, String locationId) {
            this.id = id;
            this.locationId = locationId;
        }

        public String id() {
            return id;
        }

        public String locationId() {
            return locationId;
        }

        public Instant started() {
            return started;
        }

        public double progress() {
            return progress;
        }

        public String message() {
            return message;
        }

        public ForecastService.TrainingResult result() {
            return result;
        }

        public RuntimeException failure() {
            return failure;
        }

        public boolean done() {
            return result != null || failure != null;
        }
    }

    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "forecast-training");
        t.setDaemon(true);
        return t;
    });

    /** Starts a run; {@code work} receives the job to report progress to. */
    public Job start(String locationId, Function<Job, ForecastService.TrainingResult> work) {
        purge();
        Job job = new Job(UUID.randomUUID().toString(), locationId);
        jobs.put(job.id, job);
        executor.submit(() -> {
            try {
                job.result = work.apply(job);
                job.progress = 1.0;
                job.message = "done";
            } catch (RuntimeException e) {
                job.failure = e;
                job.message = "failed";
            }
        });
        return job;
    }

    /** Records progress. */
    public static void report(Job job, double fraction, String message) {
        job.progress = Math.max(job.progress, Math.min(1.0, fraction));
        job.message = message;
    }

    public Optional<Job> get(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    private void purge() {
        Instant dayAgo = Instant.now().minusSeconds(86_400);
        jobs.values().removeIf(j -> j.done() && j.started.isBefore(dayAgo));
    }

    @PreDestroy
    public void stop() {
        executor.shutdownNow();
    }
}
