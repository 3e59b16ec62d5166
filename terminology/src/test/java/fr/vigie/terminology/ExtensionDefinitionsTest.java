package fr.vigie.terminology;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Age;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.StructureDefinition.ExtensionContextType;
import org.hl7.fhir.r4.model.StructureDefinition.StructureDefinitionKind;
import org.hl7.fhir.r4.model.StructureDefinition.TypeDerivationRule;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the extension StructureDefinitions and the code in step, and checks that they mean what the code writes.
 *
 * <p>Why: the server's request validator rejects an extension under Vigie's canonical base that no StructureDefinition
 * describes, so an extension added in code without its definition breaks every client that posts it. The files are
 * differential only; their snapshots are generated when loaded (by HAPI's {@link SnapshotGeneratingValidationSupport},
 * which the server's JPA validation chain contains), so here every snapshot is generated the same way, and instances
 * shaped like the ones the mappers write are validated with the validator settings of the server.
 */
class ExtensionDefinitionsTest {

    private static final FhirContext CTX = FhirContext.forR4Cached();
    private static final String UCUM = "http://unitsofmeasure.org";

    /** A Java string literal naming a StructureDefinition (comments are not literals, so they may name one). */
    private static final Pattern SD_LITERAL = Pattern.compile("\"[^\"\\n]*StructureDefinition/[^\"\\n]*\"");

    /** Our extension definitions by canonical URL. */
    private static final Map<String, StructureDefinition> DEFINITIONS = new TreeMap<>();

    private static ValidationSupportChain chain;
    private static FhirValidator validator;

    @BeforeAll
    static void load() throws IOException {
        PrePopulatedValidationSupport ours = new PrePopulatedValidationSupport(CTX);
        for (String path : TerminologyCatalog.resourcePaths()) {
            try (InputStream in = TerminologyCatalog.open(path)) {
                IBaseResource resource =
                        CTX.newJsonParser().parseResource(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                if (resource instanceof StructureDefinition sd) {
                    DEFINITIONS.put(sd.getUrl(), sd);
                    ours.addStructureDefinition(sd);
                } else if (resource instanceof CodeSystem cs) {
                    ours.addCodeSystem(cs);
                } else if (resource instanceof ValueSet vs) {
                    ours.addValueSet(vs);
                }
            }
        }
        chain = new ValidationSupportChain(
                new DefaultProfileValidationSupport(CTX),
                ours,
                new CommonCodeSystemsTerminologyService(CTX),
                new InMemoryTerminologyServerValidationSupport(CTX),
                new SnapshotGeneratingValidationSupport(CTX));
        // as IncomingResourceValidationInterceptor configures it
        FhirInstanceValidator module = new FhirInstanceValidator(chain);
        module.setAnyExtensionsAllowed(true);
        validator = CTX.newValidator().registerValidatorModule(module);
    }

    @Test
    void everyExtensionConstantHasItsDefinitionAndEveryDefinitionItsConstant() throws IllegalAccessException {
        Set<String> constants = new TreeSet<>(extensionConstants().values());
        assertThat(constants).hasSizeGreaterThanOrEqualTo(12);
        assertThat(DEFINITIONS.keySet()).isEqualTo(constants);
    }

    @Test
    void noModuleSpellsAnExtensionUrlOutsideTheCatalog() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<Path> sources;
        try (Stream<Path> modules = Files.list(root)) {
            sources = modules.map(module -> module.resolve("src/main/java"))
                    .filter(Files::isDirectory)
                    .flatMap(ExtensionDefinitionsTest::javaFiles)
                    .toList();
        }
        // the scan must really see the modules that write extensions, or it would pass on nothing
        assertThat(sources)
                .extracting(path -> path.getFileName().toString())
                .contains("Missions.java", "DocumentFhirMapper.java", "DzAssociations.java", "DemoDataLoader.java");

        Map<String, List<String>> offenders = new TreeMap<>();
        for (Path source : sources) {
            if (source.getFileName().toString().equals("TerminologyCatalog.java")) {
                continue;
            }
            Matcher literal = SD_LITERAL.matcher(Files.readString(source, StandardCharsets.UTF_8));
            while (literal.find()) {
                // HL7's own extensions and profiles are defined by the core package the validator holds
                if (!literal.group().startsWith("\"http://hl7.org/fhir/StructureDefinition/")) {
                    offenders
                            .computeIfAbsent(root.relativize(source).toString(), k -> new ArrayList<>())
                            .add(literal.group());
                }
            }
        }
        assertThat(offenders)
                .as("extension URLs must be TerminologyCatalog.EXT_* constants, each with a StructureDefinition")
                .isEmpty();
    }

    @Test
    void everyExtensionConstantIsUsedByTheCode() throws IOException, IllegalAccessException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        String code;
        try (Stream<Path> modules = Files.list(root)) {
            code = modules.map(module -> module.resolve("src/main/java"))
                    .filter(Files::isDirectory)
                    .flatMap(ExtensionDefinitionsTest::javaFiles)
                    .filter(path -> !path.getFileName().toString().equals("TerminologyCatalog.java"))
                    .map(ExtensionDefinitionsTest::read)
                    .collect(Collectors.joining("\n"));
        }
        assertThat(extensionConstants().keySet())
                .as("a definition nothing writes is stale: remove it with its constant")
                .allSatisfy(name -> assertThat(code).contains("TerminologyCatalog." + name));
    }

    @Test
    void everyDefinitionIsAConstrainedExtensionWithContextAndATypedValueOrSubExtensions() {
        DEFINITIONS.forEach((url, sd) -> {
            assertThat(sd.getKind()).as(url).isEqualTo(StructureDefinitionKind.COMPLEXTYPE);
            assertThat(sd.getType()).as(url).isEqualTo("Extension");
            assertThat(sd.getDerivation()).as(url).isEqualTo(TypeDerivationRule.CONSTRAINT);
            assertThat(sd.getBaseDefinition()).as(url).isEqualTo("http://hl7.org/fhir/StructureDefinition/Extension");
            assertThat(sd.getFhirVersion().toCode()).as(url).isEqualTo("4.0.1");
            assertThat(sd.getContext()).as(url).isNotEmpty().allSatisfy(context -> {
                assertThat(context.getType()).isEqualTo(ExtensionContextType.ELEMENT);
                assertThat(CTX.getResourceTypes())
                        .as(url + " context " + context.getExpression())
                        .contains(context.getExpression().split("\\.")[0]);
            });
            assertThat(sd.hasSnapshot())
                    .as(url + ": differential only, snapshot generated at load")
                    .isFalse();
            Map<String, ElementDefinition> byId = sd.getDifferential().getElement().stream()
                    .collect(Collectors.toMap(ElementDefinition::getId, e -> e, (a, b) -> a, LinkedHashMap::new));
            assertThat(byId.get("Extension.url").getFixed().primitiveValue())
                    .as(url)
                    .isEqualTo(url);
            ElementDefinition value = byId.get("Extension.value[x]");
            if ("0".equals(value.getMax())) {
                // complex: each sub-extension has exactly one value type and a fixed url
                List<ElementDefinition> slices = sd.getDifferential().getElement().stream()
                        .filter(ElementDefinition::hasSliceName)
                        .toList();
                assertThat(slices).as(url).isNotEmpty();
                for (ElementDefinition slice : slices) {
                    String id = slice.getId();
                    assertThat(byId.get(id + ".url").getFixed().primitiveValue())
                            .isEqualTo(slice.getSliceName());
                    assertThat(byId.get(id + ".value[x]").getType()).as(id).hasSize(1);
                }
            } else {
                assertThat(value.getMin()).as(url).isEqualTo(1);
                assertThat(value.getType()).as(url).hasSize(1);
                assertThat(byId.get("Extension.extension").getMax()).as(url).isEqualTo("0");
            }
        });
    }

    @Test
    void everySnapshotGeneratesWithoutErrorAndKeepsTheValueType() {
        SnapshotGeneratingValidationSupport generator = new SnapshotGeneratingValidationSupport(CTX);
        ValidationSupportContext context = new ValidationSupportContext(chain);
        DEFINITIONS.forEach((url, sd) -> {
            StructureDefinition input = sd.copy();
            StructureDefinition generated =
                    (StructureDefinition) generator.generateSnapshot(context, input, url, null, sd.getName());
            assertThat(generated).as(url).isNotNull();
            assertThat(generated.getSnapshot().getElement()).as(url).hasSizeGreaterThan(3);
            // generation errors are reported as extensions/messages on the elements; none must be present
            assertThat(generated.getSnapshot().getElement()).as(url).allSatisfy(element -> assertThat(
                            element.getExtensionsByUrl(
                                    "http://hl7.org/fhir/StructureDefinition/elementdefinition-snapshot-error"))
                    .isEmpty());
            Map<String, ElementDefinition> snapshot = generated.getSnapshot().getElement().stream()
                    .collect(Collectors.toMap(ElementDefinition::getId, e -> e, (a, b) -> a));
            for (ElementDefinition differential : sd.getDifferential().getElement()) {
                ElementDefinition element = snapshot.get(differential.getId());
                assertThat(element).as(url + " " + differential.getId()).isNotNull();
                if (differential.hasType()) {
                    assertThat(element.getType())
                            .extracting(t -> t.getCode())
                            .as(url + " " + differential.getId())
                            .containsExactlyElementsOf(differential.getType().stream()
                                    .map(t -> t.getCode())
                                    .toList());
                }
            }
        });
    }

    @Test
    void theResourcesTheMappersWriteAreValid() {
        assertThat(errors(missionEncounter())).isEmpty();
        assertThat(errors(hospitalAndDropZone())).isEmpty();
        assertThat(errors(extractedDocument())).isEmpty();
        assertThat(errors(derivedObservation())).isEmpty();
        assertThat(errors(derivedCondition())).isEmpty();
        Basic marker = new Basic();
        marker.getCode().setText("Vigie demo data entry loaded");
        marker.addExtension(TerminologyCatalog.EXT_DEMO_ENTRY_SOURCE, new StringType("demo/locations/x.csv"));
        assertThat(errors(marker)).isEmpty();
    }

    @Test
    void aValueOfAnotherTypeIsRejected() {
        Encounter encounter = missionEncounter();
        encounter.getExtensionByUrl(TerminologyCatalog.EXT_MISSION_FLIGHT_TIME).setValue(new StringType("42"));
        assertThat(errors(encounter)).isNotEmpty();

        Location dz = new Location().setName("DZ");
        dz.addExtension(TerminologyCatalog.EXT_DZ_NIGHT_USE, new StringType("yes"));
        assertThat(errors(dz)).isNotEmpty();
    }

    @Test
    void aWrongUnitACodeOutsideItsValueSetOrAnImplausibleAgeIsRejected() {
        Encounter hours = missionEncounter();
        hours.getExtensionByUrl(TerminologyCatalog.EXT_MISSION_FLIGHT_TIME)
                .setValue(
                        new Quantity().setValue(1).setSystem(UCUM).setCode("h").setUnit("h"));
        assertThat(errors(hours)).isNotEmpty();

        Encounter dusk = missionEncounter();
        dusk.getExtensionByUrl(TerminologyCatalog.EXT_MISSION_DAY_NIGHT)
                .setValue(new Coding(TerminologyCatalog.CS_DAY_NIGHT, "dusk", null));
        assertThat(errors(dusk)).isNotEmpty();

        Encounter negative = missionEncounter();
        negative.getExtensionByUrl(TerminologyCatalog.EXT_MISSION_FLIGHT_TIME).setValue(minutes(-5));
        assertThat(errors(negative)).isNotEmpty();

        Encounter old = missionEncounter();
        ((Age) old.getExtensionByUrl(TerminologyCatalog.EXT_MISSION_PATIENT_AGE).getValue()).setValue(150);
        assertThat(errors(old)).isNotEmpty();
    }

    @Test
    void anExtensionOutOfItsContextOrWithAnUnknownSubExtensionIsRejected() {
        Patient patient = new Patient();
        patient.addExtension(TerminologyCatalog.EXT_MISSION_AIRCRAFT, new StringType("Héli62"));
        assertThat(errors(patient)).isNotEmpty();

        Location hospital = hospitalAndDropZone();
        Extension association = hospital.getExtensionByUrl(TerminologyCatalog.EXT_DROPPING_ZONE);
        association.addExtension("bearing", new DecimalType(12));
        assertThat(errors(hospital)).isNotEmpty();

        Location withoutDistance = hospitalAndDropZone();
        withoutDistance
                .getExtensionByUrl(TerminologyCatalog.EXT_DROPPING_ZONE)
                .getExtension()
                .removeIf(sub -> sub.getUrl().equals("distance"));
        assertThat(errors(withoutDistance)).isNotEmpty();
    }

    /** A mission Encounter as {@code MissionSheet} writes it. */
    static Encounter missionEncounter() {
        Encounter encounter = new Encounter();
        encounter.setStatus(Encounter.EncounterStatus.FINISHED);
        encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "FLD", "field"));
        encounter.addExtension(TerminologyCatalog.EXT_MISSION_AIRCRAFT, new StringType("Héli62"));
        encounter.addExtension(
                TerminologyCatalog.EXT_MISSION_DAY_NIGHT,
                new Coding(TerminologyCatalog.CS_DAY_NIGHT, "night", "Night"));
        encounter.addExtension(
                TerminologyCatalog.EXT_MISSION_POPULATION_GROUP,
                new Coding(TerminologyCatalog.CS_POPULATION_GROUP, "adult", null));
        Age age = new Age();
        age.setValue(67).setUnit("a").setSystem(UCUM).setCode("a");
        encounter.addExtension(TerminologyCatalog.EXT_MISSION_PATIENT_AGE, age);
        encounter.addExtension(TerminologyCatalog.EXT_MISSION_FLIGHT_TIME, minutes(42));
        return encounter;
    }

    private static Quantity minutes(int value) {
        return new Quantity().setValue(value).setUnit("min").setSystem(UCUM).setCode("min");
    }

    /** A hospital Location with its association, as {@code DzAssociations.write} makes it, and a DZ's night use. */
    static Location hospitalAndDropZone() {
        Location hospital = new Location().setName("CHU");
        hospital.addExtension(TerminologyCatalog.EXT_DZ_NIGHT_USE, new BooleanType(true));
        Extension association = hospital.addExtension().setUrl(TerminologyCatalog.EXT_DROPPING_ZONE);
        association.addExtension("dropZone", new Reference("Location/dz-1").setDisplay("DZ"));
        association.addExtension(
                "distance",
                new Quantity()
                        .setValue(new BigDecimal("812.44"))
                        .setUnit("m")
                        .setSystem(UCUM)
                        .setCode("m"));
        return hospital;
    }

    /** A DocumentReference with its extracted-text content, as {@code DocumentFhirMapper} makes it. */
    static DocumentReference extractedDocument() {
        DocumentReference reference = new DocumentReference().setStatus(DocumentReferenceStatus.CURRENT);
        reference.addContent().getAttachment().setContentType("application/pdf").setUrl("Binary/1");
        DocumentReference.DocumentReferenceContentComponent content = reference.addContent();
        content.getAttachment().setContentType("text/plain; charset=utf-8").setData(new byte[] {'a'});
        Extension page = content.getAttachment().addExtension().setUrl(TerminologyCatalog.EXT_EXTRACTED_PAGE);
        page.addExtension("page", new IntegerType(1));
        page.addExtension("offset", new IntegerType(0));
        page.addExtension("length", new IntegerType(1));
        page.addExtension("method", new CodeType("ocr"));
        page.addExtension("confidence", new DecimalType(new BigDecimal("91.5")));
        page.addExtension("lowConfidence", new BooleanType(false));
        content.addExtension(
                TerminologyCatalog.EXT_EXTRACTION_ENGINE, new StringType("nlp: vigie-clinical-nlp 1; ocr: x"));
        reference.addExtension(TerminologyCatalog.EXT_EXTRACTION_ERROR, new StringType("not a PDF"));
        return reference;
    }

    static Extension span() {
        Extension span = new Extension(TerminologyCatalog.EXT_TEXT_SPAN);
        span.addExtension("offset", new IntegerType(10));
        span.addExtension("length", new IntegerType(4));
        span.addExtension("text", new StringType("BPCO"));
        span.addExtension("page", new IntegerType(1));
        span.addExtension("lowConfidence", new BooleanType(false));
        return span;
    }

    static Observation derivedObservation() {
        Observation observation = new Observation().setStatus(Observation.ObservationStatus.PRELIMINARY);
        observation.getCode().setText("Heart rate");
        observation.addExtension(span());
        return observation;
    }

    static Condition derivedCondition() {
        Condition condition = new Condition();
        condition.getCode().setText("BPCO");
        condition.setSubject(new Reference("Patient/1"));
        condition.addExtension(span());
        return condition;
    }

    private static List<String> errors(Resource resource) {
        List<String> errors = new ArrayList<>();
        for (SingleValidationMessage message :
                validator.validateWithResult(resource).getMessages()) {
            if (message.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal()) {
                errors.add(message.getLocationString() + ": " + message.getMessage());
            }
        }
        return errors;
    }

    private static Map<String, String> extensionConstants() throws IllegalAccessException {
        Map<String, String> constants = new TreeMap<>();
        for (Field field : TerminologyCatalog.class.getDeclaredFields()) {
            if (Modifier.isPublic(field.getModifiers()) && field.getName().startsWith("EXT_")) {
                constants.put(field.getName(), (String) field.get(null));
            }
        }
        return constants;
    }

    private static Stream<Path> javaFiles(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(path -> path.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
