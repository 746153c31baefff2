package vn.mailgw.validation.filetype;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Decides a file's {@link FileType} from its leading bytes (and, for ZIP packages, the names of
 * its first entries). Pure and bounded: it reads at most {@link #MAX_ZIP_ENTRIES_INSPECTED}
 * entry names from the zip records ({@link ZipListing}) and inflates no entry beyond the first bytes of
 * the ASiC/ODF "mimetype" entry, so a hostile archive cannot make it spend memory or time.
 */
public final class FileTypeSniffer {

    static final int MAX_ZIP_ENTRIES_INSPECTED = 64;
    private static final int TEXT_PROBE_BYTES = 8192;

    private FileTypeSniffer() {}

    public static FileType sniff(byte[] content) {
        if (content == null || content.length == 0) {
            return FileType.UNKNOWN;
        }
        // Before the PDF scan: an enveloping .p7m over a PDF has "%PDF-" within its first bytes too.
        if (looksLikeDerSignedData(content)) {
            return FileType.CMS_SIGNATURE;
        }
        if (startsWithPdfHeader(content)) {
            return FileType.PDF;
        }
        if (startsWith(content, 0x50, 0x4B, 0x03, 0x04)) {
            return sniffZip(content);
        }
        if (startsWith(content, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1)) {
            return FileType.OLE2_OFFICE;
        }
        if (startsWith(content, 0x89, 'P', 'N', 'G')) {
            return FileType.PNG;
        }
        if (startsWith(content, 0xFF, 0xD8, 0xFF)) {
            return FileType.JPEG;
        }
        if (startsWith(content, 'G', 'I', 'F', '8')) {
            return FileType.GIF;
        }
        if (startsWith(content, 'I', 'I', 0x2A, 0x00) || startsWith(content, 'M', 'M', 0x00, 0x2A)) {
            return FileType.TIFF;
        }
        return sniffText(content);
    }

    /** PDF readers accept the header anywhere in the first 1024 bytes; so must we, or a prefix hides a PDF. */
    private static boolean startsWithPdfHeader(byte[] content) {
        int limit = Math.min(content.length - 5, 1024);
        for (int i = 0; i <= limit; i++) {
            if (content[i] == '%' && content[i + 1] == 'P' && content[i + 2] == 'D' && content[i + 3] == 'F'
                    && content[i + 4] == '-') {
                return true;
            }
        }
        return false;
    }

    private static FileType sniffZip(byte[] content) {
        // Read from the zip records, nothing inflated but the first entry's first bytes (ZipInputStream inflated
        // every entry it passed: seconds for a zip bomb). The ASiC and ODF "mimetype" entry must come first.
        Optional<ZipListing.FirstEntry> first = ZipListing.firstEntry(content, 128);
        if (first.isPresent() && first.get().name().equals("mimetype")) {
            String mimetype = new String(first.get().head(), StandardCharsets.US_ASCII).trim();
            if (mimetype.startsWith("application/vnd.etsi.asic")) {
                return FileType.ASIC;
            }
            if (mimetype.equals("application/vnd.oasis.opendocument.text")) {
                return FileType.ODT;
            }
            if (mimetype.equals("application/vnd.oasis.opendocument.spreadsheet")) {
                return FileType.ODS;
            }
        }
        boolean word = false, excel = false, powerpoint = false, contentTypes = false;
        for (String name : ZipListing.firstNames(content, MAX_ZIP_ENTRIES_INSPECTED)) {
            contentTypes |= name.equals("[Content_Types].xml");
            word |= name.startsWith("word/");
            excel |= name.startsWith("xl/");
            powerpoint |= name.startsWith("ppt/");
        }
        if (contentTypes && word) return FileType.DOCX;
        if (contentTypes && excel) return FileType.XLSX;
        if (contentTypes && powerpoint) return FileType.PPTX;
        return FileType.ZIP;
    }

    /** DER SEQUENCE whose first element is the OID 1.2.840.113549.1.7.2 (id-signedData). */
    private static boolean looksLikeDerSignedData(byte[] c) {
        if (c.length < 16 || (c[0] & 0xFF) != 0x30) {
            return false;
        }
        int i = 1;
        int lengthByte = c[i++] & 0xFF;
        if (lengthByte == 0x80) {
            // indefinite length (BER): the OID follows directly
        } else if (lengthByte > 0x80) {
            i += lengthByte & 0x7F;
        }
        byte[] signedDataOid = {0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x07, 0x02};
        if (i + signedDataOid.length > c.length) {
            return false;
        }
        for (int k = 0; k < signedDataOid.length; k++) {
            if (c[i + k] != signedDataOid[k]) {
                return false;
            }
        }
        return true;
    }

    private static FileType sniffText(byte[] content) {
        int probeLength = Math.min(content.length, TEXT_PROBE_BYTES);
        for (int i = 0; i < probeLength; i++) {
            int b = content[i] & 0xFF;
            if (b == 0 || (b < 0x09) || (b > 0x0D && b < 0x20 && b != 0x1B)) {
                return FileType.UNKNOWN;
            }
        }
        String head = decodeLeniently(content, probeLength).stripLeading();
        String lower = head.toLowerCase(Locale.ROOT);
        if (lower.startsWith("{\\rtf")) return FileType.RTF;
        if (lower.startsWith("-----begin pkcs7-----") || lower.startsWith("-----begin cms-----")) {
            return FileType.CMS_SIGNATURE;
        }
        if (lower.startsWith("begin:vcalendar")) return FileType.CALENDAR;
        if (lower.startsWith("<!doctype html") || lower.startsWith("<html")) return FileType.HTML;
        if (lower.startsWith("<?xml")) return lower.contains("<html") ? FileType.HTML : FileType.XML;
        return FileType.TEXT;
    }

    private static String decodeLeniently(byte[] content, int length) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(content, 0, length))
                    .toString();
        } catch (CharacterCodingException e) {
            // Legacy 8-bit text (TCVN3, VNI, Windows-1258) is still text.
            return new String(content, 0, length, StandardCharsets.ISO_8859_1);
        }
    }

    private static boolean startsWith(byte[] c, int... prefix) {
        if (c.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((c[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
