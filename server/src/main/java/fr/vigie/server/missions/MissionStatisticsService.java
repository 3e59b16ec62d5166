package fr.vigie.server.missions;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.SortOrderEnum;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.api.SummaryEnum;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import fr.vigie.mappings.common.ConditionalUrls;
import fr.vigie.mappings.registry.Measures;
import fr.vigie.mappings.registry.MissionStatistics;
import fr.vigie.mappings.registry.Missions;
import fr.vigie.routes.common.ImportListener;
import fr.vigie.routes.common.ImportReport;
import fr.vigie.routes.common.ImportStatus;
import fr.vigie.routes.registry.RegistryFeedHandler;
import fr.vigie.terminology.TerminologyCatalog;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.MeasureReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Aggregates mission Encounters (identifier system {@link Missions#MISSION_SYSTEM}) into MeasureReports of the
 * registry shape ({@link MissionStatistics}): per year {@code smur-missions} (mission type, day/night),
 * {@code smur-population}, {@code smur-pathologies}, {@code smur-flight-time}, per month
 * {@code smur-missions-monthly}; one group per aircraft as written. They are tagged {@code report-source|
 * mission-aggregate} (a registry's own tables are {@code registry-table}) and identified by
 * {@code missions/<measure>/<period>}, so a refresh updates the same report and never touches a table's one.
 *
 * <p>When: after each {@code registry} import that wrote something (completed, with or without rejections). Which
 * years: those holding a mission written since the import started, plus those whose stored aggregate no longer
 * matches their number of missions (a mission whose corrected date moved it to another year). Each such year is
 * recomputed from all its missions; reports are written with conditional updates, so an unchanged figure makes no
 * new version, and a report whose period lost all its missions is deleted. Runs synchronously, so the caller of the
 * import reads fresh statistics when it gets its report. Writes go through the DAO (not the REST API): they are
 * Vigie's own computation, not client input.
 */
@Service
public class MissionStatisticsService implements ImportListener {

    private static final Logger log = LoggerFactory.getLogger(MissionStatisticsService.class);
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final int PAGE = 500;

    private final DaoRegistry daoRegistry;

    public MissionStatisticsService(DaoRegistry daoRegistry) {
        this.daoRegistry = daoRegistry;
    }

    @Override
    public void imported(ImportReport report) {
        boolean wrote = report.created() + report.updated() > 0;
        boolean completed =
                report.status() == ImportStatus.COMPLETED || report.status() == ImportStatus.COMPLETED_WITH_REJECTIONS;
        if (!RegistryFeedHandler.FEED.equals(report.feed()) || !completed || !wrote) {
            return;
        }
        Set<Integer> years = new TreeSet<>(yearsChangedSince(report.startedAt()));
        years.addAll(yearsOutOfDate());
        if (!years.isEmpty()) {
            refresh(years);
        }
    }

    /** Recomputes the reports of these years; returns how many reports were written. */
    public int refresh(Set<Integer> years) {
        int written = 0;
        IFhirResourceDao<MeasureReport> reports = daoRegistry.getResourceDao(MeasureReport.class);
        for (int year : new TreeSet<>(years)) {
            long started = System.nanoTime();
            MissionStatistics statistics = new MissionStatistics();
            IBundleProvider missions = encounters().search(missionsOf(year, null), new SystemRequestDetails());
            int from = 0;
            while (true) {
                List<IBaseResource> page = missions.getResources(from, from + PAGE);
                if (page.isEmpty()) {
                    break;
                }
                for (IBaseResource resource : page) {
                    // the date search also finds a mission that started on 31 December and ended on 1 January
                    Encounter encounter = (Encounter) resource;
                    LocalDate day = MissionStatistics.day(encounter);
                    if (day != null && day.getYear() == year) {
                        statistics.add(encounter);
                    }
                }
                from += page.size();
            }
            Set<String> kept = new HashSet<>();
            for (MeasureReport report : statistics.reports()) {
                String id = report.getIdentifierFirstRep().getValue();
                kept.add(id);
                reports.update(report, url(id), new SystemRequestDetails());
                written++;
            }
            for (String id : MissionStatistics.identifiersOfYear(year)) {
                if (!kept.contains(id)) {
                    reports.deleteByUrl(url(id), new SystemRequestDetails());
                }
            }
            log.info(
                    "Mission statistics {}: {} missions, {} reports, {} ms",
                    year,
                    statistics.counted(),
                    kept.size(),
                    (System.nanoTime() - started) / 1_000_000);
        }
        return written;
    }

    /** Years that currently hold missions (for a full rebuild). */
    public Set<Integer> allYears() {
        return yearsChangedSince(Instant.EPOCH);
    }

    private static String url(String identifier) {
        return ConditionalUrls.byIdentifier("MeasureReport", Measures.REPORT_IDENTIFIER_SYSTEM, identifier);
    }

    /** Years holding a mission Encounter last updated at or after {@code since}: two sorted probes, a count a year. */
    Set<Integer> yearsChangedSince(Instant since) {
        Integer first = boundaryYear(SortOrderEnum.ASC, since);
        Integer last = boundaryYear(SortOrderEnum.DESC, since);
        Set<Integer> years = new TreeSet<>();
        if (first == null || last == null) {
            return years;
        }
        for (int year = first; year <= last; year++) {
            Integer count = count(missionsOf(year, since));
            if (count == null || count > 0) {
                years.add(year);
            }
        }
        return years;
    }

    /**
     * Years whose yearly aggregate counts another number of missions than the year now holds: a mission moved out of
     * the year (a corrected date) leaves no trace in the year it left, so the count is the only way to notice.
     */
    Set<Integer> yearsOutOfDate() {
        SearchParameterMap map = SearchParameterMap.newSynchronous();
        map.add("_tag", new TokenParam(TerminologyCatalog.CS_REPORT_SOURCE, Measures.SOURCE_MISSION_AGGREGATE));
        map.add("measure", new ReferenceParam(Measures.url(Measures.MISSIONS)));
        Map<Integer, Long> stored = new HashMap<>();
        for (IBaseResource resource : daoRegistry
                .getResourceDao(MeasureReport.class)
                .search(map, new SystemRequestDetails())
                .getAllResources()) {
            MeasureReport report = (MeasureReport) resource;
            long total = report.getGroup().stream()
                    .mapToLong(g -> g.getMeasureScore().getValue().longValue())
                    .sum();
            stored.put(report.getPeriod().getStartElement().getYear(), total);
        }
        Set<Integer> years = new TreeSet<>();
        stored.forEach((year, total) -> {
            Integer count = count(missionsOf(year, null));
            if (count == null || count.longValue() != total) {
                years.add(year);
            }
        });
        return years;
    }

    private Integer count(SearchParameterMap map) {
        map.setSummaryMode(SummaryEnum.COUNT);
        map.setLoadSynchronous(true);
        return encounters().search(map, new SystemRequestDetails()).size();
    }

    private Integer boundaryYear(SortOrderEnum order, Instant since) {
        SearchParameterMap map = missionsOf(null, since);
        map.setSort(new SortSpec("date", order));
        map.setCount(1);
        map.setLoadSynchronousUpTo(1);
        List<IBaseResource> found =
                encounters().search(map, new SystemRequestDetails()).getResources(0, 1);
        if (found.isEmpty()) {
            return null;
        }
        LocalDate day = MissionStatistics.day((Encounter) found.get(0));
        return day == null ? null : day.getYear();
    }

    private SearchParameterMap missionsOf(Integer year, Instant since) {
        SearchParameterMap map = new SearchParameterMap();
        map.add("identifier", new TokenParam(Missions.MISSION_SYSTEM, null));
        if (year != null) {
            // the Encounter's date is its period: missions starting in the year (Paris days)
            Date start = Date.from(LocalDate.of(year, 1, 1).atStartOfDay(PARIS).toInstant());
            Date end =
                    Date.from(LocalDate.of(year + 1, 1, 1).atStartOfDay(PARIS).toInstant());
            map.add(
                    "date",
                    new DateRangeParam(
                            new DateParam(ParamPrefixEnum.GREATERTHAN_OR_EQUALS, start),
                            new DateParam(ParamPrefixEnum.LESSTHAN, end)));
        }
        if (since != null) {
            map.setLastUpdated(
                    new DateRangeParam(new DateParam(ParamPrefixEnum.GREATERTHAN_OR_EQUALS, Date.from(since)), null));
        }
        return map;
    }

    private IFhirResourceDao<Encounter> encounters() {
        return daoRegistry.getResourceDao(Encounter.class);
    }
}
