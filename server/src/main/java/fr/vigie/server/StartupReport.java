package fr.vigie.server;

import java.time.Duration;
import java.util.Comparator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;

/** Logs the slowest bean instantiations of a start, for tuning start time ({@code -Dvigie.startup-report=true}). */
final class StartupReport {

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    private StartupReport() {}

    static void log(BufferingApplicationStartup startup) {
        startup.getBufferedTimeline().getEvents().stream()
                .filter(event -> event.getStartupStep().getName().equals("spring.beans.instantiate"))
                .sorted(Comparator.comparing(StartupTimeline.TimelineEvent::getDuration)
                        .reversed())
                .limit(25)
                .forEach(event -> log.info(
                        "{} ms  {}",
                        event.getDuration().toMillis(),
                        event.getStartupStep().getTags().iterator().next().getValue()));
        Duration total = startup.getBufferedTimeline().getEvents().stream()
                .map(StartupTimeline.TimelineEvent::getDuration)
                .max(Comparator.naturalOrder())
                .orElse(Duration.ZERO);
        log.info("Longest single step: {} ms", total.toMillis());
    }
}
