package fr.vigie.mappings.registry;

import fr.vigie.mappings.registry.RegistrySpec.SheetSpec;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Finds the column of each role of a table or mission sheet in its header row. */
final class Headers {

    private Headers() {}

    /** Role → column index, for the roles whose header is present (first column wins). */
    static Map<String, Integer> columns(SheetSpec sheet, Labels labels, List<Cell> header) {
        Map<String, Integer> columns = new LinkedHashMap<>();
        Set<Integer> taken = new HashSet<>();
        for (Map.Entry<String, List<String>> role : sheet.columns().entrySet()) {
            for (Cell cell : header) {
                if (cell.kind() != Cell.Kind.TEXT || taken.contains(cell.column())) {
                    continue;
                }
                String normalised = labels.normalise(cell.text());
                if (role.getValue().contains(normalised)) {
                    columns.put(role.getKey(), cell.column());
                    taken.add(cell.column());
                    break;
                }
            }
        }
        return columns;
    }

    /** The cell of a column in a row (blank when absent). */
    static Cell cell(List<Cell> cells, String sheet, int row, Integer column) {
        if (column == null) {
            return Cell.blank(sheet, row, 0);
        }
        for (Cell cell : cells) {
            if (cell.column() == column) {
                return cell;
            }
        }
        return Cell.blank(sheet, row, column);
    }
}
