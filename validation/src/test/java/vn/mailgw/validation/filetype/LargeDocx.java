package vn.mailgw.validation.filetype;

import java.io.IOException;

/**
 * A .docx whose document.xml is {@code mb} MB of plain paragraphs ("Dòng số i của văn bản"), with the parts Word and
 * POI need, deflated as it is written: under every zip limit (26:1), yet large. Test fixture.
 */
public final class LargeDocx {

    private static final long MB = 1024 * 1024;

    private LargeDocx() {}

    public static byte[] of(int mb) throws IOException {
        java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        long size = 0;
        java.util.zip.Deflater deflater = new java.util.zip.Deflater(1, true);
        try (java.util.zip.DeflaterOutputStream out = new java.util.zip.DeflaterOutputStream(raw, deflater, 1 << 16)) {
            StringBuilder chunk = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\""
                    + "http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>");
            for (int i = 0; size < mb * MB; i++) {
                chunk.append("<w:p><w:r><w:t>Dòng số ").append(i).append(" của văn bản</w:t></w:r></w:p>");
                if (chunk.length() > 60_000) {
                    byte[] bytes = chunk.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    out.write(bytes);
                    crc.update(bytes);
                    size += bytes.length;
                    chunk.setLength(0);
                }
            }
            byte[] end = (chunk + "</w:body></w:document>").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.write(end);
            crc.update(end);
            size += end.length;
        } finally {
            deflater.end();
        }
        String types = "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                + "content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package."
                + "relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override "
                + "PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument."
                + "wordprocessingml.document.main+xml\"/></Types>";
        String rels = "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                + "relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
                + "2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";
        return new HandMadeZip().add(HandMadeZip.deflated("[Content_Types].xml", types),
                HandMadeZip.deflated("_rels/.rels", rels),
                new HandMadeZip.Entry("word/document.xml", HandMadeZip.DEFLATED, raw.toByteArray(), size, raw.size(),
                        crc.getValue(), 0, true)).finish();
    }
}
