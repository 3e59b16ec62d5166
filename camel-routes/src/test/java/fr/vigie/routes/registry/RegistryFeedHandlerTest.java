package fr.vigie.routes.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.vigie.mappings.registry.MeasureReports;
import fr.vigie.mappings.registry.RegistryMapper;
import fr.vigie.routes.common.ImportInput;
import fr.vigie.routes.common.RecordingSink;
import fr.vigie.routes.common.RowRef;
import fr.vigie.routes.common.UnreadableImportException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.hl7.fhir.r4.model.Age;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.MeasureReport.MeasureReportGroupComponent;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class RegistryFeedHandlerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-06-01T10:00:00Z"), ZoneId.of("UTC"));
    private static final Set<String> KNOWN_FINESS = Set.of("590780193", "590000188", "620100057");

    private final RegistryFeedHandler handler = new RegistryFeedHandler(
            RegistryMapper.shippedSpecs(),
            () -> RegistryFeedHandler.Lookups.of(KNOWN_FINESS::contains, "DZ-010"::equals),
            CLOCK);

    private RecordingSink read(String name, String format, byte[] bytes) {
        RecordingSink sink = new RecordingSink();
        handler.read(ImportInput.ofBytes("registry", format, name, null, bytes), sink);
        return sink;
    }

    private static byte[] example() throws IOException {
        try (InputStream in = Objects.requireNonNull(
                RegistryFeedHandlerTest.class.getResourceAsStream("/fixtures/registry/registre-exemple.xlsx"))) {
            return in.readAllBytes();
        }
    }

    private static List<MeasureReport> reports(RecordingSink sink, String measure) {
        return sink.accepted.values().stream()
                .flatMap(List::stream)
                .filter(r -> r instanceof MeasureReport m && m.getMeasure().endsWith("/" + measure))
                .map(MeasureReport.class::cast)
                .toList();
    }

    private static MeasureReport report(RecordingSink sink, String measure, String period) {
        return reports(sink, measure).stream()
                .filter(r -> r.getIdentifierFirstRep().getValue().endsWith("/" + period))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + measure + " report for " + period));
    }

    private static MeasureReportGroupComponent group(MeasureReport report, String text) {
        return MeasureReports.group(report, text).orElseThrow(() -> new AssertionError("no group " + text));
    }

    private static List<Encounter> encounters(RecordingSink sink) {
        return sink.accepted.values().stream()
                .flatMap(List::stream)
                .filter(Encounter.class::isInstance)
                .map(Encounter.class::cast)
                .toList();
    }

    @Test
    void readsEverySheetOfTheExampleWorkbookWithItsExactFigures() throws IOException {
        RecordingSink sink = read("registre-exemple.xlsx", "xlsx", example());

        assertThat(sink.rejected).isEmpty();
        // Synthese: Héli62 2004-2023 and Héli80 2012-2023 missions; populations 2010-2023
        assertThat(reports(sink, "smur-missions")).hasSize(20);
        assertThat(reports(sink, "smur-population")).hasSize(14);
        MeasureReport missions2004 = report(sink, "smur-missions", "2004");
        assertThat(missions2004.getGroup())
                .extracting(g -> g.getCode().getText())
                .containsExactly("Héli62");
        assertThat(missions2004.getPeriod().getStartElement().getValueAsString())
                .isEqualTo("2004-01-01");
        assertThat(missions2004.getPeriod().getEndElement().getValueAsString()).isEqualTo("2004-12-31");
        MeasureReport missions2023 = report(sink, "smur-missions", "2023");
        assertThat(missions2023.getStatus()).isEqualTo(MeasureReport.MeasureReportStatus.COMPLETE);
        assertThat(missions2023.getType()).isEqualTo(MeasureReport.MeasureReportType.SUMMARY);
        assertThat(missions2023.getMeasure()).isEqualTo("https://vigie.example.org/fhir/Measure/smur-missions");
        MeasureReportGroupComponent heli62 = group(missions2023, "Héli62");
        assertThat(heli62.getMeasureScore().getValue()).isEqualByComparingTo("458");
        assertThat(MeasureReports.strata(heli62, "mission-type"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("primary", 60, "secondary", 398));
        MeasureReportGroupComponent heli80 = group(missions2023, "Héli80");
        assertThat(heli80.getMeasureScore().getValue()).isEqualByComparingTo("459");
        assertThat(MeasureReports.strata(heli80, "mission-type"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("primary", 104, "secondary", 355));
        assertThat(sink.accepted.keySet()).contains(RowRef.of("Synthese!Y2:Y7"));

        MeasureReport population2023 = report(sink, "smur-population", "2023");
        MeasureReportGroupComponent all = group(population2023, "Tous appareils");
        assertThat(all.getMeasureScore().getValue()).isEqualByComparingTo("748");
        assertThat(MeasureReports.strata(all, "population-group"))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "adult",
                        594,
                        "paediatric-smur-polyvalent",
                        19,
                        "paediatric-smur-ped",
                        51,
                        "neonatal-incubator",
                        84));
        assertThat(report(sink, "smur-population", "2010")
                        .getGroupFirstRep()
                        .getMeasureScore()
                        .getValue())
                .isEqualByComparingTo("756");

        // Mois: no year in the sheet, taken from the mission rows (all 2023)
        assertThat(reports(sink, "smur-missions-monthly")).hasSize(12);
        MeasureReport january = report(sink, "smur-missions-monthly", "2023-01");
        assertThat(january.getGroupFirstRep().getMeasureScore().getValue()).isEqualByComparingTo("40");
        assertThat(MeasureReports.strata(january.getGroupFirstRep(), "mission-type"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("primary", 6, "secondary", 34));
        assertThat(MeasureReports.strata(
                        report(sink, "smur-missions-monthly", "2023-12").getGroupFirstRep(), "mission-type"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("primary", 40, "secondary", 22));
        assertThat(sink.warnings.get(RowRef.of("Mois!A2:C3"))).contains("year 2023 taken from the mission rows");

        // Pathologies: 8 groups × 2 types, CIM-10 chapter where the ConceptMap has one
        MeasureReport pathologies = report(sink, "smur-pathologies", "2023");
        MeasureReportGroupComponent p = pathologies.getGroupFirstRep();
        assertThat(p.getMeasureScore().getValue()).isEqualByComparingTo("998");
        assertThat(MeasureReports.strata(p, "smur-pathology"))
                .containsEntry("reanimation", 130)
                .containsEntry("avc", 180)
                .containsEntry("pneumologie", 200)
                .hasSize(8);
        var avc = p.getStratifier().get(0).getStratum().stream()
                .filter(s -> "avc".equals(s.getValue().getCodingFirstRep().getCode()))
                .findFirst()
                .orElseThrow();
        assertThat(avc.getValue().getCoding()).extracting(c -> c.getCode()).containsExactly("avc", "I60-I69");
        assertThat(avc.getValue().getText()).isEqualTo("AVC");

        // Missions: 300 Encounters, 2023
        List<Encounter> encounters = encounters(sink);
        assertThat(encounters).hasSize(300);
        Encounter first = encounters.get(0);
        assertThat(first.getIdentifierFirstRep().getValue()).isEqualTo("H62-2023-0001");
        assertThat(first.getClass_().getCode()).isEqualTo("FLD");
        assertThat(first.getTypeFirstRep().getCodingFirstRep().getCode()).isEqualTo("primary");
        assertThat(first.getPeriod().getStartElement().getValueAsString()).isEqualTo("2023-04-01T04:42:00+02:00");
        assertThat(first.getPeriod().getEndElement().getValueAsString()).isEqualTo("2023-04-01T06:55:00+02:00");
        assertThat(((Quantity) first.getExtensionByUrl(
                                        "https://vigie.example.org/fhir/StructureDefinition/mission-flight-time")
                                .getValue())
                        .getValue())
                .isEqualByComparingTo("84");
        assertThat(first.getHospitalization().hasOrigin()).isFalse();
        // 600100713 is not known: kept as an identifier, with a warning
        Reference destination = first.getHospitalization().getDestination();
        assertThat(destination.hasReference()).isFalse();
        assertThat(destination.getIdentifier().getValue()).isEqualTo("600100713");
        assertThat(sink.warnings.get(RowRef.of("Missions!A2")))
                .contains("Missions!L2: FINESS 600100713 is not a Location in Vigie");
        assertThat(first.getLocationFirstRep().getLocation().getReference())
                .isEqualTo("Location?identifier=https%3A%2F%2Fvigie.example.org%2Ffhir%2Fsid%2Fdz|DZ-010");
        Encounter third = encounters.get(2);
        assertThat(third.getHospitalization().getOrigin().getReference())
                .isEqualTo("Location?identifier=https%3A%2F%2Ffiness.esante.gouv.fr|590000188");
        // a neonate's age 0 is "< 1 a" (FHIR ages are positive)
        Age neonate = (Age) encounters
                .get(1)
                .getExtensionByUrl("https://vigie.example.org/fhir/StructureDefinition/mission-patient-age")
                .getValue();
        assertThat(neonate.getComparator()).isEqualTo(Quantity.QuantityComparator.LESS_THAN);
        assertThat(neonate.getValue()).isEqualByComparingTo("1");
        // 22:33 → 00:01 crosses midnight
        Encounter seventh = encounters.get(6);
        assertThat(seventh.getPeriod().getEndElement().getValueAsString()).isEqualTo("2023-09-04T00:01:00+02:00");
        assertThat(encounters.stream().filter(e -> "primary"
                        .equals(e.getTypeFirstRep().getCodingFirstRep().getCode())))
                .hasSize(64);

        // every report and mission is one row; nothing rejected
        assertThat(sink.accepted).hasSize(20 + 14 + 12 + 1 + 300);
    }

    private static byte[] xlsx(Object[][]... sheets) throws IOException {
        try (Workbook wb = new XSSFWorkbook()) {
            return write(wb, sheets);
        }
    }

    private static byte[] write(Workbook wb, Object[][]... sheets) throws IOException {
        int n = 0;
        for (Object[][] rows : sheets) {
            Sheet sheet = wb.createSheet((String) rows[0][0]);
            for (int r = 1; r < rows.length; r++) {
                Row row = sheet.createRow(r - 1);
                for (int c = 0; c < rows[r].length; c++) {
                    Object v = rows[r][c];
                    if (v instanceof Number number) {
                        row.createCell(c).setCellValue(number.doubleValue());
                    } else if (v != null) {
                        row.createCell(c).setCellValue(v.toString());
                    }
                }
            }
            n++;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        wb.write(out);
        return out.toByteArray();
    }

    @Test
    void toleratesLabelVariantsAndWarnsOnInconsistentTotalsAndPercentages() throws IOException {
        byte[] bytes = xlsx(new Object[][] {
            {"Résumé"},
            {null, 2021, 2022},
            {"PRIM HELI59", 10, 12},
            {"Sec Héli 59", 20, 30},
            {"Total héli59", 30, 43},
            {"Missions primaires Héli59", null, null},
            {},
            {"", "2021", "2022"},
            {"adultes", 40, 50},
            {"Pédiatrie / SMUR polyvalent", 5, 5},
            {"PEDIATRIE SMUR PED", 3, 3},
            {"Néonat (incubateur)", 2, 2},
            {"TOT.", 50, 60},
            {"% ped+neo/tot", "20 %", "17,5%"},
            {"Transf. Paris", 4, 1},
            {"Transferts vers Belgique", 2, null},
        });
        RecordingSink sink = read("registre-2022.xlsx", "xlsx", bytes);

        assertThat(sink.rejected).isEmpty();
        MeasureReport m2022 = report(sink, "smur-missions", "2022");
        assertThat(m2022.getGroup()).extracting(g -> g.getCode().getText()).containsExactly("HELI59");
        assertThat(m2022.getGroupFirstRep().getMeasureScore().getValue()).isEqualByComparingTo("43");
        assertThat(MeasureReports.strata(m2022.getGroupFirstRep(), "mission-type"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("primary", 12, "secondary", 30));
        assertThat(sink.warnings.get(RowRef.of("Résumé!C2:C4")))
                .contains("Résumé!C4: total 43 for HELI59 in 2022 differs from the sum of its parts 42")
                .contains("stored as written");
        assertThat(sink.warnings).doesNotContainKey(RowRef.of("Résumé!B2:B4"));
        MeasureReport p2021 = report(sink, "smur-population", "2021");
        assertThat(p2021.getGroupFirstRep().getMeasureScore().getValue()).isEqualByComparingTo("50");
        assertThat(MeasureReports.strata(p2021.getGroupFirstRep(), "population-group"))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "adult",
                        40,
                        "paediatric-smur-polyvalent",
                        5,
                        "paediatric-smur-ped",
                        3,
                        "neonatal-incubator",
                        2));
        // 2021: (5+3+2)/50 = 20 % as typed; 2022: 10/60 = 16.7 %, typed 17,5 %; total 60 vs parts 60
        assertThat(sink.warnings).doesNotContainKey(RowRef.of("Résumé!B8:B13"));
        assertThat(sink.warnings.get(RowRef.of("Résumé!C8:C13")))
                .contains("Résumé!C13: percentage 17.5 % for Tous appareils in 2022 does not match the counts"
                        + " (10 / 60 = 16.7 %)");
        MeasureReport t2021 = report(sink, "smur-transfers", "2021");
        assertThat(t2021.getGroupFirstRep().getMeasureScore().getValue()).isEqualByComparingTo("6");
        assertThat(MeasureReports.strata(t2021.getGroupFirstRep(), "transfer-destination"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("paris", 4, "belgium", 2));
    }

    @Test
    void rejectsBadCellsWithTheirReasonAndImportsTheRest() throws IOException {
        byte[] bytes = xlsx(
                new Object[][] {
                    {"Synthese"},
                    {null, 2022, 2023, 2031},
                    {"Prim. Héli62", "douze", 10, 5},
                    {"Sec. Héli62", 20, -3, 5},
                    {"TOTAL Héli62", 30, 7, 10},
                    {"Prim. Héli80", 8, 9},
                    {"Sec. Héli80", 1, 1},
                    {"Indicateur inconnu", 1, 1},
                },
                new Object[][] {
                    {"Missions"},
                    {"N° mission", "Date", "Type mission", "Temps de vol (min)", "Âge", "FINESS destination"},
                    {"M1", "2023-05-01", "PRIM", 30, 40, "590780193"},
                    {"M2", "2031-05-01", "PRIM", 30, 40, null},
                    {"M3", "2023-05-02", "PRIM", "long", 40, null},
                    {"M4", "2023-05-03", "PRIM", -5, 40, null},
                    {"M5", "2023-05-04", "TERTIAIRE", 5, 40, null},
                    {"M1", "2023-05-05", "SEC", 5, 40, null},
                    {"M7", "2023-05-06", "SEC", 5, "quarante", null},
                    {"M8", "2023-05-07", "SEC", 5, 40, "12345"},
                    {"M9", "2023-05-08", "SEC", 5, 40, "59078019"},
                });
        RecordingSink sink = read("registre.xlsx", "xlsx", bytes);

        assertThat(sink.rejected)
                .containsOnly(
                        Map.entry(
                                RowRef.of("Synthese!D1"),
                                "Synthese!D1: year 2031 is in the future; its column is not imported"),
                        Map.entry(
                                RowRef.of("Synthese!B2"),
                                "Synthese!B2: text in a count: 'douze' (type a whole number)"),
                        Map.entry(RowRef.of("Synthese!C3"), "Synthese!C3: negative count -3"),
                        Map.entry(
                                RowRef.of("Synthese!A7"),
                                "Synthese!A7: unknown indicator 'Indicateur inconnu' (normalised"
                                        + " 'indicateur inconnu'); add a row to the spec smur-registre"),
                        Map.entry(RowRef.of("Missions!A3"), "Missions!B3: date 2031-05-01 is in the future"),
                        Map.entry(
                                RowRef.of("Missions!A4"), "Missions!D4: text in a flight time: 'long' (type a number)"),
                        Map.entry(RowRef.of("Missions!A5"), "Missions!D5: negative a flight time -5"),
                        Map.entry(
                                RowRef.of("Missions!A6"),
                                "Missions!C6: unknown mission type 'TERTIAIRE' (expected one of"
                                        + " the spec's mission-type labels, e.g. PRIM or SEC)"),
                        Map.entry(
                                RowRef.of("Missions!A7"), "Missions!A7: mission number M1 already used at Missions!A2"),
                        Map.entry(RowRef.of("Missions!A8"), "Missions!E8: text in an age: 'quarante' (type a number)"),
                        Map.entry(
                                RowRef.of("Missions!A9"), "Missions!F9: not a FINESS number: '12345' (9 characters)"));
        // Héli62 is left out of 2022 and 2023 (a bad cell each), Héli80 stays
        MeasureReport m2022 = report(sink, "smur-missions", "2022");
        assertThat(m2022.getGroup()).extracting(g -> g.getCode().getText()).containsExactly("Héli80");
        assertThat(sink.warnings.get(RowRef.of("Synthese!B2:B6"))).contains("Héli62 left out of smur-missions 2022");
        List<Encounter> encounters = encounters(sink);
        assertThat(encounters)
                .extracting(e -> e.getIdentifierFirstRep().getValue())
                .containsExactly("M1", "M9");
        // an 8-digit FINESS lost its leading zero in a number cell: restored
        assertThat(encounters
                        .get(1)
                        .getHospitalization()
                        .getDestination()
                        .getIdentifier()
                        .getValue())
                .isEqualTo("059078019");
    }

    @Test
    void refusesWhatIsNotAWorkbookAnEmptyOneAndAPasswordProtectedOne() throws Exception {
        assertThatThrownBy(() -> read("notes.xlsx", "xlsx", "bonjour".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableImportException.class)
                .hasMessageContaining("notes.xlsx is not an Excel workbook");
        assertThatThrownBy(() -> read("vide.xlsx", "xlsx", xlsx(new Object[][] {{"Feuil1"}})))
                .isInstanceOf(UnreadableImportException.class)
                .hasMessageContaining("vide.xlsx is empty");

        byte[] plain = example();
        POIFSFileSystem fs = new POIFSFileSystem();
        Encryptor encryptor = new EncryptionInfo(EncryptionMode.agile).getEncryptor();
        encryptor.confirmPassword("secret");
        try (OPCPackageWriter writer = new OPCPackageWriter(encryptor.getDataStream(fs))) {
            writer.out().write(plain);
        }
        ByteArrayOutputStream encrypted = new ByteArrayOutputStream();
        fs.writeFilesystem(encrypted);
        assertThatThrownBy(() -> read("protege.xlsx", "xlsx", encrypted.toByteArray()))
                .isInstanceOf(UnreadableImportException.class)
                .hasMessageContaining("protege.xlsx is password-protected");
    }

    /** Closes the encryptor's stream so the encrypted package is complete. */
    private record OPCPackageWriter(OutputStream out) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    @Test
    void readsXlsAndCsvExportsTheSameWay() throws IOException {
        Object[][] missions = {
            {"Missions"},
            {
                "N° mission",
                "Date",
                "Heure décollage",
                "Heure retour base",
                "Appareil",
                "Type mission",
                "Jour/Nuit",
                "Population",
                "Pathologie",
                "Temps de vol (min)"
            },
            {"X-1", "12/02/2023", "23:10", "00:20", "Héli62", "Prim.", "N", "Adulte", "Cardio", 70},
            {
                "X-2",
                "2023-02-13",
                "10:00",
                "11:00",
                "Héli62",
                "Secondaire",
                "Jour",
                "Néonat.(incubateur)",
                "Rhumatologie",
                60
            },
        };
        byte[] xls;
        try (Workbook wb = new HSSFWorkbook()) {
            xls = write(wb, missions);
        }
        RecordingSink fromXls = read("registre.xls", "xls", xls);
        String csv = "N° mission;Date;Heure décollage;Heure retour base;Appareil;Type mission;Jour/Nuit;Population;"
                + "Pathologie;Temps de vol (min)\n"
                + "X-1;12/02/2023;23:10;00:20;Héli62;Prim.;N;Adulte;Cardio;70\n"
                + "X-2;2023-02-13;10:00;11:00;Héli62;Secondaire;Jour;Néonat.(incubateur);Rhumatologie;60\n";
        RecordingSink fromCsv = read("registre.csv", "csv", csv.getBytes(StandardCharsets.UTF_8));

        for (RecordingSink sink : List.of(fromXls, fromCsv)) {
            assertThat(sink.rejected).isEmpty();
            List<Encounter> encounters = encounters(sink);
            assertThat(encounters).hasSize(2);
            Encounter night = encounters.get(0);
            assertThat(night.getPeriod().getStartElement().getValueAsString()).isEqualTo("2023-02-12T23:10:00+01:00");
            assertThat(night.getPeriod().getEndElement().getValueAsString()).isEqualTo("2023-02-13T00:20:00+01:00");
            assertThat(night.getReasonCodeFirstRep().getCoding())
                    .extracting(c -> c.getCode())
                    .containsExactly("cardiologie", "I00-I99");
            assertThat(encounters.get(1).getReasonCodeFirstRep().getCoding()).isEmpty();
            assertThat(encounters.get(1).getReasonCodeFirstRep().getText()).isEqualTo("Rhumatologie");
            assertThat(sink.warnings.values())
                    .anyMatch(w -> w.contains("'Rhumatologie' is not in CodeSystem smur-pathology"));
        }
    }
}
