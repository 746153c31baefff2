package vn.mailgw.validation.filetype;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdfwriter.compress.CompressParameters;

/** Encrypted PDFs (empty user password: they open without one) whose object stream is large once decoded. */
public final class EncryptedPdfs {

    private EncryptedPdfs() {}

    /**
     * One page, encrypted (RC4 128, owner password only), written by PDFBox with object streams; the page carries
     * an indirect array, in the object stream, that PDFBox writes as {@code megabytes} × 2 MB of "0 " (a million
     * zeros, shared, written out each time): a ~40 kB encrypted object stream per 20 MB decoded.
     */
    public static byte[] withObjectStreamOf(int megabytes) throws IOException {
        return withObjectStreamOf(megabytes, CompressParameters.DEFAULT_OBJECT_STREAM_SIZE);
    }

    /** As {@link #withObjectStreamOf(int)}, at most {@code objectsPerStream} objects per object stream (1: the page
     * and the array are in streams of their own). */
    public static byte[] withObjectStreamOf(int megabytes, int objectsPerStream) throws IOException {
        COSArray thousandZeros = new COSArray();
        for (int i = 0; i < 1000; i++) {
            thousandZeros.add(COSInteger.ZERO);
        }
        COSArray millionZeros = new COSArray();
        for (int i = 0; i < 1000; i++) {
            millionZeros.add(thousandZeros);
        }
        COSArray padding = new COSArray();
        for (int i = 0; i < megabytes / 2; i++) {
            padding.add(millionZeros);
        }
        padding.setDirect(false); // its own object, which PDFBox puts into the object stream
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.addPage(new PDPage());
            document.getPage(0).getCOSObject().setItem(COSName.getPDFName("Padding"), padding);
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-secret", "", new AccessPermission());
            policy.setEncryptionKeyLength(128);
            document.protect(policy);
            document.save(out, new CompressParameters(objectsPerStream));
            return out.toByteArray();
        }
    }
}
