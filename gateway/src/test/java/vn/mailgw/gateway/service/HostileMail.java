package vn.mailgw.gateway.service;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Builds the hostile input of {@link HostileInputEndToEndTest}: raw MIME written by hand (a library would refuse to
 * write most of it) and hand-made PDFs and zip packages. Every message carries its own Message-ID so the delivered
 * copy and the audit record can be found.
 */
final class HostileMail {

    static final String FROM = "stc@daknong.gov.vn";

    private HostileMail() {}

    /** The header block every hostile message starts with; {@code extra} is added verbatim (CRLF-terminated lines). */
    static String headers(String messageId, String subject, String extra) {
        return "From: Sở Tài chính <" + FROM + ">\r\n"
                + "To: vanthu.ubnd@daknong.gov.vn\r\n"
                + "Subject: " + subject + "\r\n"
                + "Date: Sun, 22 Nov 2026 08:00:00 +0700\r\n"
                + "Message-ID: <" + messageId + "@hostile.daknong.gov.vn>\r\n"
                + "MIME-Version: 1.0\r\n" + extra;
    }

    /** multipart/mixed with a text part and one base64 attachment; {@code partHeaders} replace the default ones. */
    static byte[] withAttachment(String messageId, String fileName, String contentType, byte[] document) {
        String partHeaders = "Content-Type: " + contentType + "; name=\"" + fileName + "\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"" + fileName + "\"\r\n";
        return withPart(messageId, partHeaders, base64Lines(document));
    }

    /** multipart/mixed with a text part and one part of the given raw headers and raw (already encoded) body. */
    static byte[] withPart(String messageId, String partHeaders, String encodedBody) {
        String boundary = "=_hostile_" + messageId;
        String text = headers(messageId, "Van ban thu nghiem", "Content-Type: multipart/mixed; boundary=\"" + boundary
                + "\"\r\n") + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
                + "Kính gửi Văn phòng UBND tỉnh, xin gửi văn bản đính kèm.\r\n"
                + "--" + boundary + "\r\n"
                + partHeaders + "\r\n"
                + encodedBody
                + "--" + boundary + "--\r\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String base64Lines(byte[] data) {
        return Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encodeToString(data) + "\r\n";
    }

    /** Multipart nested {@code depth} levels deep with a small PDF-named attachment at the bottom. */
    static byte[] deeplyNested(String messageId, int depth, byte[] pdf) {
        StringBuilder open = new StringBuilder(headers(messageId, "Long nhau",
                "Content-Type: multipart/mixed; boundary=\"b0\"\r\n")).append("\r\n");
        for (int i = 1; i < depth; i++) {
            open.append("--b").append(i - 1).append("\r\nContent-Type: multipart/mixed; boundary=\"b").append(i)
                    .append("\"\r\n\r\n");
        }
        open.append("--b").append(depth - 1).append("\r\nContent-Type: application/pdf\r\n"
                + "Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\"sau.pdf\"\r\n\r\n")
                .append(base64Lines(pdf));
        for (int i = depth - 1; i >= 0; i--) {
            open.append("--b").append(i).append("--\r\n");
        }
        return open.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One multipart of {@code count} parts of the given raw header (may be empty) and an empty body. */
    static byte[] manyEmptyParts(String messageId, int count, String partHeader) {
        StringBuilder text = new StringBuilder(headers(messageId, "Nhieu phan rong",
                "Content-Type: multipart/mixed; boundary=\"e\"\r\n")).append("\r\n");
        for (int i = 0; i < count; i++) {
            text.append("--e\r\n").append(partHeader).append("\r\n");
        }
        return text.append("--e--\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code count} header fields of {@code lineLength} characters each: a header block of many MB. */
    static byte[] hugeHeaderBlock(String messageId, int count, int lineLength) {
        StringBuilder extra = new StringBuilder();
        String filler = "x".repeat(lineLength);
        for (int i = 0; i < count; i++) {
            extra.append("X-Junk-").append(i).append(": ").append(filler).append("\r\n");
        }
        return (headers(messageId, "Khoi tieu de lon", extra.toString()) + "Content-Type: text/plain\r\n\r\nNoi dung.\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** One Subject field folded over many lines: a single header field of {@code lines} * 76 octets. */
    static byte[] hugeFoldedSubject(String messageId, int lines) {
        StringBuilder subject = new StringBuilder("Giay moi");
        String fold = "\r\n " + "y".repeat(74);
        for (int i = 0; i < lines; i++) {
            subject.append(fold);
        }
        return (headers(messageId, subject.toString(), "Content-Type: text/plain\r\n") + "\r\nNoi dung.\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A header field on ONE physical line of {@code octets}: over the 1000-octet text line limit of SMTP. */
    static byte[] oneHeaderLineOf(String messageId, int octets) {
        return (headers(messageId, "Dong dai", "X-Long: " + "z".repeat(octets) + "\r\nContent-Type: text/plain\r\n")
                + "\r\nNoi dung.\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** An opened multipart whose close delimiter never comes, with a PDF attachment in it. */
    static byte[] neverClosed(String messageId, byte[] pdf) {
        String text = headers(messageId, "Khong dong", "Content-Type: multipart/mixed; boundary=\"open\"\r\n") + "\r\n"
                + "--open\r\nContent-Type: text/plain\r\n\r\nNoi dung.\r\n"
                + "--open\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"khong-dong.pdf\"\r\n\r\n" + base64Lines(pdf);
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Encoded text with CR, LF and NUL where they do not belong, and bytes over 0x7F in the header block. */
    static byte[] eightBitAndNulHeaders(String messageId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, headers(messageId, "Gi\u00e2\u00fdy m\u1eddi", "").getBytes(StandardCharsets.UTF_8));
        out.write(new byte[] {'X', '-', 'R', 'a', 'w', ':', ' ', (byte) 0xFF, (byte) 0xFE, (byte) 0xC3, 0x28, 0, 'a',
                '\r', '\n'}, 0, 15);
        write(out, ("Content-Type: multipart/mixed; boundary=\"n\"\r\n\r\n--n\r\nContent-Type: text/plain\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(new byte[] {'a', 0, 'b', (byte) 0x80, '\r', '\n'}, 0, 6);
        write(out, ("--n\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=\"")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(new byte[] {'t', (byte) 0xE1, 0, (byte) 0xFF, '.', 'p', 'd', 'f'}, 0, 8);
        write(out, "\"\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.write(new byte[] {'%', 'P', 'D', 'F', 0, 0, 0, '\r', '\n'}, 0, 9);
        write(out, "--n--\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    // ---------------------------------------------------------------- hostile documents

    /** A minimal PDF: numbered objects (object 1 the catalog), a classic xref, a trailer with {@code extraTrailer}. */
    static byte[] rawPdf(List<byte[]> objects, String extraTrailer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, "%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n".getBytes(StandardCharsets.ISO_8859_1));
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(out.size());
            write(out, ((i + 1) + " 0 obj\n").getBytes(StandardCharsets.ISO_8859_1));
            write(out, objects.get(i));
            write(out, "\nendobj\n".getBytes(StandardCharsets.ISO_8859_1));
        }
        int xref = out.size();
        StringBuilder table = new StringBuilder("xref\n0 " + (objects.size() + 1) + "\n0000000000 65535 f \n");
        for (int offset : offsets) {
            table.append(String.format("%010d 00000 n \n", offset));
        }
        write(out, (table + "trailer\n<< /Size " + (objects.size() + 1) + " /Root 1 0 R " + extraTrailer
                + " >>\nstartxref\n" + xref + "\n%%EOF\n").getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    static byte[] rawPdf(String... objects) {
        return rawPdf(List.of(objects).stream().map(o -> o.getBytes(StandardCharsets.ISO_8859_1)).toList(), "");
    }

    /** An xref/trailer declaring fifty million objects in a file of a few hundred bytes. */
    static byte[] xrefOfBillions() {
        return rawPdf(List.of("<< /Type /Catalog /Pages 2 0 R >>".getBytes(StandardCharsets.ISO_8859_1),
                "<< /Type /Pages /Kids [] /Count 0 >>".getBytes(StandardCharsets.ISO_8859_1)), "/Size 2000000000");
    }

    /** A page tree whose page is its own ancestor. */
    static byte[] cyclicPageTree() {
        return rawPdf("<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
                "<< /Type /Page /Parent 2 0 R /Kids [2 0 R] /MediaBox [0 0 10 10] >>");
    }

    /** Raw deflate data of {@code size} bytes of "0 ", with the CRC-32 and size a zip entry needs. */
    record Deflated(byte[] data, long size, long crc, long adler) {}

    private static Deflated oneGigabyte;

    /**
     * 1 GB of "0 " deflated to about 1 MB, computed once per test run (the deflating is the slow part) and used both
     * as a PDF page content stream and as the document entry of a DOCX.
     */
    static synchronized Deflated oneGigabyteOfZeros() {
        if (oneGigabyte == null) {
            oneGigabyte = deflateRepeated("0 ".getBytes(StandardCharsets.US_ASCII), 1L << 30);
        }
        return oneGigabyte;
    }

    /** A one-page PDF whose zlib-compressed page content inflates to {@code bomb}'s size of "0 " operands. */
    static byte[] flateBomb(Deflated bomb) {
        return rawPdf(List.of("<< /Type /Catalog /Pages 2 0 R >>".getBytes(StandardCharsets.ISO_8859_1),
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".getBytes(StandardCharsets.ISO_8859_1),
                ("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                        + "/Resources << >> >>").getBytes(StandardCharsets.ISO_8859_1),
                flateStream(bomb)), "");
    }

    /**
     * A one-page text PDF whose font's ToUnicode CMap inflates to {@code bomb}'s size: PDFBox decodes a CMap whole
     * into memory when the font is first used.
     */
    static byte[] fontBomb(Deflated bomb) {
        String content = "BT /F1 12 Tf 72 720 Td (Giay moi hop) Tj ET";
        return rawPdf(List.of("<< /Type /Catalog /Pages 2 0 R >>".getBytes(StandardCharsets.ISO_8859_1),
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".getBytes(StandardCharsets.ISO_8859_1),
                ("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                        + "/Resources << /Font << /F1 5 0 R >> >> >>").getBytes(StandardCharsets.ISO_8859_1),
                ("<< /Length " + content.length() + " >>\nstream\n" + content + "\nendstream")
                        .getBytes(StandardCharsets.ISO_8859_1),
                ("<< /Type /Font /Subtype /TrueType /BaseFont /Arial /FirstChar 32 /LastChar 126 /Widths ["
                        + " 500".repeat(95) + " ] /ToUnicode 6 0 R >>").getBytes(StandardCharsets.ISO_8859_1),
                flateStream(bomb)), "");
    }

    /** A stream object (dictionary and data) whose zlib data inflates to {@code bomb}'s size. */
    private static byte[] flateStream(Deflated bomb) {
        ByteArrayOutputStream zlib = new ByteArrayOutputStream();
        write(zlib, new byte[] {0x78, (byte) 0xDA}); // zlib header (RFC 1950: deflate, best compression)
        write(zlib, bomb.data());
        long adler = bomb.adler();
        write(zlib, new byte[] {(byte) (adler >>> 24), (byte) (adler >>> 16), (byte) (adler >>> 8), (byte) adler});
        byte[] compressed = zlib.toByteArray();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        write(stream, ("<< /Length " + compressed.length + " /Filter /FlateDecode >>\nstream\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        write(stream, compressed);
        write(stream, "\nendstream".getBytes(StandardCharsets.ISO_8859_1));
        return stream.toByteArray();
    }

    /**
     * A one-page PDF whose page resources (object 5) live in an object stream that inflates to {@code bomb}'s size:
     * PDFBox decodes an object stream whole at the first object asked of it, here while reading the first page. The
     * objects are found through a cross-reference stream (type-2 entry for object 5), as in PDFs written since 1.5.
     */
    static byte[] objectStreamBomb(Deflated bomb) {
        return objectStreamBomb(bomb, false);
    }

    /**
     * As {@link #objectStreamBomb(Deflated)}; with {@code hexLayer} the zlib data is written as hexadecimal digits
     * under {@code /Filter [/ASCIIHexDecode /FlateDecode]}, which PDFBox decodes the same way, whole.
     */
    static byte[] objectStreamBomb(Deflated bomb, boolean hexLayer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, "%PDF-1.5\n%\u00e2\u00e3\u00cf\u00d3\n".getBytes(StandardCharsets.ISO_8859_1));
        long[] offsets = new long[8];
        String[] plain = {"", "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources 5 0 R /Contents 6 0 R >>"};
        for (int n = 1; n <= 3; n++) {
            offsets[n] = out.size();
            write(out, (n + " 0 obj\n" + plain[n] + "\nendobj\n").getBytes(StandardCharsets.ISO_8859_1));
        }
        ByteArrayOutputStream zlib = new ByteArrayOutputStream();
        write(zlib, new byte[] {0x78, (byte) 0xDA});
        write(zlib, bomb.data());
        long adler = bomb.adler();
        write(zlib, new byte[] {(byte) (adler >>> 24), (byte) (adler >>> 16), (byte) (adler >>> 8), (byte) adler});
        byte[] data = zlib.toByteArray();
        if (hexLayer) {
            StringBuilder hex = new StringBuilder(data.length * 2 + 1);
            for (byte b : data) {
                hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
            }
            data = hex.append('>').toString().getBytes(StandardCharsets.US_ASCII);
        }
        offsets[4] = out.size();
        write(out, ("4 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter " + (hexLayer ? "[/ASCIIHexDecode /FlateDecode]"
                : "/FlateDecode") + " /Length " + data.length + " >>\nstream\n").getBytes(StandardCharsets.ISO_8859_1));
        write(out, data);
        write(out, "\nendstream\nendobj\n".getBytes(StandardCharsets.ISO_8859_1));
        String content = "BT /F1 12 Tf 72 720 Td (Giay moi) Tj ET";
        offsets[6] = out.size();
        write(out, ("6 0 obj\n<< /Length " + content.length() + " >>\nstream\n" + content + "\nendstream\nendobj\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        offsets[7] = out.size();
        java.nio.ByteBuffer rows = java.nio.ByteBuffer.allocate(8 * 7);
        for (int n = 0; n < 8; n++) {
            boolean compressed = n == 5;
            rows.put((byte) (n == 0 ? 0 : compressed ? 2 : 1));
            rows.putInt(compressed ? 4 : (int) offsets[n]);
            rows.putShort((short) (n == 0 ? 65535 : 0));
        }
        write(out, ("7 0 obj\n<< /Type /XRef /Size 8 /W [1 4 2] /Root 1 0 R /Length " + rows.capacity()
                + " >>\nstream\n").getBytes(StandardCharsets.ISO_8859_1));
        write(out, rows.array());
        write(out, ("\nendstream\nendobj\nstartxref\n" + offsets[7] + "\n%%EOF\n").getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    /**
     * An encrypted PDF (empty user password, so it opens) whose object stream holds an array PDFBox writes as ~40 MB
     * of "0 " (a million zeros, shared, written out 20 times): ~80 kB of ciphertext, which no check on the raw bytes
     * can measure. Written by PDFBox with object streams.
     */
    static byte[] encryptedObjectStreamBomb() {
        org.apache.pdfbox.cos.COSArray thousand = new org.apache.pdfbox.cos.COSArray();
        for (int i = 0; i < 1000; i++) {
            thousand.add(org.apache.pdfbox.cos.COSInteger.ZERO);
        }
        org.apache.pdfbox.cos.COSArray million = new org.apache.pdfbox.cos.COSArray();
        for (int i = 0; i < 1000; i++) {
            million.add(thousand);
        }
        org.apache.pdfbox.cos.COSArray padding = new org.apache.pdfbox.cos.COSArray();
        for (int i = 0; i < 20; i++) {
            padding.add(million);
        }
        padding.setDirect(false);
        try (org.apache.pdfbox.pdmodel.PDDocument document = new org.apache.pdfbox.pdmodel.PDDocument();
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.addPage(new org.apache.pdfbox.pdmodel.PDPage());
            document.getPage(0).getCOSObject().setItem(org.apache.pdfbox.cos.COSName.getPDFName("Padding"), padding);
            document.protect(new org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy("owner-secret", "",
                    new org.apache.pdfbox.pdmodel.encryption.AccessPermission()));
            document.save(out, org.apache.pdfbox.pdfwriter.compress.CompressParameters.DEFAULT_COMPRESSION);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A PDF with a signature field whose /Contents is not a CMS structure and whose /ByteRange is absurd. */
    static byte[] signedWithGarbageContents() {
        String hex = "DEADBEEF".repeat(2_000);
        return rawPdf("<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [3 0 R] /SigFlags 3 >> >>",
                "<< /Type /Pages /Kids [] /Count 0 >>",
                "<< /FT /Sig /T (Chu ky) /V 4 0 R /Type /Annot /Subtype /Widget /Rect [0 0 0 0] >>",
                "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /ByteRange [0 10 20 30] "
                        + "/Contents <" + hex + "> >>");
    }

    /**
     * A DOCX-looking zip ([Content_Types].xml, word/document.xml) whose document entry inflates to {@code bomb}'s
     * size. Written by hand: ZipOutputStream would deflate the gigabyte again.
     */
    static byte[] docxBomb(Deflated bomb) {
        byte[] types = ("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                + "content-types\"><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd."
                + "openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>")
                .getBytes(StandardCharsets.UTF_8);
        CRC32 typesCrc = new CRC32();
        typesCrc.update(types);
        ZipWriter zip = new ZipWriter();
        zip.entry("[Content_Types].xml", 0, types, types.length, typesCrc.getValue());
        zip.entry("word/document.xml", 8, bomb.data(), bomb.size(), bomb.crc());
        return zip.finish();
    }

    /** The few bytes of the zip format (PKWARE APPNOTE 4.3) a two-entry package needs. */
    private static final class ZipWriter {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteArrayOutputStream central = new ByteArrayOutputStream();
        private int entries;

        void entry(String name, int method, byte[] data, long size, long crc) {
            byte[] n = name.getBytes(StandardCharsets.UTF_8);
            int offset = out.size();
            le(out, 0x04034b50, 4);
            le(out, 20, 2);
            le(out, 0, 2);
            le(out, method, 2);
            le(out, 0, 4); // time, date
            le(out, crc, 4);
            le(out, data.length, 4);
            le(out, size, 4);
            le(out, n.length, 2);
            le(out, 0, 2);
            write(out, n);
            write(out, data);
            le(central, 0x02014b50, 4);
            le(central, 20, 2);
            le(central, 20, 2);
            le(central, 0, 2);
            le(central, method, 2);
            le(central, 0, 4);
            le(central, crc, 4);
            le(central, data.length, 4);
            le(central, size, 4);
            le(central, n.length, 2);
            le(central, 0, 2 + 2 + 2 + 2 + 4); // extra, comment, disk, internal attrs (2+2+2+2), external (4)
            le(central, offset, 4);
            write(central, n);
            entries++;
        }

        byte[] finish() {
            int start = out.size();
            byte[] dir = central.toByteArray();
            write(out, dir);
            le(out, 0x06054b50, 4);
            le(out, 0, 4);
            le(out, entries, 2);
            le(out, entries, 2);
            le(out, dir.length, 4);
            le(out, start, 4);
            le(out, 0, 2);
            return out.toByteArray();
        }

        private static void le(ByteArrayOutputStream out, long value, int bytes) {
            for (int i = 0; i < bytes; i++) {
                out.write((int) (value >>> (8 * i)) & 0xFF);
            }
        }
    }

    /** A DOCX-looking zip of {@code entries} tiny stored entries. */
    static byte[] docxOfManyEntries(int entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write("<Types/>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            zip.write("<w:document/>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            byte[] empty = new byte[0];
            CRC32 crc = new CRC32();
            for (int i = 0; i < entries; i++) {
                ZipEntry e = new ZipEntry("word/media/e" + i);
                e.setMethod(ZipEntry.STORED);
                e.setSize(0);
                e.setCrc(crc.getValue());
                zip.putNextEntry(e);
                zip.write(empty);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Bytes that start like a DER SEQUENCE with a long length, then noise: a .p7m that is not DER. */
    static byte[] notDerP7m() {
        byte[] noise = new byte[20_000];
        new Random(7).nextBytes(noise);
        noise[0] = 0x30;
        noise[1] = (byte) 0x84;
        noise[2] = 0x7F;
        noise[3] = (byte) 0xFF;
        noise[4] = (byte) 0xFF;
        noise[5] = (byte) 0xFF;
        return noise;
    }

    private static Deflated deflateRepeated(byte[] unit, long total) {
        byte[] chunk = new byte[1 << 20];
        for (int i = 0; i < chunk.length; i++) {
            chunk[i] = unit[i % unit.length];
        }
        CRC32 crc = new CRC32();
        java.util.zip.Adler32 adler = new java.util.zip.Adler32();
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true); // raw: no zlib header, usable in a zip
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        for (long fed = 0; fed < total; fed += chunk.length) {
            crc.update(chunk);
            adler.update(chunk);
            deflater.setInput(chunk);
            while (!deflater.needsInput()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return new Deflated(out.toByteArray(), total, crc.getValue(), adler.getValue());
    }

    private static void write(ByteArrayOutputStream out, byte[] bytes) {
        out.write(bytes, 0, bytes.length);
    }
}
