package fr.vigie.mappings.registry;

import fr.vigie.terminology.TerminologyCatalog;

/** Identifier systems and extension URLs of SMUR mission Encounters (DESIGN §3). */
public final class Missions {

    /** Identifier system of mission numbers as written in the registry. */
    public static final String MISSION_SYSTEM = TerminologyCatalog.CANONICAL_BASE + "/sid/smur-mission";

    /** Identifier system of dropping zones (same as the locations feed's dz format). */
    public static final String DZ_SYSTEM = TerminologyCatalog.CANONICAL_BASE + "/sid/dz";

    /** valueCoding from CodeSystem population-group. */
    public static final String EXT_POPULATION_GROUP = TerminologyCatalog.EXT_MISSION_POPULATION_GROUP;

    /** valueCoding from CodeSystem day-night. */
    public static final String EXT_DAY_NIGHT = TerminologyCatalog.EXT_MISSION_DAY_NIGHT;

    /** valueQuantity in UCUM {@code min}: flight time of the mission. */
    public static final String EXT_FLIGHT_TIME = TerminologyCatalog.EXT_MISSION_FLIGHT_TIME;

    /** valueString: the aircraft as written in the registry ({@code Héli62}). */
    public static final String EXT_AIRCRAFT = TerminologyCatalog.EXT_MISSION_AIRCRAFT;

    /** valueAge in UCUM {@code a}: age of the patient carried (registry missions are anonymous: no Patient). */
    public static final String EXT_PATIENT_AGE = TerminologyCatalog.EXT_MISSION_PATIENT_AGE;

    /** v3 ActCode FLD: field encounter. */
    public static final String ACT_CODE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

    private Missions() {}
}
