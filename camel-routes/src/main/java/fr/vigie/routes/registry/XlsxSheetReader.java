package fr.vigie.routes.registry;

import fr.vigie.mappings.registry.Cell;
import fr.vigie.mappings.registry.RegistryMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads an {@code .xlsx} workbook sheet by sheet with a SAX parser over each sheet's XML, handing rows to the engine
 * as they are parsed: memory holds one row at a time (plus the shared-string table), whatever the number of rows.
 * Cells keep their type: numbers, dates (a number whose style is a date or time format), text (shared, inline or a
 * formula's string result), booleans and errors.
 */
final class XlsxSheetReader {

    private XlsxSheetReader() {}

    static void read(OPCPackage pkg, RegistryMapper.Workbook workbook)
            throws IOException, OpenXML4JException, SAXException, ParserConfigurationException {
        XSSFReader reader = new XSSFReader(pkg);
        ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg, false);
        StylesTable styles = reader.getStylesTable();
        XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
        while (sheets.hasNext()) {
            try (InputStream sheet = sheets.next()) {
                RegistryMapper.Sheet target = workbook.sheet(sheets.getSheetName());
                XMLReader parser = XMLHelper.newXMLReader();
                parser.setContentHandler(new Handler(sheets.getSheetName(), strings, styles, target));
                parser.parse(new InputSource(sheet));
                target.end();
            }
        }
    }

    /** SAX handler of one sheet's {@code sheetData}. */
    private static final class Handler extends DefaultHandler {
        private final String sheet;
        private final ReadOnlySharedStringsTable strings;
        private final StylesTable styles;
        private final RegistryMapper.Sheet target;
        private final StringBuilder text = new StringBuilder();
        private final List<Cell> cells = new ArrayList<>();
        private int row;
        private int column;
        private int nextColumn;
        private String type;
        private int style;
        private boolean inValue;
        private boolean inInline;
        private boolean hasValue;

        Handler(String sheet, ReadOnlySharedStringsTable strings, StylesTable styles, RegistryMapper.Sheet target) {
            this.sheet = sheet;
            this.strings = strings;
            this.styles = styles;
            this.target = target;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            switch (localName) {
                case "row" -> {
                    String r = attributes.getValue("r");
                    row = r == null ? row + 1 : Integer.parseInt(r);
                    cells.clear();
                    nextColumn = 0;
                }
                case "c" -> {
                    String ref = attributes.getValue("r");
                    column = ref == null ? nextColumn : columnOf(ref);
                    nextColumn = column + 1;
                    type = attributes.getValue("t");
                    String s = attributes.getValue("s");
                    style = s == null ? -1 : Integer.parseInt(s);
                    text.setLength(0);
                    hasValue = false;
                }
                case "v" -> {
                    inValue = true;
                    hasValue = true;
                }
                case "is" -> {
                    inInline = true;
                    hasValue = true;
                }
                default -> {
                    // formulas (f) are ignored: the cached value (v) is what the sheet shows
                }
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (inValue || inInline) {
                text.append(ch, start, length);
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            switch (localName) {
                case "v" -> inValue = false;
                case "is" -> inInline = false;
                case "c" -> cells.add(cell());
                case "row" -> target.row(row, List.copyOf(cells));
                default -> {
                    // nothing
                }
            }
        }

        private Cell cell() {
            if (!hasValue) {
                return Cell.blank(sheet, row, column);
            }
            String value = text.toString();
            if (type == null || "n".equals(type)) {
                if (value.isBlank()) {
                    return Cell.blank(sheet, row, column);
                }
                double number = Double.parseDouble(value);
                return isDate() ? Cell.date(sheet, row, column, number) : Cell.number(sheet, row, column, number);
            }
            return switch (type) {
                case "s" ->
                    Cell.text(
                            sheet,
                            row,
                            column,
                            strings.getItemAt(Integer.parseInt(value.strip())).getString());
                case "inlineStr", "str" -> Cell.text(sheet, row, column, value);
                case "b" -> new Cell(sheet, row, column, Cell.Kind.BOOLEAN, 0, "1".equals(value) ? "TRUE" : "FALSE");
                case "e" -> new Cell(sheet, row, column, Cell.Kind.ERROR, 0, value);
                case "d" -> Cell.text(sheet, row, column, value); // ISO 8601 date, read as text
                default -> Cell.text(sheet, row, column, value);
            };
        }

        private boolean isDate() {
            if (style < 0 || styles == null || style >= styles.getNumCellStyles()) {
                return false;
            }
            XSSFCellStyle cellStyle = styles.getStyleAt(style);
            return DateUtil.isADateFormat(cellStyle.getDataFormat(), cellStyle.getDataFormatString());
        }

        private static int columnOf(String ref) {
            int column = 0;
            for (int i = 0; i < ref.length() && Character.isLetter(ref.charAt(i)); i++) {
                column = column * 26 + (Character.toUpperCase(ref.charAt(i)) - 'A' + 1);
            }
            return column - 1;
        }
    }
}
