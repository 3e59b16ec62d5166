package fr.vigie.server.forecast;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import fr.vigie.server.forecast.features.Measurement;
import fr.vigie.server.forecast.features.StationSeries;
import fr.vigie.terminology.TerminologyCatalog;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import net.sf.geographiclib.Geodesic;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads a hospital's history from the database: its position, the environmental series of the stations within the
 * configured radius (and of areas without a position), and its daily admissions for a condition.
 *
 * <p>Daily admissions come from two sources: {@code MeasureReport}s of the {@code admissions} feed (measure {@value
 * #MEASURE}, subject the hospital, one day, group code the condition or a CIM-10 code) and stored {@code Encounter}s
 * at the hospital ({@code Encounter.location}) whose {@code reasonCode} is a CIM-10 code of the condition's group
 * ({@link ForecastCondition#covers}), counted on the local day their period starts. On a day with a report, the report
 * is used (a report for the condition itself wins over the sum of reports of its CIM-10 codes); otherwise, between the
 * first and the last such Encounter, the Encounter count (0 on days without one); otherwise the day is unknown.
 *
 * <p>What is read is kept for {@code vigie.forecast.cache-ttl} (nodes sharing the database see each other's writes
 * after at most that long).
 */
@Component
public class HospitalHistory {

    /** Canonical URL of the daily-admissions measure the admissions feed reports against. */
    public static final String MEASURE = TerminologyCatalog.CANONICAL_BASE + "/Measure/daily-admissions";

    /** Identifier system of environmental stations and areas (as the environment feed writes them). */
    public static final String STATION_SYSTEM = TerminologyCatalog.CANONICAL_BASE + "/sid/environment-station";

    private static final int PAGE = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(HospitalHistory.class);

    /** Upper bound of rows read by one history search (about 50 years of 50 daily series). */
    private static final int MAX_ROWS = 1_000_000;

    /** What is known of a hospital for one condition. */
    public record Data(
            String locationId,
            String name,
            double latitude,
            double longitude,
            List<StationSeries> series,
            Map<LocalDate, Double> counts,
            long readAtMillis) {

        /** First day with a count, or null. */
        public LocalDate firstCountDay() {
            return counts.isEmpty() ? null : new TreeMap<>(counts).firstKey();
        }

        /** Last day with a count, or null. */
        public LocalDate lastCountDay() {
            return counts.isEmpty() ? null : new TreeMap<>(counts).lastKey();
        }
    }

    private final DaoRegistry daoRegistry;
    private final ForecastProperties properties;
    private final Map<String, Data> cache = new ConcurrentHashMap<>();

    public HospitalHistory(
            DaoRegistry daoRegistry, ForecastProperties properties, IInterceptorService interceptorService) {
        this.daoRegistry = daoRegistry;
        this.properties = properties;
        // this node's own writes of history invalidate the cache at once; other nodes' after the TTL
        interceptorService.registerInterceptor(new StorageHooks());
    }

    /** Clears the cache when a resource that feeds a history is written on this node. */
    public final class StorageHooks {

        @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
        public void created(IBaseResource resource) {
            changed(resource);
        }

        @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
        public void updated(IBaseResource oldResource, IBaseResource newResource) {
            changed(newResource);
        }

        @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
        public void deleted(IBaseResource resource) {
            changed(resource);
        }

        private void changed(IBaseResource resource) {
            if (resource instanceof Observation
                    || resource instanceof MeasureReport
                    || resource instanceof Encounter
                    || resource instanceof Location) {
                invalidate();
            }
        }
    }

    /** The hospital's data, from the cache when fresh. */
    public Data read(String locationId, ForecastCondition condition) {
        String key = locationId + "|" + condition.code();
        Data cached = cache.get(key);
        if (cached != null
                && System.currentTimeMillis() - cached.readAtMillis()
                        < properties.cacheTtl().toMillis()) {
            return cached;
        }
        Data data = load(locationId, condition);
        cache.put(key, data);
        return data;
    }

    /** Forgets what was read (after an import, in tests). */
    public void invalidate() {
        cache.clear();
    }

    private Data load(String locationId, ForecastCondition condition) {
        Location location;
        try {
            location = daoRegistry
                    .getResourceDao(Location.class)
                    .read(new org.hl7.fhir.r4.model.IdType("Location", locationId), new SystemRequestDetails());
        } catch (ResourceNotFoundException e) {
            throw new ResourceNotFoundException("Location/" + locationId + " does not exist");
        }
        double lat = Double.NaN;
        double lon = Double.NaN;
        if (location.hasPosition()
                && location.getPosition().hasLatitude()
                && location.getPosition().hasLongitude()) {
            lat = location.getPosition().getLatitude().doubleValue();
            lon = location.getPosition().getLongitude().doubleValue();
        }
        List<StationSeries> series = environment(lat, lon);
        Map<LocalDate, Double> counts = counts(locationId, condition);
        return new Data(locationId, location.getName(), lat, lon, series, counts, System.currentTimeMillis());
    }

    private List<StationSeries> environment(double lat, double lon) {
        SearchParameterMap stations = SearchParameterMap.newSynchronous();
        stations.add(Location.SP_IDENTIFIER, new TokenParam(STATION_SYSTEM, null));
        Map<String, Location> inRange = new HashMap<>();
        each(Location.class, stations, resource -> {
            Location station = (Location) resource;
            boolean positioned = station.hasPosition() && station.getPosition().hasLatitude();
            if (positioned) {
                if (Double.isNaN(lat)) {
                    return;
                }
                double km = Geodesic.WGS84.Inverse(
                                        lat,
                                        lon,
                                        station.getPosition().getLatitude().doubleValue(),
                                        station.getPosition().getLongitude().doubleValue())
                                .s12
                        / 1000.0;
                if (km > properties.radiusKm()) {
                    return;
                }
            }
            inRange.put(station.getIdElement().getIdPart(), station);
        });
        if (inRange.isEmpty()) {
            return List.of();
        }
        ReferenceOrListParam subjects = new ReferenceOrListParam();
        inRange.keySet().forEach(id -> subjects.addOr(new ReferenceParam("Location/" + id)));
        SearchParameterMap observations = SearchParameterMap.newSynchronous();
        observations.add(Observation.SP_SUBJECT, subjects);
        Map<String, List<Measurement>> values = new HashMap<>();
        ZoneId zone = properties.zone();
        each(Observation.class, observations, resource -> {
            Observation o = (Observation) resource;
            Coding code = o.getCode().getCoding().stream()
                    .filter(c -> TerminologyCatalog.CS_ENVIRONMENTAL_PARAMETER.equals(c.getSystem()))
                    .findFirst()
                    .orElse(null);
            if (code == null || !o.hasValueQuantity() || !o.getValueQuantity().hasValue()) {
                return;
            }
            Measurement m = measurement(o, zone);
            if (m != null) {
                String station = o.getSubject().getReferenceElement().getIdPart();
                values.computeIfAbsent(station + "\u0000" + code.getCode(), k -> new ArrayList<>())
                        .add(m);
            }
        });
        List<StationSeries> series = new ArrayList<>();
        values.forEach((key, list) -> {
            String[] parts = key.split("\u0000");
            Location station = inRange.get(parts[0]);
            boolean positioned = station != null
                    && station.hasPosition()
                    && station.getPosition().hasLatitude();
            series.add(new StationSeries(
                    parts[0],
                    positioned ? station.getPosition().getLatitude().doubleValue() : Double.NaN,
                    positioned ? station.getPosition().getLongitude().doubleValue() : Double.NaN,
                    parts[1],
                    list));
        });
        return series;
    }

    /** The local period of an Observation: a day, an hour (a date-time) or a week (a period). */
    static Measurement measurement(Observation o, ZoneId zone) {
        double value = o.getValueQuantity().getValue().doubleValue();
        if (o.hasEffectivePeriod()) {
            Period p = o.getEffectivePeriod();
            if (!p.hasStart() || !p.hasEnd()) {
                return null;
            }
            LocalDateTime start = local(p.getStartElement(), zone);
            LocalDateTime end = local(p.getEndElement(), zone);
            if (p.getEndElement().getPrecision().ordinal()
                    <= ca.uhn.fhir.model.api.TemporalPrecisionEnum.DAY.ordinal()) {
                end = end.plusDays(1); // a period of dates includes its last day
            }
            return end.isAfter(start) ? new Measurement(start, end, value) : null;
        }
        if (o.hasEffectiveDateTimeType()) {
            DateTimeType t = o.getEffectiveDateTimeType();
            LocalDateTime start = local(t, zone);
            boolean dateOnly = t.getPrecision().ordinal() <= ca.uhn.fhir.model.api.TemporalPrecisionEnum.DAY.ordinal();
            return new Measurement(start, dateOnly ? start.plusDays(1) : start.plusHours(1), value);
        }
        return null;
    }

    private static LocalDateTime local(DateTimeType t, ZoneId zone) {
        if (t.getPrecision().ordinal() <= ca.uhn.fhir.model.api.TemporalPrecisionEnum.DAY.ordinal()) {
            return LocalDate.of(t.getYear(), t.getMonth() + 1, t.getDay()).atStartOfDay();
        }
        return LocalDateTime.ofInstant(t.getValue().toInstant(), zone);
    }

    private Map<LocalDate, Double> counts(String locationId, ForecastCondition condition) {
        // reports of the admissions feed
        SearchParameterMap reports = SearchParameterMap.newSynchronous();
        reports.add(MeasureReport.SP_SUBJECT, new ReferenceParam("Location/" + locationId));
        Map<LocalDate, Double> exact = new HashMap<>();
        Map<LocalDate, Double> summed = new HashMap<>();
        each(MeasureReport.class, reports, resource -> {
            MeasureReport r = (MeasureReport) resource;
            if (!MEASURE.equals(r.getMeasure())
                    || !r.hasPeriod()
                    || !r.getPeriod().hasStart()
                    || r.getGroup().isEmpty()) {
                return;
            }
            MeasureReport.MeasureReportGroupComponent group = r.getGroupFirstRep();
            if (group.getPopulation().isEmpty()
                    || !group.getPopulationFirstRep().hasCount()) {
                return;
            }
            LocalDate day =
                    local(r.getPeriod().getStartElement(), properties.zone()).toLocalDate();
            double count = group.getPopulationFirstRep().getCount();
            for (Coding c : group.getCode().getCoding()) {
                if (TerminologyCatalog.CS_FORECAST_CONDITION.equals(c.getSystem())
                        && condition.code().equals(c.getCode())) {
                    exact.merge(day, count, Double::sum);
                } else if (TerminologyCatalog.CS_CIM10_FR.equals(c.getSystem()) && condition.covers(c.getCode())) {
                    summed.merge(day, count, Double::sum);
                }
            }
        });
        // Encounters at the hospital with a reason in the group
        SearchParameterMap encounters = SearchParameterMap.newSynchronous();
        encounters.add(Encounter.SP_LOCATION, new ReferenceParam("Location/" + locationId));
        TreeMap<LocalDate, Double> encounterCounts = new TreeMap<>();
        each(Encounter.class, encounters, resource -> {
            Encounter e = (Encounter) resource;
            if (!e.hasPeriod() || !e.getPeriod().hasStart() || !reasonIn(e.getReasonCode(), condition)) {
                return;
            }
            LocalDate day = LocalDateTime.ofInstant(e.getPeriod().getStart().toInstant(), properties.zone())
                    .toLocalDate();
            encounterCounts.merge(day, 1.0, Double::sum);
        });
        Map<LocalDate, Double> counts = new HashMap<>();
        if (!encounterCounts.isEmpty()) {
            for (LocalDate d = encounterCounts.firstKey(); !d.isAfter(encounterCounts.lastKey()); d = d.plusDays(1)) {
                counts.put(d, encounterCounts.getOrDefault(d, 0.0));
            }
        }
        counts.putAll(summed);
        counts.putAll(exact);
        return counts;
    }

    private static boolean reasonIn(List<CodeableConcept> reasons, ForecastCondition condition) {
        for (CodeableConcept reason : reasons) {
            for (Coding c : reason.getCoding()) {
                if (TerminologyCatalog.CS_CIM10_FR.equals(c.getSystem()) && condition.covers(c.getCode())) {
                    return true;
                }
            }
        }
        return false;
    }

    private void each(Class<? extends IBaseResource> type, SearchParameterMap map, Consumer<IBaseResource> action) {
        // Years of daily reports and observations: far more than one page (see JpaConfig on the fetch-size maximum).
        map.setLoadSynchronousUpTo(MAX_ROWS);
        IBundleProvider results = daoRegistry.getResourceDao(type).search(map, new SystemRequestDetails());
        // Read until an empty page (or the known size): a provider may hand back fewer resources than asked for
        // without being at the end, so a short page is not taken as the last one.
        Integer size = results.size();
        int from = 0;
        while (size == null || from < size) {
            int to = size == null ? from + PAGE : Math.min(size, from + PAGE);
            List<IBaseResource> page = results.getResources(from, to);
            if (page.isEmpty()) {
                break;
            }
            page.forEach(action);
            from += page.size();
        }
        LOG.debug("History read {} {} resource(s) (search size {})", from, type.getSimpleName(), size);
    }
}
