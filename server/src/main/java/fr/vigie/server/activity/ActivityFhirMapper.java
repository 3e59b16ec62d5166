package fr.vigie.server.activity;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.vigie.server.triage.ArrivalModeSystem;
import fr.vigie.server.triage.FrenchLevel;
import fr.vigie.terminology.TerminologyCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.UUID;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ResourceType;

/**
 * Turns a {@link SimulationResult} into FHIR R4 resources, standard elements and codes only (no extension):
 *
 * <ul>
 *   <li>the department: a {@code Location} (type v3-RoleCode {@code ER}) and one {@code Location} per box
 *       ({@code partOf} the department, physical type {@code ro});
 *   <li>each doctor: a {@code Practitioner} and a {@code PractitionerRole} (code {@code doctor}, specialty SNOMED CT
 *       of {@code c80-practice-codes}, {@code availableTime} = the shift, location the department);
 *   <li>each visit: a {@code Patient} (sex, birth date) and an {@code Encounter}: class {@code EMER}; {@code
 *       priority} the FRENCH triage level (CodeSystem {@value FrenchLevel#SYSTEM}); {@code reasonCode} the CIM-10
 *       FR pathology; {@code hospitalization.admitSource} the arrival mode (CodeSystem {@code arrival-mode});
 *       {@code period} arrival to departure and {@code length} in minutes; {@code statusHistory} arrived (arrival to
 *       triage), triaged (triage to treatment: the wait), in-progress (treatment to departure); {@code participant}
 *       the doctor's PractitionerRole (type {@code ATND}) over the doctor's time; {@code location} the department and
 *       the box; {@code hospitalization.dischargeDisposition} {@code home}, {@code oth} (text "Hospitalisation":
 *       HL7's discharge-disposition has no code for admission to a ward of the same hospital) or {@code aadvice}
 *       (text "Parti sans être vu": left without being seen). A patient still present at the end has an open
 *       period and status arrived, triaged or in-progress.
 * </ul>
 *
 * Every resource carries the security label v3-ActReason {@code HTEST} (test health data) and an identifier of system
 * {@value #IDENTIFIER_SYSTEM} prefixed by the run id. Times are written in the simulation's time zone, to the second.
 */
public final class ActivityFhirMapper {

    /** Identifier system of every simulated resource. */
    public static final String IDENTIFIER_SYSTEM = TerminologyCatalog.CANONICAL_BASE + "/sid/activity-simulation";

    /** CIM-10 FR CodeSystem. */
    public static final String CIM10_SYSTEM = TerminologyCatalog.CS_CIM10_FR;

    static final String UCUM = "http://unitsofmeasure.org";
    static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
    static final String ACT_REASON = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
    static final String ROLE_CODE = "http://terminology.hl7.org/CodeSystem/v3-RoleCode";
    static final String PARTICIPATION = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
    static final String PHYSICAL_TYPE = "http://terminology.hl7.org/CodeSystem/location-physical-type";
    static final String PRACTITIONER_ROLE = "http://terminology.hl7.org/CodeSystem/practitioner-role";
    static final String DISPOSITION = "http://terminology.hl7.org/CodeSystem/discharge-disposition";

    /** How resources refer to each other. */
    public enum References {
        /** {@code Patient/<id>}, every resource with its id: FHIR bulk data NDJSON. */
        ID,
        /**
         * {@code Patient?identifier=system|value}, no ids: for writers that upsert each resource on its identifier
         * (Vigie's {@code resources} import feed, conditional updates).
         */
        CONDITIONAL,
        /** {@code urn:uuid:...} (a name-based UUID of type and id), no ids: inside one transaction bundle. */
        URN_UUID
    }

    private static final Map<FrenchLevel, String> FRENCH_DISPLAYS = frenchDisplays();

    private final SimulationResult result;
    private final References references;
    private final TimeZone zone;

    public ActivityFhirMapper(SimulationResult result, References references) {
        this.result = result;
        this.references = references;
        this.zone = TimeZone.getTimeZone(result.start().getZone());
    }

    /** The department, its boxes, then each doctor's Practitioner and PractitionerRole. */
    public List<Resource> departmentResources() {
        List<Resource> out = new ArrayList<>();
        Location department = new Location();
        init(department, departmentId());
        department.setStatus(Location.LocationStatus.ACTIVE);
        department.setName("Urgences (simulation Vigie " + result.runId() + ")");
        department.setDescription(String.format(
                Locale.ROOT,
                "Simulated emergency department: %.0f visits a year, %s boxes, %d doctors.",
                result.department().annualVisits(),
                result.department().boxes() == 0
                        ? "unlimited"
                        : Integer.toString(result.department().boxes()),
                result.doctors().size()));
        department.setMode(Location.LocationMode.INSTANCE);
        department.addType(new CodeableConcept(new Coding(ROLE_CODE, "ER", "Emergency room")));
        department.setPhysicalType(new CodeableConcept(new Coding(PHYSICAL_TYPE, "wa", "Ward")));
        out.add(department);
        for (int b = 0; b < result.department().boxes(); b++) {
            Location box = new Location();
            init(box, boxId(b));
            box.setStatus(Location.LocationStatus.ACTIVE);
            box.setName(String.format(Locale.ROOT, "Box %02d", b + 1));
            box.setMode(Location.LocationMode.INSTANCE);
            box.setPhysicalType(new CodeableConcept(new Coding(PHYSICAL_TYPE, "ro", "Room")));
            box.setPartOf(reference(ResourceType.Location, departmentId()));
            out.add(box);
        }
        for (Doctor doctor : result.doctors()) {
            Practitioner practitioner = new Practitioner();
            init(practitioner, practitionerId(doctor));
            practitioner.setActive(true);
            practitioner
                    .addName()
                    .setText(String.format(
                            Locale.ROOT,
                            "Dr %s %02d (simulé)",
                            doctor.specialty().label(),
                            doctor.number))
                    .setFamily("Simulé")
                    .addGiven(String.format(
                            Locale.ROOT, "%s %02d", doctor.specialty().key(), doctor.number));
            out.add(practitioner);
        }
        for (Doctor doctor : result.doctors()) {
            PractitionerRole role = new PractitionerRole();
            init(role, roleId(doctor));
            role.setActive(true);
            role.setPractitioner(reference(ResourceType.Practitioner, practitionerId(doctor)));
            role.addLocation(reference(ResourceType.Location, departmentId()));
            role.addCode(new CodeableConcept(new Coding(PRACTITIONER_ROLE, "doctor", "Doctor")));
            Specialty specialty = doctor.specialty();
            role.addSpecialty(new CodeableConcept(new Coding(Specialty.SYSTEM, specialty.code(), specialty.display()))
                    .setText(specialty.label()));
            Shift shift = doctor.shift();
            if (shift.roundTheClock()) {
                available(role).setAllDay(true);
            } else if (shift.start() < shift.end()) {
                available(role).setAvailableStartTime(time(shift.start())).setAvailableEndTime(time(shift.end()));
            } else {
                available(role).setAvailableStartTime(time(shift.start())).setAvailableEndTime("23:59:59");
                if (shift.end() > 0) {
                    available(role).setAvailableStartTime("00:00:00").setAvailableEndTime(time(shift.end()));
                }
            }
            out.add(role);
        }
        return out;
    }

    /** A visit's Patient then Encounter. */
    public List<Resource> visitResources(Visit visit) {
        return List.of(patient(visit), encounter(visit));
    }

    /** The {@code fullUrl} of a resource in a transaction ({@link References#URN_UUID}). */
    public static String urn(ResourceType type, String id) {
        return "urn:uuid:" + UUID.nameUUIDFromBytes((type.name() + "/" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The business identifier (value) of a resource made by this mapper. */
    public static String identifierOf(Resource resource) {
        return identifiers(resource).get(0).getValue();
    }

    private static List<org.hl7.fhir.r4.model.Identifier> identifiers(Resource resource) {
        if (resource instanceof Patient p) {
            return p.getIdentifier();
        } else if (resource instanceof Encounter e) {
            return e.getIdentifier();
        } else if (resource instanceof Practitioner p) {
            return p.getIdentifier();
        } else if (resource instanceof PractitionerRole r) {
            return r.getIdentifier();
        } else if (resource instanceof Location l) {
            return l.getIdentifier();
        }
        throw new IllegalArgumentException("not a simulated resource: " + resource.fhirType());
    }

    Patient patient(Visit visit) {
        Patient patient = new Patient();
        init(patient, patientId(visit));
        patient.setActive(true);
        patient.setGender(Enumerations.AdministrativeGender.fromCode(visit.sex()));
        ZonedDateTime arrival = result.at(visit.arrival());
        patient.setBirthDateElement(
                new DateType(arrival.toLocalDate().minusDays(visit.ageDays()).toString()));
        return patient;
    }

    Encounter encounter(Visit visit) {
        int end = result.minutes();
        boolean triaged = visit.triage() < end;
        boolean started = visit.start() != Visit.NOT_YET;
        boolean departed = visit.departure() != Visit.NOT_YET;
        Encounter encounter = new Encounter();
        init(encounter, encounterId(visit));
        encounter.setStatus(
                departed
                        ? Encounter.EncounterStatus.FINISHED
                        : started
                                ? Encounter.EncounterStatus.INPROGRESS
                                : triaged ? Encounter.EncounterStatus.TRIAGED : Encounter.EncounterStatus.ARRIVED);
        encounter
                .addStatusHistory()
                .setStatus(Encounter.EncounterStatus.ARRIVED)
                .setPeriod(period(visit.arrival(), triaged ? visit.triage() : Visit.NOT_YET));
        if (triaged) {
            int waitEnd = started ? visit.start() : departed ? visit.departure() : Visit.NOT_YET;
            encounter
                    .addStatusHistory()
                    .setStatus(Encounter.EncounterStatus.TRIAGED)
                    .setPeriod(period(visit.triage(), waitEnd));
        }
        if (started) {
            encounter
                    .addStatusHistory()
                    .setStatus(Encounter.EncounterStatus.INPROGRESS)
                    .setPeriod(period(visit.start(), visit.departure()));
        }
        encounter.setClass_(new Coding(ACT_CODE, "EMER", "emergency"));
        if (triaged) {
            encounter.setPriority(new CodeableConcept(
                    new Coding(FrenchLevel.SYSTEM, visit.level().code(), FRENCH_DISPLAYS.get(visit.level()))));
        }
        encounter.setSubject(reference(ResourceType.Patient, patientId(visit)));
        if (started) {
            Doctor doctor = result.doctors().get(visit.doctor());
            encounter
                    .addParticipant()
                    .addType(new CodeableConcept(new Coding(PARTICIPATION, "ATND", "attender")))
                    .setPeriod(period(visit.start(), visit.endTreatment()))
                    .setIndividual(reference(ResourceType.PractitionerRole, roleId(doctor)));
        }
        encounter.setPeriod(period(visit.arrival(), visit.departure()));
        if (departed) {
            encounter.setLength((Duration) new Duration()
                    .setValue(visit.lengthOfStay())
                    .setUnit("min")
                    .setSystem(UCUM)
                    .setCode("min"));
        }
        Pathology pathology = result.department().pathologies().get(visit.pathology());
        encounter.addReasonCode(new CodeableConcept(new Coding(CIM10_SYSTEM, pathology.code(), pathology.label())));
        Encounter.EncounterHospitalizationComponent hospitalization = encounter.getHospitalization();
        hospitalization.setAdmitSource(new CodeableConcept(
                new Coding().setSystem(ArrivalModeSystem.URL).setCode(visit.arrivalMode())));
        if (departed) {
            hospitalization.setDischargeDisposition(
                    visit.leftUnseen()
                            ? new CodeableConcept(new Coding(DISPOSITION, "aadvice", "Left against advice"))
                                    .setText("Parti sans être vu (left without being seen)")
                            : visit.admitted()
                                    ? new CodeableConcept(new Coding(DISPOSITION, "oth", "Other"))
                                            .setText("Hospitalisation (admitted to a ward)")
                                    : new CodeableConcept(new Coding(DISPOSITION, "home", "Home")));
        }
        encounter
                .addLocation()
                .setLocation(reference(ResourceType.Location, departmentId()))
                .setStatus(
                        departed
                                ? Encounter.EncounterLocationStatus.COMPLETED
                                : Encounter.EncounterLocationStatus.ACTIVE)
                .setPeriod(period(visit.arrival(), visit.departure()));
        if (started && visit.box() != Visit.NOT_YET && result.department().boxes() > 0) {
            encounter
                    .addLocation()
                    .setLocation(reference(ResourceType.Location, boxId(visit.box())))
                    .setStatus(
                            departed
                                    ? Encounter.EncounterLocationStatus.COMPLETED
                                    : Encounter.EncounterLocationStatus.ACTIVE)
                    .setPeriod(period(visit.start(), visit.departure()));
        }
        return encounter;
    }

    private PractitionerRole.PractitionerRoleAvailableTimeComponent available(PractitionerRole role) {
        PractitionerRole.PractitionerRoleAvailableTimeComponent time = role.addAvailableTime();
        for (PractitionerRole.DaysOfWeek day : List.of(
                PractitionerRole.DaysOfWeek.MON,
                PractitionerRole.DaysOfWeek.TUE,
                PractitionerRole.DaysOfWeek.WED,
                PractitionerRole.DaysOfWeek.THU,
                PractitionerRole.DaysOfWeek.FRI,
                PractitionerRole.DaysOfWeek.SAT,
                PractitionerRole.DaysOfWeek.SUN)) {
            time.addDaysOfWeek(day);
        }
        return time;
    }

    private static String time(int hour) {
        return String.format(Locale.ROOT, "%02d:00:00", hour);
    }

    private Period period(int from, int to) {
        Period period = new Period().setStartElement(dateTime(from));
        if (to != Visit.NOT_YET) {
            period.setEndElement(dateTime(to));
        }
        return period;
    }

    private DateTimeType dateTime(int minute) {
        return new DateTimeType(Date.from(result.at(minute).toInstant()), TemporalPrecisionEnum.SECOND, zone);
    }

    private void init(Resource resource, String id) {
        if (references == References.ID) {
            resource.setId(id);
        }
        resource.getMeta().addSecurity(new Coding(ACT_REASON, "HTEST", "test health data"));
        List<org.hl7.fhir.r4.model.Identifier> identifiers = identifiers(resource);
        identifiers.add(new org.hl7.fhir.r4.model.Identifier()
                .setSystem(IDENTIFIER_SYSTEM)
                .setValue(id));
    }

    private Reference reference(ResourceType type, String id) {
        return new Reference(
                switch (references) {
                    case ID -> type.name() + "/" + id;
                    case CONDITIONAL -> type.name() + "?identifier=" + IDENTIFIER_SYSTEM + "|" + id;
                    case URN_UUID -> urn(type, id);
                });
    }

    String departmentId() {
        return result.runId() + "-ed";
    }

    String boxId(int box) {
        return String.format(Locale.ROOT, "%s-box%02d", result.runId(), box + 1);
    }

    String practitionerId(Doctor doctor) {
        return String.format(Locale.ROOT, "%s-dr%02d", result.runId(), doctor.index() + 1);
    }

    String roleId(Doctor doctor) {
        return String.format(Locale.ROOT, "%s-role%02d", result.runId(), doctor.index() + 1);
    }

    String patientId(Visit visit) {
        return String.format(Locale.ROOT, "%s-pat%06d", result.runId(), visit.index() + 1);
    }

    String encounterId(Visit visit) {
        return String.format(Locale.ROOT, "%s-enc%06d", result.runId(), visit.index() + 1);
    }

    /** The displays of the FRENCH CodeSystem, read from the terminology module so they never drift. */
    private static Map<FrenchLevel, String> frenchDisplays() {
        String resource = "terminology/CodeSystem/triage-french.json";
        try (InputStream in = ActivityFhirMapper.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath");
            }
            Map<FrenchLevel, String> displays = new EnumMap<>(FrenchLevel.class);
            for (JsonNode concept : new ObjectMapper().readTree(in).path("concept")) {
                displays.put(
                        FrenchLevel.fromCode(concept.path("code").asText()),
                        concept.path("display").asText());
            }
            return displays;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
