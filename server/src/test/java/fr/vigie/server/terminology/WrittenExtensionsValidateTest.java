package fr.vigie.server.terminology;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import fr.vigie.mappings.registry.Cell;
import fr.vigie.mappings.registry.RegistryMapper;
import fr.vigie.mappings.registry.RegistryOutput;
import fr.vigie.server.geo.DzAssociations;
import fr.vigie.terminology.TerminologyCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the real writers produce (the registry mapper's mission Encounters, the DZ association on hospitals) validates
 * against the shipped extension definitions, with the validator set up as the server's request validator. The
 * terminology module checks hand-built instances; this checks that the code writes what the definitions say.
 */
class WrittenExtensionsValidateTest {

    private static final FhirContext CTX = FhirContext.forR4Cached();
    private static FhirValidator validator;

    @BeforeAll
    static void validator() throws IOException {
        PrePopulatedValidationSupport ours = new PrePopulatedValidationSupport(CTX);
        for (String path : TerminologyCatalog.resourcePaths()) {
            try (InputStream in = TerminologyCatalog.open(path)) {
                IBaseResource resource = CTX.newJsonParser().parseResource(in);
                if (resource instanceof StructureDefinition sd) {
                    ours.addStructureDefinition(sd);
                } else if (resource instanceof CodeSystem cs) {
                    ours.addCodeSystem(cs);
                } else if (resource instanceof ValueSet vs) {
                    ours.addValueSet(vs);
                }
            }
        }
        FhirInstanceValidator module = new FhirInstanceValidator(new ValidationSupportChain(
                new DefaultProfileValidationSupport(CTX),
                ours,
                new CommonCodeSystemsTerminologyService(CTX),
                new InMemoryTerminologyServerValidationSupport(CTX),
                new SnapshotGeneratingValidationSupport(CTX)));
        module.setAnyExtensionsAllowed(true);
        validator = CTX.newValidator().registerValidatorModule(module);
    }

    @Test
    void aMissionRowBecomesAnEncounterWhoseExtensionsValidate() {
        List<Resource> written = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        RegistryOutput output = new RegistryOutput() {
            @Override
            public void accept(String row, List<? extends Resource> resources) {
                written.addAll(resources);
            }

            @Override
            public void reject(String row, String reason) {
                rejected.add(row + ": " + reason);
            }

            @Override
            public void warn(String row, String message) {}
        };
        RegistryMapper mapper =
                new RegistryMapper(RegistryMapper.shippedSpecs(), LocalDate.of(2024, 1, 15), f -> true, d -> true);
        RegistryMapper.Workbook workbook = mapper.open("m.xlsx", output);
        RegistryMapper.Sheet sheet = workbook.sheet("Missions");
        sheet.row(
                1,
                texts(
                        1,
                        "N° mission",
                        "Date",
                        "Appareil",
                        "Type mission",
                        "Jour/Nuit",
                        "Population",
                        "Âge",
                        "Temps de vol (min)"));
        List<Cell> mission = texts(2, "M-1", "2023-01-31", "Héli62", "PRIM", "Nuit", "Adulte");
        mission.add(Cell.number("Missions", 2, 6, 67));
        mission.add(Cell.number("Missions", 2, 7, 42));
        sheet.row(2, mission);
        sheet.end();
        workbook.end();

        assertThat(rejected).isEmpty();
        Encounter encounter = written.stream()
                .filter(Encounter.class::isInstance)
                .map(Encounter.class::cast)
                .findFirst()
                .orElseThrow();
        assertThat(encounter.getExtension())
                .extracting(extension -> extension.getUrl())
                .containsExactlyInAnyOrder(
                        TerminologyCatalog.EXT_MISSION_AIRCRAFT,
                        TerminologyCatalog.EXT_MISSION_DAY_NIGHT,
                        TerminologyCatalog.EXT_MISSION_POPULATION_GROUP,
                        TerminologyCatalog.EXT_MISSION_PATIENT_AGE,
                        TerminologyCatalog.EXT_MISSION_FLIGHT_TIME);
        assertThat(errors(encounter)).isEmpty();
    }

    @Test
    void theDzAssociationOfAHospitalValidates() {
        Location hospital = new Location().setName("CH");
        DzAssociations.write(hospital, new DzAssociations.Association("dz-1", "DZ Lens", new BigDecimal("1234.56")));
        assertThat(errors(hospital)).isEmpty();
    }

    private static List<Cell> texts(int row, String... values) {
        List<Cell> cells = new ArrayList<>();
        for (int c = 0; c < values.length; c++) {
            cells.add(Cell.text("Missions", row, c, values[c]));
        }
        return cells;
    }

    private static List<String> errors(Resource resource) {
        return validator.validateWithResult(resource).getMessages().stream()
                .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                .map(m -> m.getLocationString() + ": " + m.getMessage())
                .toList();
    }
}
