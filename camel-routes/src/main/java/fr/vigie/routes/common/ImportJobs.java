package fr.vigie.routes.common;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The imports kept in memory for status requests, at most {@code maxJobs}: beyond that the oldest finished job is
 * forgotten (its report stays on disk). Running jobs are never evicted, so the bound can be exceeded while many run.
 */
final class ImportJobs {

    private final int maxJobs;
    private final Map<String, ImportProgress> jobs = new LinkedHashMap<>();

    ImportJobs(int maxJobs) {
        if (maxJobs < 1) {
            throw new IllegalArgumentException("maxJobs must be at least 1, got " + maxJobs);
        }
        this.maxJobs = maxJobs;
    }

    synchronized void add(ImportProgress progress) {
        jobs.put(progress.id(), progress);
        Iterator<ImportProgress> oldestFirst = jobs.values().iterator();
        while (jobs.size() > maxJobs && oldestFirst.hasNext()) {
            if (oldestFirst.next().isFinished()) {
                oldestFirst.remove();
            }
        }
    }

    synchronized Optional<ImportProgress> get(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    /** Newest first. */
    synchronized List<ImportProgress> all() {
        List<ImportProgress> all = new ArrayList<>(jobs.values());
        Collections.reverse(all);
        return all;
    }
}
