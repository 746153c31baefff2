package vn.mailgw.validation.classify;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Set;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import vn.mailgw.validation.filetype.ZipEntries;
import vn.mailgw.validation.filetype.ZipPartSource;

/**
 * The cell text of an .xlsx, read with POI's event API (SAX over each sheet) and stopped after {@code maxChars}:
 * {@code XSSFWorkbook} builds every sheet as objects first, which took 20 s for a 7 MB workbook of one 60 MB sheet.
 * Same text as before: each row's non-blank cells as Excel formats them, tab-separated, one line per row. One
 * difference: a formula cell gives its cached result (what the sheet shows), where the object model gave the formula.
 *
 * <p>The package is opened through {@link ZipPartSource}, so only the parts POI's reader asks for are inflated (the
 * workbook, its relationships, styles, shared strings, then sheet after sheet until {@code maxChars}), each as far as
 * it is read. POI's opening from bytes inflated every part into memory first: 1.8-5.4 s of a 7.3 MB workbook of one
 * 60 MB sheet went there.
 */
final class XlsxText {

    private XlsxText() {}

    /**
     * Largest XML part read whole into objects (content types, relationships, workbook, styles, theme: an object model
     * takes ~10 times its XML); sheets and shared strings are streamed and bounded by the zip budget alone.
     */
    static final long MAX_PARSED_PART_BYTES = 16L * 1024 * 1024;

    static Extraction read(ZipEntries xlsx, int maxChars) throws IOException {
        for (ZipEntries.Entry e : xlsx.list()) {
            if (parsedWhole(e.name()) && e.size() > MAX_PARSED_PART_BYTES) {
                return new Extraction.Unreadable("workbook not opened: " + e.name() + " declares " + e.size()
                        + " bytes, over the " + MAX_PARSED_PART_BYTES + " read whole into memory");
            }
        }
        OPCPackage pkg;
        try {
            pkg = OPCPackage.open(new ZipPartSource(xlsx));
        } catch (OpenXML4JException e) {
            return new Extraction.Unreadable("not a readable workbook: " + e.getMessage());
        }
        Rows rows = new Rows(maxChars);
        try {
            XSSFReader reader = new XSSFReader(pkg);
            XMLReader parser = XMLHelper.newXMLReader();
            parser.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(), new ReadOnlySharedStringsTable(pkg),
                    rows, new DataFormatter(), false));
            Iterator<InputStream> sheets = reader.getSheetsData();
            while (sheets.hasNext()) {
                try (InputStream sheet = sheets.next()) {
                    parser.parse(new InputSource(sheet));
                }
            }
        } catch (Rows.Full enough) {
            // the first maxChars are read: the rest does not decide the type
        } catch (OpenXML4JException | SAXException | ParserConfigurationException e) {
            return new Extraction.Unreadable("not a readable workbook: " + e.getMessage());
        } finally {
            pkg.revert(); // opened read-only from memory: nothing to write back
        }
        return new Extraction.Text(rows.text.toString(), Set.of());
    }

    /** Any XML part but the streamed ones (a declared size bounds what is inflated of it, so it is judged up front). */
    private static boolean parsedWhole(String name) {
        boolean xml = name.endsWith(".xml") || name.endsWith(".rels");
        boolean streamed = name.startsWith("xl/worksheets/") && !name.endsWith(".rels")
                || name.startsWith("xl/sharedStrings");
        return xml && !streamed;
    }

    /** Collects rows until {@code maxChars}, then stops the parse. */
    private static final class Rows implements XSSFSheetXMLHandler.SheetContentsHandler {
        private final int maxChars;
        private final StringBuilder text = new StringBuilder();

        Rows(int maxChars) {
            this.maxChars = maxChars;
        }

        @Override
        public void startRow(int rowNum) {
        }

        @Override
        public void endRow(int rowNum) {
            text.append('\n');
            if (text.length() > maxChars) {
                throw new Full();
            }
        }

        @Override
        public void cell(String cellReference, String formattedValue, XSSFComment comment) {
            if (formattedValue != null && !formattedValue.isBlank()) {
                text.append(formattedValue).append('\t');
            }
        }

        /** Thrown out of the SAX parse once enough text is read. */
        private static final class Full extends RuntimeException {
            Full() {
                super(null, null, false, false);
            }
        }
    }
}
