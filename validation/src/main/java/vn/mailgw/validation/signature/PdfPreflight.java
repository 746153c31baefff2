package vn.mailgw.validation.signature;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import vn.mailgw.validation.filetype.FileType;
import vn.mailgw.validation.filetype.FileTypeSniffer;
import vn.mailgw.validation.filetype.PdfStructureStreams;
import vn.mailgw.validation.filetype.PdfTokens;

/**
 * Cheap checks on the raw bytes before any parser runs, so hostile files are refused within
 * budget instead of being handed to PDFBox/DSS: not a PDF, encrypted, declared object or page
 * counts over budget. One linear scan, eight bytes at a time, no allocation per byte.
 */
final class PdfPreflight {

    private static final byte[] SIZE = "/Size".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] COUNT = "/Count".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ENCRYPT = "/Encrypt".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EOF = "%%EOF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BYTE_RANGE = "/ByteRange".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DSS = "/DSS".getBytes(StandardCharsets.US_ASCII);


    private PdfPreflight() {}

    /**
     * The facts found by the scan. {@code securityStoreAt}: the first "/DSS" key (a document security store, whose
     * certificates, CRLs and OCSP responses DSS decodes), -1 when none. {@code structureStreamTypes}: where the
     * "/ObjStm" and "/XRef" names are, for {@code PdfStructureStreams} (one pass over the file for both).
     */
    record Facts(long maxDeclaredSize, long maxDeclaredCount, boolean encrypted, List<Long> revisionEnds,
                 boolean hasByteRange, int securityStoreAt, int[] structureStreamTypes) {}

    /** A reason to refuse the file before parsing it, if any. */
    static Optional<Reason> refuse(byte[] pdf, ValidationConfig config, Facts facts) {
        if (FileTypeSniffer.sniff(pdf) != FileType.PDF) {
            return Optional.of(new Reason(ReasonCode.DOCUMENT_UNREADABLE, "no %PDF header: not a PDF file"));
        }
        if (facts.revisionEnds().isEmpty()) {
            return Optional.of(new Reason(ReasonCode.DOCUMENT_UNREADABLE, "no %%EOF marker: truncated or not a PDF"));
        }
        // Encryption is not refused here: PDFs encrypted with an empty user password open and may be
        // signed; a real password makes the parser fail, which the validator reports as DOCUMENT_ENCRYPTED.
        if (facts.maxDeclaredSize() > config.maxPdfObjects()) {
            return Optional.of(new Reason(ReasonCode.DOCUMENT_TOO_COMPLEX, "cross-reference /Size "
                    + facts.maxDeclaredSize() + " exceeds the budget of " + config.maxPdfObjects() + " objects"));
        }
        if (facts.maxDeclaredCount() > config.maxPages()) {
            return Optional.of(new Reason(ReasonCode.DOCUMENT_TOO_COMPLEX, "page tree /Count "
                    + facts.maxDeclaredCount() + " exceeds the budget of " + config.maxPages() + " pages"));
        }
        return Optional.empty();
    }

    static Facts scan(byte[] pdf) {
        long maxSize = 0;
        long maxCount = 0;
        boolean encrypted = false;
        boolean byteRange = false;
        int securityStore = -1;
        int[] types = new int[8];
        int typeCount = 0;
        List<Long> ends = new ArrayList<>();
        for (int i = nextMarker(pdf, 0); i >= 0; i = nextMarker(pdf, i + 1)) {
            byte b = pdf[i];
            if (b == '/') {
                if (PdfTokens.startsWith(pdf, i, SIZE) && !PdfTokens.isNameChar(pdf, i + SIZE.length)) {
                    maxSize = Math.max(maxSize, numberAfter(pdf, i + SIZE.length));
                } else if (PdfTokens.startsWith(pdf, i, COUNT) && !PdfTokens.isNameChar(pdf, i + COUNT.length)) {
                    maxCount = Math.max(maxCount, numberAfter(pdf, i + COUNT.length));
                } else if (PdfTokens.startsWith(pdf, i, ENCRYPT) && !PdfTokens.isNameChar(pdf, i + ENCRYPT.length)) {
                    encrypted = true;
                } else if (!byteRange && PdfTokens.startsWith(pdf, i, BYTE_RANGE)) {
                    byteRange = true;
                } else if (securityStore < 0 && PdfTokens.startsWith(pdf, i, DSS)
                        && !PdfTokens.isNameChar(pdf, i + DSS.length)) {
                    securityStore = i;
                } else if (PdfStructureStreams.isTypeName(pdf, i)) {
                    if (typeCount == types.length) {
                        types = java.util.Arrays.copyOf(types, 2 * typeCount);
                    }
                    types[typeCount++] = i;
                }
            } else if (b == '%' && PdfTokens.startsWith(pdf, i, EOF)) {
                ends.add(endOfLine(pdf, i + EOF.length));
            }
        }
        return new Facts(maxSize, maxCount, encrypted, ends, byteRange, securityStore,
                java.util.Arrays.copyOf(types, typeCount));
    }

    /** The index of the next '/' or '%' from {@code from}, or -1. */
    static int nextMarker(byte[] pdf, int from) {
        return PdfTokens.nextOf(pdf, from, (byte) '/', (byte) '%');
    }

    private static long numberAfter(byte[] pdf, int at) {
        int i = at;
        while (i < pdf.length && (pdf[i] == ' ' || pdf[i] == '\r' || pdf[i] == '\n' || pdf[i] == '\t')) {
            i++;
        }
        long value = 0;
        int digits = 0;
        while (i < pdf.length && pdf[i] >= '0' && pdf[i] <= '9' && digits < 18) {
            value = value * 10 + (pdf[i] - '0');
            i++;
            digits++;
        }
        return value;
    }

    private static long endOfLine(byte[] pdf, int at) {
        int i = at;
        if (i < pdf.length && pdf[i] == '\r') {
            i++;
        }
        if (i < pdf.length && pdf[i] == '\n') {
            i++;
        }
        return i;
    }
}
