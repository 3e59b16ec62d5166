package fr.vigie.terminology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.ConceptValidationOptions;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.ConceptDefinitionComponent;
import org.hl7.fhir.r4.model.CodeSystem.ConceptPropertyComponent;
import org.hl7.fhir.r4.model.CodeSystem.PropertyComponent;
import org.hl7.fhir.r4.model.ConceptMap;
import org.hl7.fhir.r4.model.ConceptMap.ConceptMapGroupComponent;
import org.hl7.fhir.r4.model.ConceptMap.SourceElementComponent;
import org.hl7.fhir.r4.model.ConceptMap.TargetElementComponent;
import org.hl7.fhir.r4.model.Enumerations.ConceptMapEquivalence;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.NamingSystem;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;
import org.hl7.fhir.r4.model.ValueSet.ConceptSetComponent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks the terminology files themselves: that the index and the folder agree, that every file parses strictly
 * and validates against the base R4 definitions, that ids, URLs and codes are unique, and that every code a
 * ValueSet or ConceptMap names exists in our CodeSystems. Runs without network and without a server.
 */
class TerminologyFilesTest {

    private static final String BASE = TerminologyCatalog.CANONICAL_BASE;
    private static final Path SOURCE_FOLDER = Path.of("src/main/resources/terminology");
    private static final String UCUM = "http://unitsofmeasure.org";
    private static final Set<String> TYPES =
            Set.of("CodeSystem", "ValueSet", "ConceptMap", "NamingSystem", "StructureDefinition");

    private static final FhirContext CTX = FhirContext.forR4Cached();

    /** Every indexed resource by its index path. */
    private static final Map<String, Resource> RESOURCES = new LinkedHashMap<>();

    private static final Map<String, CodeSystem> CODE_SYSTEMS = new HashMap<>();
    private static final Map<String, ValueSet> VALUE_SETS = new HashMap<>();
    private static final List<ConceptMap> CONCEPT_MAPS = new ArrayList<>();

    @BeforeAll
    static void loadEveryIndexedFile() throws IOException {
        IParser parser = CTX.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
        for (String path : TerminologyCatalog.resourcePaths()) {
            try (InputStream in = TerminologyCatalog.open(path)) {
                Resource resource =
                        (Resource) parser.parseResource(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                RESOURCES.put(path, resource);
                if (resource instanceof CodeSystem cs) {
                    CODE_SYSTEMS.put(cs.getUrl(), cs);
                } else if (resource instanceof ValueSet vs) {
                    VALUE_SETS.put(vs.getUrl(), vs);
                } else if (resource instanceof ConceptMap cm) {
                    CONCEPT_MAPS.add(cm);
                }
            }
        }
    }

    @Test
    void indexListsEveryFileOfTheFolderAndNothingElse() throws IOException {
        List<String> indexed = TerminologyCatalog.resourcePaths();
        Set<String> onDisk;
        try (Stream<Path> files = Files.walk(SOURCE_FOLDER)) {
            onDisk = files.filter(Files::isRegularFile)
                    .map(file -> SOURCE_FOLDER.relativize(file).toString().replace('\\', '/'))
                    .filter(path -> !path.equals(TerminologyCatalog.INDEX))
                    .collect(Collectors.toSet());
        }

        assertThat(indexed).doesNotHaveDuplicates();
        assertThat(indexed).containsExactlyInAnyOrderElementsOf(onDisk);
        assertThat(indexed)
                .allSatisfy(
                        path -> assertThat(path)
                                .matches(
                                        "(CodeSystem|ValueSet|ConceptMap|NamingSystem|StructureDefinition)/[a-z0-9]+(-[a-z0-9]+)*\\.json"));
    }

    @Test
    void everyFileIsOfItsFolderTypeAndNamedAfterItsId() {
        assertThat(RESOURCES).isNotEmpty();
        RESOURCES.forEach((path, resource) -> {
            String type = path.substring(0, path.indexOf('/'));
            String id = path.substring(path.indexOf('/') + 1, path.length() - ".json".length());
            assertThat(resource.fhirType()).as(path).isEqualTo(type);
            assertThat(resource.getIdElement().getIdPart()).as(path).isEqualTo(id);
        });
    }

    @Test
    void idsAreUniquePerType() {
        Map<String, List<String>> idsByType = RESOURCES.values().stream()
                .collect(Collectors.groupingBy(
                        Resource::fhirType,
                        Collectors.mapping(r -> r.getIdElement().getIdPart(), Collectors.toList())));
        assertThat(idsByType.keySet()).isEqualTo(TYPES);
        idsByType.forEach((type, ids) -> assertThat(ids).as(type).doesNotHaveDuplicates());
    }

    @Test
    void canonicalUrlsAreUniqueAndBuiltFromTheBase() {
        List<String> urls = new ArrayList<>();
        for (Resource resource : RESOURCES.values()) {
            // R4 NamingSystem has no url element (HAPI's model still inherits getUrl from MetadataResource)
            if (resource instanceof MetadataResource metadata && !(resource instanceof NamingSystem)) {
                String expected = BASE + "/" + resource.fhirType() + "/"
                        + resource.getIdElement().getIdPart();
                assertThat(metadata.getUrl()).as(resource.fhirType() + " url").isEqualTo(expected);
                urls.add(metadata.getUrl());
            }
        }
        assertThat(urls).doesNotHaveDuplicates().hasSize(RESOURCES.size() - countOf("NamingSystem"));
    }

    @Test
    void everyResourceCarriesTheCommonMetadata() {
        for (Resource resource : RESOURCES.values()) {
            String what = resource.fhirType() + "/" + resource.getIdElement().getIdPart();
            if (resource instanceof MetadataResource metadata && !(resource instanceof NamingSystem)) {
                assertThat(metadata.getVersion()).as(what).isEqualTo("1.0.0");
                assertThat(metadata.getStatus()).as(what).isEqualTo(PublicationStatus.ACTIVE);
                assertThat(metadata.getPublisher()).as(what).isEqualTo("Vigie");
                assertThat(metadata.getDescription()).as(what).contains("**FR**", "**EN**");
            } else {
                NamingSystem ns = (NamingSystem) resource;
                assertThat(ns.getStatus()).as(what).isEqualTo(PublicationStatus.ACTIVE);
                assertThat(ns.getPublisher()).as(what).isEqualTo("Vigie");
                assertThat(ns.getDescription()).as(what).contains("**FR**", "**EN**");
            }
        }
    }

    @Test
    void codeSystemsHaveUniqueCodesDisplaysAndTheirDeclaredProperties() {
        assertThat(CODE_SYSTEMS).isNotEmpty();
        for (CodeSystem cs : CODE_SYSTEMS.values()) {
            String id = cs.getIdElement().getIdPart();
            List<ConceptDefinitionComponent> concepts = flatten(cs.getConcept());
            Map<String, PropertyComponent> declared =
                    cs.getProperty().stream().collect(Collectors.toMap(PropertyComponent::getCode, p -> p));

            assertThat(cs.getCaseSensitive()).as(id).isTrue();
            assertThat(cs.getContent())
                    .as(id)
                    .isEqualTo(
                            id.equals("cim10-fr")
                                    ? CodeSystem.CodeSystemContentMode.FRAGMENT
                                    : CodeSystem.CodeSystemContentMode.COMPLETE);
            assertThat(concepts).as(id).isNotEmpty();
            assertThat(concepts)
                    .extracting(ConceptDefinitionComponent::getCode)
                    .as(id)
                    .doesNotHaveDuplicates();
            if (cs.getContent() == CodeSystem.CodeSystemContentMode.COMPLETE) {
                assertThat(cs.getCount()).as(id + " count").isEqualTo(concepts.size());
            } else {
                // for a fragment, count would be the size of the whole code system, which we do not know
                assertThat(cs.hasCount()).as(id + " count").isFalse();
            }
            for (ConceptDefinitionComponent concept : concepts) {
                assertThat(concept.getDisplay())
                        .as(id + "#" + concept.getCode())
                        .isNotBlank();
                for (ConceptPropertyComponent property : concept.getProperty()) {
                    PropertyComponent declaration = declared.get(property.getCode());
                    assertThat(declaration)
                            .as(id + "#" + concept.getCode() + " property " + property.getCode())
                            .isNotNull();
                    assertThat(property.getValue().fhirType())
                            .as(id + "#" + concept.getCode() + " property " + property.getCode())
                            .isEqualTo(declaration.getType().toCode());
                }
            }
        }
    }

    @Test
    void everyCodeSystemHasAValueSetWithTheSameIdIncludingAllOfIt() {
        for (CodeSystem cs : CODE_SYSTEMS.values()) {
            String vsUrl = BASE + "/ValueSet/" + cs.getIdElement().getIdPart();
            assertThat(cs.getValueSet()).isEqualTo(vsUrl);
            ValueSet vs = VALUE_SETS.get(vsUrl);
            assertThat(vs).as(vsUrl).isNotNull();
            assertThat(vs.getCompose().getInclude()).as(vsUrl).singleElement().satisfies(include -> {
                assertThat(include.getSystem()).isEqualTo(cs.getUrl());
                assertThat(include.getConcept()).isEmpty();
                assertThat(include.getFilter()).isEmpty();
            });
        }
    }

    @Test
    void valueSetsIncludeKnownCodeSystemsAndExistingCodes() {
        assertThat(VALUE_SETS).isNotEmpty();
        for (ValueSet vs : VALUE_SETS.values()) {
            assertThat(vs.getCompose().getInclude()).as(vs.getUrl()).isNotEmpty();
            for (ConceptSetComponent include : vs.getCompose().getInclude()) {
                CodeSystem cs = CODE_SYSTEMS.get(include.getSystem());
                assertThat(cs)
                        .as(vs.getUrl() + " includes " + include.getSystem())
                        .isNotNull();
                Map<String, String> displays = displaysOf(cs);
                assertThat(include.getConcept()).allSatisfy(ref -> {
                    assertThat(displays).as(vs.getUrl()).containsKey(ref.getCode());
                    if (ref.hasDisplay()) {
                        assertThat(ref.getDisplay())
                                .as(vs.getUrl() + " " + ref.getCode())
                                .isEqualTo(displays.get(ref.getCode()));
                    }
                });
                assertThat(include.getValueSet())
                        .allSatisfy(ref -> assertThat(VALUE_SETS).containsKey(ref.getValue()));
            }
        }
    }

    @Test
    void conceptMapsOnlyNameExistingCodes() {
        assertThat(CONCEPT_MAPS).hasSize(countOf("ConceptMap"));
        for (ConceptMap cm : CONCEPT_MAPS) {
            String id = cm.getIdElement().getIdPart();
            assertThat(VALUE_SETS)
                    .as(id + " source scope")
                    .containsKey(cm.getSourceCanonicalType().getValue());
            if (cm.hasTargetCanonicalType()) {
                assertThat(VALUE_SETS)
                        .as(id + " target scope")
                        .containsKey(cm.getTargetCanonicalType().getValue());
            }
            assertThat(cm.getGroup()).as(id).isNotEmpty();
            for (ConceptMapGroupComponent group : cm.getGroup()) {
                CodeSystem source = CODE_SYSTEMS.get(group.getSource());
                assertThat(source).as(id + " group.source " + group.getSource()).isNotNull();
                CodeSystem target = CODE_SYSTEMS.get(group.getTarget());
                if (group.getTarget().startsWith(BASE)) {
                    assertThat(target)
                            .as(id + " group.target " + group.getTarget())
                            .isNotNull();
                }
                Set<String> sourceCodes = displaysOf(source).keySet();
                for (SourceElementComponent element : group.getElement()) {
                    assertThat(sourceCodes).as(id + " source code").contains(element.getCode());
                    assertThat(element.getTarget())
                            .as(id + " " + element.getCode())
                            .isNotEmpty();
                    for (TargetElementComponent mapped : element.getTarget()) {
                        checkTarget(id, element.getCode(), mapped, target);
                    }
                }
            }
        }
    }

    private static void checkTarget(String id, String sourceCode, TargetElementComponent mapped, CodeSystem target) {
        String what = id + " " + sourceCode + " -> " + mapped.getCode();
        ConceptMapEquivalence equivalence = mapped.getEquivalence();
        assertThat(equivalence).as(what).isNotNull();
        if (equivalence == ConceptMapEquivalence.UNMATCHED) {
            assertThat(mapped.hasCode())
                    .as(what + " unmatched must not name a code")
                    .isFalse();
        } else {
            assertThat(mapped.getCode()).as(what).isNotBlank();
        }
        if (Set.of(ConceptMapEquivalence.NARROWER, ConceptMapEquivalence.WIDER, ConceptMapEquivalence.INEXACT)
                .contains(equivalence)) {
            assertThat(mapped.getComment()).as(what + " needs a comment").isNotBlank();
        }
        if (target != null && mapped.hasCode()) {
            assertThat(displaysOf(target)).as(what).containsKey(mapped.getCode());
        }
    }

    @Test
    void everySourceCodeOfATriageMapIsMapped() {
        for (ConceptMap cm : CONCEPT_MAPS) {
            if (!cm.getIdElement().getIdPart().equals("environmental-parameter-to-loinc")) {
                ConceptMapGroupComponent group = cm.getGroupFirstRep();
                assertThat(group.getElement())
                        .extracting(SourceElementComponent::getCode)
                        .as(cm.getUrl())
                        .containsExactlyInAnyOrderElementsOf(
                                displaysOf(CODE_SYSTEMS.get(group.getSource())).keySet());
            }
        }
        ConceptMap environment = conceptMap("environmental-parameter-to-loinc");
        assertThat(environment.getGroupFirstRep().getElement())
                .extracting(SourceElementComponent::getCode)
                .containsExactlyInAnyOrderElementsOf(
                        displaysOf(codeSystem("environmental-parameter")).keySet());
    }

    @Test
    void triageDelaysGrowWithLevel() {
        assertThat(delays(codeSystem("triage-french")))
                .containsExactly(
                        Map.entry("1", 0),
                        Map.entry("2", 20),
                        Map.entry("3A", 60),
                        Map.entry("3B", 90),
                        Map.entry("4", 120),
                        Map.entry("5", 240));
        assertThat(new ArrayList<>(delays(codeSystem("triage-ktas")).values())).containsExactly(0, 10, 30, 60, 120);
        assertThat(conceptMap("ktas-to-french").getGroupFirstRep().getElement())
                .filteredOn(element -> element.getCode().equals("3"))
                .singleElement()
                .satisfies(element -> assertThat(element.getTarget())
                        .extracting(TargetElementComponent::getCode)
                        .containsExactly("3A", "3B"));
    }

    @Test
    void environmentalParametersHaveAValidUcumUnitAndAKnownCategory() {
        Set<String> categories = displaysOf(codeSystem("environment")).keySet();
        CommonCodeSystemsTerminologyService ucum = new CommonCodeSystemsTerminologyService(CTX);
        ValidationSupportContext context = new ValidationSupportContext(
                new ValidationSupportChain(new DefaultProfileValidationSupport(CTX), ucum));
        for (ConceptDefinitionComponent concept :
                codeSystem("environmental-parameter").getConcept()) {
            Map<String, String> props = concept.getProperty().stream()
                    .collect(Collectors.toMap(
                            ConceptPropertyComponent::getCode, p -> p.getValue().primitiveValue()));
            assertThat(props).as(concept.getCode()).containsOnlyKeys("unit", "category");
            IValidationSupport.CodeValidationResult unit =
                    ucum.validateCode(context, new ConceptValidationOptions(), UCUM, props.get("unit"), null, null);
            assertThat(unit)
                    .as(concept.getCode() + " unit " + props.get("unit"))
                    .isNotNull();
            assertThat(unit.isOk())
                    .as(concept.getCode() + " unit: " + unit.getMessage())
                    .isTrue();
            assertThat(categories).as(concept.getCode()).contains(props.get("category"));
        }
    }

    @Test
    void cim10ValueSetsListExactlyTheDescendantsOfTheirCategories() {
        CodeSystem cim10 = codeSystem("cim10-fr");
        assertThat(includedCodes("copd")).isEqualTo(selfAndDescendants(cim10, "J44"));

        Set<String> asthma = new HashSet<>(selfAndDescendants(cim10, "J45"));
        asthma.addAll(selfAndDescendants(cim10, "J46"));
        assertThat(includedCodes("asthma")).isEqualTo(asthma);

        Set<String> respiratory = new HashSet<>(selfAndDescendants(cim10, "J09-J18"));
        respiratory.addAll(selfAndDescendants(cim10, "J40-J47"));
        respiratory.removeAll(Set.of("J09-J18", "J40-J47"));
        assertThat(includedCodes("respiratory-admission"))
                .isEqualTo(respiratory)
                .contains("J10.0", "J44.1", "J46");
    }

    @Test
    void catalogConstantsNameExistingResources() throws IllegalAccessException {
        Map<String, String> prefixToType =
                Map.of("CS_", "CodeSystem", "VS_", "ValueSet", "CM_", "ConceptMap", "EXT", "StructureDefinition");
        Map<String, String> typeByUrl = new HashMap<>();
        RESOURCES.values().stream()
                .filter(r -> r instanceof MetadataResource && !(r instanceof NamingSystem))
                .forEach(r -> typeByUrl.put(((MetadataResource) r).getUrl(), r.fhirType()));
        int checked = 0;
        for (Field field : TerminologyCatalog.class.getDeclaredFields()) {
            String prefix = field.getName().length() > 3 ? field.getName().substring(0, 3) : "";
            if (Modifier.isPublic(field.getModifiers()) && prefixToType.containsKey(prefix)) {
                String url = (String) field.get(null);
                assertThat(typeByUrl).as(field.getName()).containsEntry(url, prefixToType.get(prefix));
                checked++;
            }
        }
        // every CodeSystem, ConceptMap and StructureDefinition has its constant; four ValueSets do
        assertThat(checked)
                .isEqualTo(countOf("CodeSystem") + 4 + countOf("ConceptMap") + countOf("StructureDefinition"));
        NamingSystem finess = (NamingSystem) RESOURCES.get("NamingSystem/finess.json");
        assertThat(finess.getUniqueId())
                .anySatisfy(uid -> assertThat(uid.getValue()).isEqualTo(TerminologyCatalog.FINESS_SYSTEM));
    }

    @Test
    void catalogRefusesPathsOutsideTheFolder() {
        assertThatThrownBy(() -> TerminologyCatalog.open("../logback-test.xml"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TerminologyCatalog.open("CodeSystem/no-such-system.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no-such-system");
    }

    @Test
    void everyResourceValidatesAgainstTheBaseR4Definitions() {
        PrePopulatedValidationSupport ours = new PrePopulatedValidationSupport(CTX);
        CODE_SYSTEMS.values().forEach(ours::addCodeSystem);
        VALUE_SETS.values().forEach(ours::addValueSet);
        ValidationSupportChain chain = new ValidationSupportChain(
                new DefaultProfileValidationSupport(CTX),
                ours,
                new CommonCodeSystemsTerminologyService(CTX),
                new InMemoryTerminologyServerValidationSupport(CTX),
                new SnapshotGeneratingValidationSupport(CTX));
        FhirValidator validator = CTX.newValidator().registerValidatorModule(new FhirInstanceValidator(chain));

        List<String> errors = new ArrayList<>();
        RESOURCES.forEach((path, resource) -> {
            for (SingleValidationMessage message :
                    validator.validateWithResult(validatable(resource)).getMessages()) {
                if (message.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal()) {
                    errors.add(path + " " + message.getLocationString() + ": " + message.getMessage());
                }
            }
        });
        assertThat(errors).isEmpty();
    }

    /**
     * The resource as given to the validator. For an extension StructureDefinition, a copy whose {@code element}
     * contexts are stated as FHIRPath: the validator checks an element context in every FHIR version the definition
     * may apply to, and for that loads the {@code hl7.fhir.r4.core} package through the NPM package cache (the network),
     * which fails offline ("Unable to resolve package id hl7.fhir.r4.core#null") and would make this test depend on
     * packages.fhir.org. Everything else in the definition, its snapshot generation included, is validated; the
     * contexts themselves are checked by {@link ExtensionDefinitionsTest}, which validates resources carrying each
     * extension in and out of its context.
     */
    private static Resource validatable(Resource resource) {
        if (!(resource instanceof StructureDefinition sd)) {
            return resource;
        }
        StructureDefinition copy = sd.copy();
        copy.getContext().forEach(context -> context.setType(StructureDefinition.ExtensionContextType.FHIRPATH));
        return copy;
    }

    private static int countOf(String type) {
        return (int) RESOURCES.values().stream()
                .filter(r -> r.fhirType().equals(type))
                .count();
    }

    private static CodeSystem codeSystem(String id) {
        return CODE_SYSTEMS.get(BASE + "/CodeSystem/" + id);
    }

    private static ConceptMap conceptMap(String id) {
        return CONCEPT_MAPS.stream()
                .filter(cm -> cm.getIdElement().getIdPart().equals(id))
                .findFirst()
                .orElseThrow();
    }

    private static Set<String> includedCodes(String valueSetId) {
        return VALUE_SETS.get(BASE + "/ValueSet/" + valueSetId).getCompose().getInclude().stream()
                .flatMap(include -> include.getConcept().stream())
                .map(ValueSet.ConceptReferenceComponent::getCode)
                .collect(Collectors.toSet());
    }

    private static List<ConceptDefinitionComponent> flatten(List<ConceptDefinitionComponent> concepts) {
        List<ConceptDefinitionComponent> all = new ArrayList<>();
        for (ConceptDefinitionComponent concept : concepts) {
            all.add(concept);
            all.addAll(flatten(concept.getConcept()));
        }
        return all;
    }

    private static Map<String, String> displaysOf(CodeSystem cs) {
        return flatten(cs.getConcept()).stream()
                .collect(Collectors.toMap(ConceptDefinitionComponent::getCode, ConceptDefinitionComponent::getDisplay));
    }

    private static Set<String> selfAndDescendants(CodeSystem cs, String code) {
        ConceptDefinitionComponent root = flatten(cs.getConcept()).stream()
                .filter(c -> c.getCode().equals(code))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no concept " + code));
        return flatten(List.of(root)).stream()
                .map(ConceptDefinitionComponent::getCode)
                .collect(Collectors.toSet());
    }

    private static Map<String, Integer> delays(CodeSystem cs) {
        Map<String, Integer> delays = new LinkedHashMap<>();
        for (ConceptDefinitionComponent concept : cs.getConcept()) {
            ConceptPropertyComponent delay = concept.getProperty().stream()
                    .filter(p -> p.getCode().equals("maxDelayMinutes"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no maxDelayMinutes on " + concept.getCode()));
            delays.put(concept.getCode(), delay.getValueIntegerType().getValue());
        }
        return delays;
    }
}
