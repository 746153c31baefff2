import java.nio.charset.StandardCharsets;
import java.time.Instant;
import vn.mailgw.trust.anchors.TrustSnapshot;
import vn.mailgw.validation.classify.*;
import vn.mailgw.validation.filetype.*;
import vn.mailgw.validation.signature.*;

/**
 * Large zip-based documents that are no zip bombs (plain paragraphs or rows, 8-26:1): what the zip check, classification
 * and the Office signature engine cost on them. Ad-hoc harness of office8 (see README.md in this folder):
 *   java -Xmx1g -cp "OUT:validation/target/classes:validation/target/test-classes:gateway/target/lib/*" LargeParts docx 95
 *   java ... LargeParts xlsx 60
 */
public class LargeParts {
    public static void main(String[] args) throws Exception {
        String[] a = {args[1]};
        if (args[0].equals("docx")) {
            docx(a);
        } else {
            xlsx(a);
        }
        System.exit(0);
    }

    static void docx(String[] a) throws Exception {
        int mb = Integer.parseInt(a[0]);
        java.io.ByteArrayOutputStream xml = new java.io.ByteArrayOutputStream(mb * 1024 * 1024 + 1024);
        xml.writeBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>".getBytes(StandardCharsets.UTF_8));
        int i = 0;
        while (xml.size() < mb * 1024L * 1024) {
            xml.writeBytes(("<w:p><w:r><w:t>Dòng số " + (i++) + " của văn bản</w:t></w:r></w:p>").getBytes(StandardCharsets.UTF_8));
        }
        xml.writeBytes("</w:body></w:document>".getBytes(StandardCharsets.UTF_8));
        byte[] doc = xml.toByteArray();
        String types = "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";
        String rels = "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";
        byte[] docx = new HandMadeZip().add(HandMadeZip.deflated("[Content_Types].xml", types), HandMadeZip.deflated("_rels/.rels", rels),
                new HandMadeZip.Entry("word/document.xml", 8, HandMadeZip.deflate(doc, 9), doc.length, HandMadeZip.deflate(doc, 9).length, crc(doc), 0, true)).finish();
        System.out.printf("document.xml %d MB, docx %d kB (ratio %.0f)%n", doc.length >> 20, docx.length >> 10, (double) doc.length / docx.length);
        doc = null;
        for (int r = 0; r < 2; r++) {
            long t0 = System.nanoTime();
            var check = ZipInflationCheck.tooLarge(docx);
            long t1 = System.nanoTime();
            System.out.printf("check %.0f ms %s%n", (t1 - t0) / 1e6, check);
            String c;
            try {
                c = String.valueOf(new DocumentClassifier(ClassifierConfig.DEFAULT, OcrEngine.NONE, ProfileCategories.bundled(), "daknong-2012")
                        .classify(new ClassificationInput(docx, "x.docx", "x")).notices());
            } catch (Throwable e) { c = e.toString(); }
            long t2 = System.nanoTime();
            System.out.printf("classify %.0f ms %s%n", (t2 - t1) / 1e6, c.substring(0, Math.min(200, c.length())));
            var rep = new SignatureValidator(ValidationConfig.DEFAULT).validateOfficePackage(docx, "x.docx", TrustSnapshot.empty(Instant.now()), Instant.now());
            long t3 = System.nanoTime();
            System.out.printf("office-sig %.0f ms %s%n", (t3 - t2) / 1e6, String.valueOf(rep).substring(0, Math.min(200, String.valueOf(rep).length())));
        }
    }

    static void xlsx(String[] a) throws Exception {
        int mb = Integer.parseInt(a[0]);
        java.io.ByteArrayOutputStream xml = new java.io.ByteArrayOutputStream(mb * 1024 * 1024 + 1024);
        xml.writeBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>".getBytes(StandardCharsets.UTF_8));
        int i = 0;
        while (xml.size() < mb * 1024L * 1024) {
            i++;
            xml.writeBytes(("<row r=\"" + i + "\"><c r=\"A" + i + "\" t=\"inlineStr\"><is><t>Dòng " + i + "</t></is></c><c r=\"B" + i + "\"><v>" + i + "</v></c></row>").getBytes(StandardCharsets.UTF_8));
        }
        xml.writeBytes("</sheetData></worksheet>".getBytes(StandardCharsets.UTF_8));
        byte[] sheet = xml.toByteArray();
        String types = "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>";
        String rels = "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
        String wb = "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
        String wbRels = "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>";
        byte[] d = HandMadeZip.deflate(sheet, 9);
        var crc = new java.util.zip.CRC32(); crc.update(sheet);
        byte[] xlsx = new HandMadeZip().add(HandMadeZip.deflated("[Content_Types].xml", types), HandMadeZip.deflated("_rels/.rels", rels),
                HandMadeZip.deflated("xl/workbook.xml", wb), HandMadeZip.deflated("xl/_rels/workbook.xml.rels", wbRels),
                new HandMadeZip.Entry("xl/worksheets/sheet1.xml", 8, d, sheet.length, d.length, crc.getValue(), 0, true)).finish();
        sheet = null;
        System.out.printf("sheet %d MB, xlsx %d kB, sniff %s%n", mb, xlsx.length >> 10, FileTypeSniffer.sniff(xlsx));
        for (int r = 0; r < 3; r++) {
        long t1 = System.nanoTime();
        String c;
        try {
            c = String.valueOf(new DocumentClassifier(ClassifierConfig.DEFAULT, OcrEngine.NONE, ProfileCategories.bundled(), "daknong-2012")
                    .classify(new ClassificationInput(xlsx, "x.xlsx", "x")).notices());
        } catch (Throwable e) { c = e.toString(); }
        System.out.printf("classify %.0f ms %s%n", (System.nanoTime() - t1) / 1e6, c.substring(0, Math.min(200, c.length())));
        }
    }

    static long crc(byte[] b) { var c = new java.util.zip.CRC32(); c.update(b); return c.getValue(); }
}
