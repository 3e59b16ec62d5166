package fr.vigie.server.missions;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Iterator;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * Missions sheets in the example registry's layout ({@code registre-exemple.xlsx}), written with POI for the registry
 * tests ({@code XSSFWorkbook}) and the benchmark (streaming {@code SXSSFWorkbook}): dates and times as Excel date
 * cells, numbers as numbers, empty values as missing cells.
 */
public final class MissionWorkbooks {

    static final String[] HEADERS = {
        "N° mission",
        "Date",
        "Heure décollage",
        "Heure retour base",
        "Appareil",
        "Type mission",
        "Jour/Nuit",
        "Population",
        "Âge",
        "Pathologie",
        "FINESS origine",
        "FINESS destination",
        "DZ destination",
        "Temps de vol (min)"
    };

    /** One mission row; a {@code null} or empty value leaves its cell empty. */
    public record Mission(
            String number,
            LocalDate date,
            LocalTime takeoff,
            LocalTime back,
            String aircraft,
            String type,
            String dayNight,
            String population,
            Integer age,
            String pathology,
            String finessOrigin,
            String finessDestination,
            String dz,
            Integer flightMinutes) {}

    private MissionWorkbooks() {}

    /** Adds a sheet {@code Missions} to {@code wb}: the header row, then one row per mission, in order. */
    public static void writeMissions(Workbook wb, Iterator<Mission> missions) {
        CellStyle date = wb.createCellStyle();
        date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("dd/mm/yyyy"));
        CellStyle time = wb.createCellStyle();
        time.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("hh:mm"));
        Sheet sheet = wb.createSheet("Missions");
        Row header = sheet.createRow(0);
        for (int c = 0; c < HEADERS.length; c++) {
            header.createCell(c).setCellValue(HEADERS[c]);
        }
        int r = 0;
        while (missions.hasNext()) {
            Mission m = missions.next();
            Row row = sheet.createRow(++r);
            text(row, 0, m.number());
            if (m.date() != null) {
                Cell day = row.createCell(1);
                day.setCellValue(m.date());
                day.setCellStyle(date);
            }
            time(row, 2, m.takeoff(), time);
            time(row, 3, m.back(), time);
            text(row, 4, m.aircraft());
            text(row, 5, m.type());
            text(row, 6, m.dayNight());
            text(row, 7, m.population());
            number(row, 8, m.age());
            text(row, 9, m.pathology());
            text(row, 10, m.finessOrigin());
            text(row, 11, m.finessDestination());
            text(row, 12, m.dz());
            number(row, 13, m.flightMinutes());
        }
    }

    private static void text(Row row, int column, String value) {
        if (value != null && !value.isEmpty()) {
            row.createCell(column).setCellValue(value);
        }
    }

    private static void number(Row row, int column, Integer value) {
        if (value != null) {
            row.createCell(column).setCellValue(value);
        }
    }

    private static void time(Row row, int column, LocalTime value, CellStyle style) {
        if (value != null) {
            Cell cell = row.createCell(column);
            // Excel times are fractions of a day
            cell.setCellValue(value.toSecondOfDay() / 86_400.0);
            cell.setCellStyle(style);
        }
    }
}
