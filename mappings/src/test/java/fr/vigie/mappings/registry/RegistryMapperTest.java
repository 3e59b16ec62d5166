package fr.vigie.mappings.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/** The engine on its own: cells in, resources, rejections and warnings out (no file format, no server). */
class RegistryMapperTest {

    private static final class Recorder implements RegistryOutput {
        final Map<String, List<? extends Resource>> accepted = new LinkedHashMap<>();
        final Map<String, String> rejected = new LinkedHashMap<>();
        final Map<String, List<String>> warnings = new LinkedHashMap<>();

        @Override
        public void accept(String row, List<? extends Resource> resources) {
            accepted.put(row, resources);
        }

        @Override
        public void reject(String row, String reason) {
            rejected.put(row, reason);
        }

        @Override
        public void warn(String row, String message) {
            warnings.computeIfAbsent(row, k -> new ArrayList<>()).add(message);
        }
    }

    private final RegistryMapper mapper =
            new RegistryMapper(RegistryMapper.shippedSpecs(), LocalDate.of(2024, 1, 15), f -> true, d -> true);

    private static List<Cell> row(String sheet, int r, Object... values) {
        List<Cell> cells = new ArrayList<>();
        for (int c = 0; c < values.length; c++) {
            Object v = values[c];
            if (v instanceof Number n) {
                cells.add(Cell.number(sheet, r, c, n.doubleValue()));
            } else if (v != null) {
                cells.add(Cell.text(sheet, r, c, v.toString()));
            }
        }
        return cells;
    }

    @Test
    void summaryBlocksBecomeOneReportPerMeasureAndYearWithAGroupPerAircraft() {
        Recorder out = new Recorder();
        RegistryMapper.Workbook workbook = mapper.open("registre.xlsx", out);
        RegistryMapper.Sheet sheet = workbook.sheet("Bilan");
        sheet.row(1, row("Bilan", 1, null, 2022, 2023));
        sheet.row(2, row("Bilan", 2, "Prim Heli59", 3, 4));
        sheet.row(3, row("Bilan", 3, "SEC. HÉLI59", 5, 6));
        sheet.row(4, row("Bilan", 4, "Prim. Héli62", null, 1));
        sheet.row(5, row("Bilan", 5, "Sec. Héli62", null, 2));
        sheet.row(6, row("Bilan", 6, "TOTAL Héli62", null, 3));
        sheet.end();
        workbook.end();

        assertThat(out.rejected).isEmpty();
        assertThat(out.warnings).isEmpty();
        MeasureReport r2023 = (MeasureReport) out.accepted.get("Bilan!C2:C6").get(0);
        assertThat(r2023.getGroup()).extracting(g -> g.getCode().getText()).containsExactly("Heli59", "Héli62");
        assertThat(r2023.getGroup())
                .extracting(g -> g.getMeasureScore().getValue().intValue())
                .containsExactly(10, 3);
        // 2022: Héli62 had no figures, so no group (not a zero)
        MeasureReport r2022 = (MeasureReport) out.accepted.get("Bilan!B2:B3").get(0);
        assertThat(r2022.getGroup()).extracting(g -> g.getCode().getText()).containsExactly("Heli59");
        assertThat(r2022.getIdentifierFirstRep().getValue()).isEqualTo("smur-registre/smur-missions/2022");
        assertThat(r2022.getMeta().getTagFirstRep().getCode()).isEqualTo("registry-table");
    }

    @Test
    void aTableWithoutYearIsRejectedWhenNothingDatesIt() {
        Recorder out = new Recorder();
        RegistryMapper.Workbook workbook = mapper.open("registre.xlsx", out);
        RegistryMapper.Sheet sheet = workbook.sheet("Mois");
        sheet.row(1, row("Mois", 1, "Mois", "Type", "Nombre"));
        sheet.row(2, row("Mois", 2, "janvier", "PRIM", 3));
        sheet.end();
        workbook.end();
        assertThat(out.accepted).isEmpty();
        assertThat(out.rejected.get("Mois!A2")).contains("this table gives no year");
    }

    @Test
    void aMonthNameAndAYearInTheFileNameDateAMonthTable() {
        Recorder out = new Recorder();
        RegistryMapper.Workbook workbook = mapper.open("registre-2023.csv", out);
        RegistryMapper.Sheet sheet = workbook.sheet("registre-2023.csv");
        sheet.row(1, row("x", 1, "Mois", "Type de mission", "Nombre"));
        sheet.row(2, row("x", 2, "Février", "Prim.", 3));
        sheet.row(3, row("x", 3, "fevr.", "Secondaire", 4));
        sheet.end();
        workbook.end();
        assertThat(out.rejected).isEmpty();
        MeasureReport february =
                (MeasureReport) out.accepted.get("registre-2023.csv!A2:C3").get(0);
        assertThat(february.getMeasure()).endsWith("/smur-missions-monthly");
        assertThat(february.getPeriod().getStartElement().getValueAsString()).isEqualTo("2023-02-01");
        assertThat(february.getPeriod().getEndElement().getValueAsString()).isEqualTo("2023-02-28");
        assertThat(february.getGroupFirstRep().getMeasureScore().getValue().intValue())
                .isEqualTo(7);
    }

    @Test
    void anUnknownLayoutIsRejectedAsAWholeWithTheHeadersRead() {
        Recorder out = new Recorder();
        RegistryMapper.Workbook workbook = mapper.open("x.xlsx", out);
        RegistryMapper.Sheet sheet = workbook.sheet("Feuil3");
        sheet.row(1, row("Feuil3", 1, "Commune", "Population"));
        sheet.row(2, row("Feuil3", 2, "Lille", 236234));
        sheet.end();
        workbook.end();
        assertThat(out.rejected.get("Feuil3!A1"))
                .contains("no registry layout matches its first row (Commune | Population)");
    }

    @Test
    void aMissionAcrossMidnightEndsTheNextDayAndOneInTheSpringGapKeepsNoEndWithAWarning() {
        Recorder out = new Recorder();
        RegistryMapper.Workbook workbook = mapper.open("m.xlsx", out);
        RegistryMapper.Sheet sheet = workbook.sheet("Missions");
        sheet.row(
                1,
                row(
                        "Missions",
                        1,
                        "N° mission",
                        "Date",
                        "Appareil",
                        "Type mission",
                        "Heure décollage",
                        "Heure retour"));
        sheet.row(2, row("Missions", 2, "A", "2023-01-31", "Héli62", "PRIM", "23:40", "00:30"));
        // 26 March 2023: Paris clocks went from 02:00 to 03:00; 02:50 is read as 03:50, after the 03:20 return
        sheet.row(3, row("Missions", 3, "B", "2023-03-26", "Héli62", "PRIM", "02:50", "03:20"));
        sheet.row(4, row("Missions", 4, "C", "2023-03-26", "Héli62", "PRIM", "01:40", "03:10"));
        sheet.end();
        workbook.end();

        assertThat(out.rejected).isEmpty();
        Map<String, Encounter> missions = new LinkedHashMap<>();
        out.accepted.values().forEach(list -> {
            Encounter encounter = (Encounter) list.get(0);
            missions.put(encounter.getIdentifierFirstRep().getValue(), encounter);
        });
        assertThat(missions.get("A").getPeriod().getEndElement().getValueAsString())
                .isEqualTo("2023-02-01T00:30:00+01:00");
        assertThat(missions.get("B").getPeriod().hasEnd()).isFalse();
        assertThat(missions.get("B").getPeriod().getStartElement().getValueAsString())
                .isEqualTo("2023-03-26T03:50:00+02:00");
        assertThat(missions.get("C").getPeriod().getEndElement().getValueAsString())
                .isEqualTo("2023-03-26T03:10:00+02:00");
        assertThat(out.warnings.values().stream().flatMap(List::stream))
                .singleElement()
                .asString()
                .contains("return 03:20 comes before takeoff 02:50")
                .contains("2023-03-26");
    }

    @Test
    void missionStatisticsAggregateEncountersIntoTheSameShape() {
        Recorder out = new Recorder();
        RegistryMapper.Workbook workbook = mapper.open("m.xlsx", out);
        RegistryMapper.Sheet sheet = workbook.sheet("Missions");
        sheet.row(
                1,
                row(
                        "Missions",
                        1,
                        "N° mission",
                        "Date",
                        "Appareil",
                        "Type mission",
                        "Jour/Nuit",
                        "Temps de vol (min)"));
        sheet.row(2, row("Missions", 2, "A", "2023-01-31", "Héli62", "PRIM", "Nuit", 30));
        sheet.row(3, row("Missions", 3, "B", "2023-02-01", "Héli62", "SEC", "Jour", 45));
        sheet.row(4, row("Missions", 4, "C", "2023-02-02", "Héli80", "SEC", "Jour", 15));
        sheet.end();
        workbook.end();
        MissionStatistics statistics = new MissionStatistics();
        out.accepted.values().forEach(list -> statistics.add((Encounter) list.get(0)));
        List<MeasureReport> reports = statistics.reports();
        MeasureReport missions = reports.stream()
                .filter(r -> r.getIdentifierFirstRep().getValue().equals("missions/smur-missions/2023"))
                .findFirst()
                .orElseThrow();
        assertThat(missions.getGroup()).extracting(g -> g.getCode().getText()).containsExactly("Héli62", "Héli80");
        assertThat(missions.getGroupFirstRep().getMeasureScore().getValue().intValue())
                .isEqualTo(2);
        assertThat(missions.getMeta().getTagFirstRep().getCode()).isEqualTo("mission-aggregate");
        MeasureReport february = reports.stream()
                .filter(r -> r.getIdentifierFirstRep().getValue().equals("missions/smur-missions-monthly/2023-02"))
                .findFirst()
                .orElseThrow();
        assertThat(february.getGroup()).hasSize(2);
        MeasureReport flight = reports.stream()
                .filter(r -> r.getIdentifierFirstRep().getValue().equals("missions/smur-flight-time/2023"))
                .findFirst()
                .orElseThrow();
        assertThat(flight.getGroupFirstRep().getMeasureScore().getValue().intValue())
                .isEqualTo(75);
    }
}
