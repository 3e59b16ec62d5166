package fr.vigie.server.forecast;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import fr.vigie.terminology.TerminologyCatalog;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

/** A hospital with a deterministic admissions history, for the ITs that train and call forecasts. */
public final class ForecastHistoryFixture {

    private ForecastHistoryFixture() {}

    /**
     * Stores {@code hospital} (placed in Toulouse), a station 5 km away with daily PM10, and daily respiratory counts
     * from {@code start} for {@code days} days (weekly cycle, PM10 effect); returns the hospital's id.
     */
    public static String store(IGenericClient client, Location hospital, LocalDate start, int days) {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        hospital.getPosition().setLatitude(43.6).setLongitude(1.44);
        String hospitalId = client.create().resource(hospital).execute().getId().getIdPart();
        Location station = new Location().setName("IT station " + suffix);
        station.addIdentifier().setSystem(HospitalHistory.STATION_SYSTEM).setValue("it-" + suffix);
        station.getPosition().setLatitude(43.645).setLongitude(1.44);
        String stationId = client.create().resource(station).execute().getId().getIdPart();
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (int i = 0; i < days; i++) {
            LocalDate day = start.plusDays(i);
            double pm = 20 + 10 * Math.sin(i / 5.0);
            int weekend = day.getDayOfWeek().getValue() >= 6 ? 1 : 0;
            int count = (int) Math.round(12 - 4 * weekend + 0.3 * (pm - 20) + (i % 3));
            MeasureReport report = dailyCount(hospitalId, day, count);
            report.addIdentifier().setSystem("urn:it").setValue(suffix + "-" + i);
            post(bundle, report);
            Observation o = new Observation();
            o.setStatus(Observation.ObservationStatus.FINAL);
            o.setCode(new CodeableConcept(new Coding(TerminologyCatalog.CS_ENVIRONMENTAL_PARAMETER, "pm10", null)));
            o.setSubject(new Reference("Location/" + stationId));
            o.setEffective(new DateTimeType(day.toString()));
            o.setValue(new Quantity()
                    .setValue(BigDecimal.valueOf(pm))
                    .setSystem("http://unitsofmeasure.org")
                    .setCode("ug/m3")
                    .setUnit("ug/m3"));
            post(bundle, o);
        }
        client.transaction().withBundle(bundle).execute();
        return hospitalId;
    }

    /** A day's respiratory admissions count at a hospital, as the admissions feed stores it. */
    public static MeasureReport dailyCount(String hospitalId, LocalDate day, int count) {
        MeasureReport report = new MeasureReport();
        report.setStatus(MeasureReport.MeasureReportStatus.COMPLETE);
        report.setType(MeasureReport.MeasureReportType.SUMMARY);
        report.setMeasure(HospitalHistory.MEASURE);
        report.setSubject(new Reference("Location/" + hospitalId));
        report.setPeriod(new Period()
                .setStartElement(new DateTimeType(day.toString()))
                .setEndElement(new DateTimeType(day.toString())));
        report.addGroup()
                .setCode(new CodeableConcept(new Coding(TerminologyCatalog.CS_FORECAST_CONDITION, "respiratory", null)))
                .addPopulation()
                .setCode(new CodeableConcept(new Coding(
                        "http://terminology.hl7.org/CodeSystem/measure-population", "initial-population", null)))
                .setCount(count);
        return report;
    }

    /** Adds a create of {@code resource} to a transaction. */
    public static void post(Bundle bundle, org.hl7.fhir.r4.model.Resource resource) {
        bundle.addEntry()
                .setFullUrl(IdType.newRandomUuid().getValue())
                .setResource(resource)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.POST)
                .setUrl(resource.fhirType());
    }
}
