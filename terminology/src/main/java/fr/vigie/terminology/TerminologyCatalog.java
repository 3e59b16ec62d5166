package fr.vigie.terminology;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Entry point to the Vigie terminology resources shipped on the classpath under {@code /terminology/}.
 *
 * <p>The resources are FHIR R4 JSON files (CodeSystem, ValueSet, ConceptMap, NamingSystem, StructureDefinition), one
 * per file, at
 * {@code terminology/<ResourceType>/<id>.json}. {@code terminology/index.txt} lists every one of them, so loaders
 * (the server at start-up, the Camel routes, the mappers) read the index instead of scanning the classpath, which
 * does not work reliably inside a Spring Boot fat jar. A unit test keeps the index and the folder in step.
 *
 * <p>The constants give the canonical URLs code uses, so that no URL is spelled twice in Java. All of them sit
 * under {@link #CANONICAL_BASE}; the JSON files carry the same base and the test checks that they agree.
 *
 * <p>The API deliberately returns paths and raw streams only: parsing is left to the caller's own
 * {@code FhirContext}, so this class stays plain Java.
 */
public final class TerminologyCatalog {

    /** Canonical base of every Vigie conformance and terminology resource. */
    public static final String CANONICAL_BASE = "https://vigie.example.org/fhir";

    /** Classpath folder holding the resources and the index. */
    public static final String ROOT = "terminology/";

    /** Index file, relative to {@link #ROOT}. */
    public static final String INDEX = "index.txt";

    private static final String CS = CANONICAL_BASE + "/CodeSystem/";
    private static final String VS = CANONICAL_BASE + "/ValueSet/";
    private static final String CM = CANONICAL_BASE + "/ConceptMap/";
    private static final String SD = CANONICAL_BASE + "/StructureDefinition/";

    /** Helicopter mission type: primary (on-scene) or secondary (inter-facility transfer). */
    public static final String CS_MISSION_TYPE = CS + "mission-type";

    /** Population carried on a helicopter mission (adult, paediatric, neonatal). */
    public static final String CS_POPULATION_GROUP = CS + "population-group";

    /** Type of a helicopter dropping zone. */
    public static final String CS_DZ_TYPE = CS + "dz-type";

    /** Verification state of a Location position, used as a {@code meta.tag}. */
    public static final String CS_LOCATION_VERIFICATION = CS + "location-verification";

    /** Category of environmental observations (air quality, weather, pollen, epidemiology). */
    public static final String CS_ENVIRONMENT = CS + "environment";

    /** Environmental parameters; each concept carries its UCUM {@code unit} and its {@code category}. */
    public static final String CS_ENVIRONMENTAL_PARAMETER = CS + "environmental-parameter";

    /** Emergency department arrival mode. */
    public static final String CS_ARRIVAL_MODE = CS + "arrival-mode";

    /** FRENCH triage scale (SFMU 2018): 1, 2, 3A, 3B, 4, 5, with property {@code maxDelayMinutes}. */
    public static final String CS_TRIAGE_FRENCH = CS + "triage-french";

    /** Korean Triage and Acuity Scale, levels 1 to 5, with property {@code maxDelayMinutes}. */
    public static final String CS_TRIAGE_KTAS = CS + "triage-ktas";

    /** Emergency Severity Index, levels 1 to 5. */
    public static final String CS_TRIAGE_ESI = CS + "triage-esi";

    /** Fragment of CIM-10 FR 2025 (chapter J plus the categories registries need); codes carry the dot. */
    public static final String CS_CIM10_FR = CS + "cim10-fr";

    /** Condition groups forecast by {@code $forecast-admissions} (respiratory, copd, asthma). */
    public static final String CS_FORECAST_CONDITION = CS + "forecast-condition";

    /** Day or night flight of a helicopter mission. */
    public static final String CS_DAY_NIGHT = CS + "day-night";

    /** Pathology groups of SMUR registries (réanimation, cardiologie, AVC...). */
    public static final String CS_SMUR_PATHOLOGY = CS + "smur-pathology";

    /** Source of a SMUR MeasureReport ({@code meta.tag}): registry table or mission aggregate. */
    public static final String CS_REPORT_SOURCE = CS + "report-source";

    /** Decision-support models shipped with Vigie, by version ({@code RiskAssessment.method} of {@code $triage}). */
    public static final String CS_DECISION_MODEL = CS + "decision-model";

    /** Tags on DocumentReferences Vigie processed: {@code extracted}, {@code low-confidence-ocr}, {@code extraction-failed}. */
    public static final String CS_DOCUMENT_PROCESSING = CS + "document-processing";

    /** How a document page's text was obtained: {@code text}, {@code text-layer} or {@code ocr}. */
    public static final String CS_TEXT_EXTRACTION_METHOD = CS + "text-extraction-method";

    /** SMUR pathology groups to the CIM-10 chapter or block holding them. */
    public static final String CM_SMUR_PATHOLOGY_TO_CIM10 = CM + "smur-pathology-to-cim10";

    /** Respiratory admission reasons: CIM-10 J09-J18 and J40-J47. */
    public static final String VS_RESPIRATORY_ADMISSION = VS + "respiratory-admission";

    /** COPD: CIM-10 J44 and subcodes. */
    public static final String VS_COPD = VS + "copd";

    /** Asthma: CIM-10 J45, J46 and subcodes. */
    public static final String VS_ASTHMA = VS + "asthma";

    /** Every forecast condition group. */
    public static final String VS_FORECAST_CONDITION = VS + "forecast-condition";

    /** FRENCH to KTAS triage levels. */
    public static final String CM_FRENCH_TO_KTAS = CM + "french-to-ktas";

    /** KTAS to FRENCH triage levels. */
    public static final String CM_KTAS_TO_FRENCH = CM + "ktas-to-french";

    /** FRENCH to ESI triage levels. */
    public static final String CM_FRENCH_TO_ESI = CM + "french-to-esi";

    /** ESI to FRENCH triage levels. */
    public static final String CM_ESI_TO_FRENCH = CM + "esi-to-french";

    /** KTAS to ESI triage levels. */
    public static final String CM_KTAS_TO_ESI = CM + "ktas-to-esi";

    /** Environmental parameters to LOINC (unmatched where no verified LOINC code exists). */
    public static final String CM_ENVIRONMENTAL_PARAMETER_TO_LOINC = CM + "environmental-parameter-to-loinc";

    /*
     * Extensions. Every extension Vigie writes is declared here, and only here, and has a StructureDefinition at
     * StructureDefinition/<name>.json: without one, the request validator rejects resources carrying it (URLs under
     * our base are expected to resolve). A test fails on an EXT_ constant without its file, and on a
     * ".../StructureDefinition/..." literal anywhere else in the main code of the modules.
     */

    /**
     * Hospital Location: its nearest active dropping zone, complex, with sub-extensions {@code dropZone}
     * (valueReference to the DZ Location) and {@code distance} (valueQuantity, metres, UCUM {@code m}).
     */
    public static final String EXT_DROPPING_ZONE = SD + "dropping-zone";

    /** Dropping zone Location: usable at night (valueBoolean; absent when unknown). */
    public static final String EXT_DZ_NIGHT_USE = SD + "dz-night-use";

    /** Mission Encounter: valueCoding from CodeSystem population-group. */
    public static final String EXT_MISSION_POPULATION_GROUP = SD + "mission-population-group";

    /** Mission Encounter: valueCoding from CodeSystem day-night. */
    public static final String EXT_MISSION_DAY_NIGHT = SD + "mission-day-night";

    /** Mission Encounter: flight time, valueQuantity in UCUM {@code min}. */
    public static final String EXT_MISSION_FLIGHT_TIME = SD + "mission-flight-time";

    /** Mission Encounter: the aircraft as written in the registry, valueString. */
    public static final String EXT_MISSION_AIRCRAFT = SD + "mission-aircraft";

    /** Mission Encounter: age of the patient carried, valueAge in UCUM {@code a}. */
    public static final String EXT_MISSION_PATIENT_AGE = SD + "mission-patient-age";

    /**
     * Observation, Condition or MedicationStatement derived from a document: the span of the extracted text it was
     * read from (sub-extensions offset, length, text, page, lowConfidence).
     */
    public static final String EXT_TEXT_SPAN = SD + "text-span";

    /**
     * Extracted-text attachment of a DocumentReference: one per page (sub-extensions page, offset, length, method,
     * confidence, lowConfidence).
     */
    public static final String EXT_EXTRACTED_PAGE = SD + "extracted-page";

    /** Extracted-text content of a DocumentReference: NLP and OCR engine versions, valueString. */
    public static final String EXT_EXTRACTION_ENGINE = SD + "extraction-engine";

    /** DocumentReference whose text could not be extracted: the reason, valueString. */
    public static final String EXT_EXTRACTION_ERROR = SD + "extraction-error";

    /** Basic marker of a loaded demo data entry: the demo file, valueString. */
    public static final String EXT_DEMO_ENTRY_SOURCE = SD + "demo-entry-source";

    /**
     * Identifier system of FINESS numbers (établissement and entité juridique, told apart by
     * {@code identifier.type}); 9 characters, leading zero kept. Described by NamingSystem {@code finess}.
     */
    public static final String FINESS_SYSTEM = "https://finess.esante.gouv.fr";

    private TerminologyCatalog() {}

    /**
     * Lists the resource files named in the index, in index order.
     *
     * @return paths relative to {@link #ROOT}, e.g. {@code CodeSystem/mission-type.json}; blank lines and
     *     {@code #} comments of the index are skipped
     * @throws UncheckedIOException if the index cannot be read
     */
    public static List<String> resourcePaths() {
        try (InputStream in = open(INDEX);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + ROOT + INDEX, e);
        }
    }

    /**
     * Opens one terminology file. The caller closes the stream.
     *
     * @param path a path relative to {@link #ROOT}, as returned by {@link #resourcePaths()}
     * @return the file content (UTF-8 JSON for resources)
     * @throws IllegalArgumentException if the path is blank, leaves the terminology folder or names no file
     */
    public static InputStream open(String path) {
        if (path == null || path.isBlank() || path.startsWith("/") || path.contains("..")) {
            throw new IllegalArgumentException(
                    "Terminology path must be relative to " + ROOT + " without '..', got: " + path);
        }
        InputStream in = TerminologyCatalog.class.getClassLoader().getResourceAsStream(ROOT + path);
        if (in == null) {
            throw new IllegalArgumentException("No terminology file on the classpath at " + ROOT + path);
        }
        return in;
    }
}
