package vn.mailgw.validation.filetype;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.filter.FilterFactory;
import org.junit.jupiter.api.Test;

class PdfStructureStreamsTest {

    private static final long LIMIT = 4L * 1024 * 1024;

    /**
     * An object stream's dictionary and its zlib data of {@code inflated} spaces, as a PDF holds it; "LENGTH" in the
     * dictionary becomes the data's real length.
     */
    private static byte[] objectStream(String dictionary, long inflated) throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        try (DeflaterOutputStream zlib = new DeflaterOutputStream(data, new Deflater(9))) {
            byte[] spaces = " ".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
            for (long written = 0; written < inflated; written += spaces.length) {
                zlib.write(spaces);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(("%PDF-1.5\n4 0 obj\n" + dictionary.replace("LENGTH", String.valueOf(data.size())) + "\nstream\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        data.writeTo(out);
        out.write("\nendstream\nendobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    @Test
    void tooLargeShouldMeasureAStreamWhoseTrueLengthCouldHoldMoreThanTheLimit() throws IOException {
        byte[] pdf = objectStream("<</Type/ObjStm/N 1/First 4/Filter/FlateDecode/Length LENGTH>>", 2 * LIMIT);

        assertThat(PdfStructureStreams.tooLarge(pdf, LIMIT)).isPresent();
    }

    @Test
    void tooLargeShouldTrustASmallCheckedLengthAndNotInflate() throws IOException {
        // Its true /Length is so short that no deflate data of that size can exceed the limit: passed unmeasured.
        // The same stream with a wrong /Length is measured (and passes, being small).
        assertThat(PdfStructureStreams.tooLarge(
                objectStream("<</Type/ObjStm/N 1/First 4/Filter/FlateDecode/Length LENGTH>>", 64 * 1024), LIMIT)).isEmpty();
        assertThat(PdfStructureStreams.tooLarge(
                objectStream("<</Type/ObjStm/N 1/First 4/Length 12 0 R/Filter/FlateDecode>>", 2 * LIMIT), LIMIT))
                .as("an indirect /Length is not trusted: measured").isPresent();
    }

    @Test
    void tooLargeShouldNameTheObjectStreamWhenItInflatesBeyondTheLimit() throws IOException {
        byte[] pdf = objectStream("<</Type/ObjStm/N 1/First 4/Filter/FlateDecode/Length 99>>", 2 * LIMIT);

        assertThat(PdfStructureStreams.tooLarge(pdf, LIMIT)).hasValueSatisfying(
                problem -> assertThat(problem).startsWith("a ObjStm stream at byte").endsWith(LIMIT + " bytes"));
    }

    @Test
    void tooLargeShouldMeasureCrossReferenceStreamsAndDictionariesWithDecodeParms() throws IOException {
        byte[] pdf = objectStream("<< /Type /XRef /W [1 4 2] /Filter /FlateDecode /DecodeParms << /Columns 7 >> >>",
                2 * LIMIT);

        assertThat(PdfStructureStreams.tooLarge(pdf, LIMIT)).hasValueSatisfying(
                problem -> assertThat(problem).startsWith("a XRef stream"));
    }

    @Test
    void tooLargeShouldPassStreamsWithinTheLimit() throws IOException {
        assertThat(PdfStructureStreams.tooLarge(
                objectStream("<</Type/ObjStm/N 1/First 4/Filter/FlateDecode>>", LIMIT / 2), LIMIT)).isEmpty();
        byte[] ascii85 = ("%PDF-1.5\n4 0 obj\n<</Type/ObjStm/N 1/First 4/Filter[/ASCII85Decode/FlateDecode]>>\nstream\r\n"
                + "Gar8O$\"X#!~>\nendstream\nendobj\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
        assertThat(PdfStructureStreams.tooLarge(ascii85, LIMIT)).isEmpty();
        assertThat(PdfStructureStreams.tooLarge(
                objectStream("<</Type/XRefStm/Filter/FlateDecode>>", 2 * LIMIT), LIMIT)).as("not a stream type")
                .isEmpty();
        assertThat(PdfStructureStreams.tooLarge(encoded("<</Type/ObjStm/N 1/First 4/Filter[/AHx/Fl]>>",
                hex(zlib(LIMIT / 2))), LIMIT)).as("a chain within the limit").isEmpty();
        assertThat(PdfStructureStreams.tooLarge(encoded("<</Type/ObjStm/N 1/First 4>>", new byte[1024]), LIMIT))
                .as("no filter").isEmpty();
    }

    @Test
    void tooLargeShouldDecodeOtherFilterChainsAsPdfBoxWould() throws IOException {
        // Each of these PDFBox decodes whole into memory when it opens the file: a flate bomb behind a hex layer,
        // an LZW bomb, a RunLength bomb, Flate under its abbreviation, and Flate twice (PDFBox decodes it once).
        assertThat(PdfStructureStreams.tooLarge(encoded("<</Type/ObjStm/N 1/First 4/Filter [ /ASCIIHexDecode"
                + " /FlateDecode ]>>", hex(zlib(2 * LIMIT))), LIMIT)).hasValueSatisfying(problem -> assertThat(problem)
                .startsWith("a ObjStm stream at byte").contains("decodes (ASCIIHexDecode, FlateDecode) to more than"));
        // (PDFBox's LZW encoder is slow on long runs: a smaller limit, the same measurement.)
        assertThat(PdfStructureStreams.tooLarge(encoded("<</Type/XRef/Filter/LZWDecode>>",
                pdfboxEncoded("LZWDecode", 256 * 1024)), 128 * 1024)).hasValueSatisfying(problem -> assertThat(problem)
                .startsWith("a XRef stream").contains("decodes (LZWDecode)"));
        assertThat(PdfStructureStreams.tooLarge(encoded("<</Type/XRef/Filter/LZWDecode>>",
                pdfboxEncoded("LZWDecode", 64 * 1024)), 128 * 1024)).as("LZW within the limit").isEmpty();
        assertThat(PdfStructureStreams.tooLarge(encoded("<</Type/ObjStm/N 1/First 4/Filter/RL>>",
                pdfboxEncoded("RunLengthDecode", 2 * LIMIT)), LIMIT)).isPresent();
        assertThat(PdfStructureStreams.tooLarge(encoded("<</Type/ObjStm/N 1/First 4/Filter/Fl>>", zlib(2 * LIMIT)),
                LIMIT)).hasValueSatisfying(problem -> assertThat(problem).contains("inflates to more than"));
        assertThat(PdfStructureStreams.tooLarge(encoded("<</Type/ObjStm/Filter[/FlateDecode/FlateDecode]>>",
                zlib(2 * LIMIT)), LIMIT)).isPresent();
    }

    @Test
    void tooLargeShouldRefuseStructureStreamsWhoseFilterItCannotMeasure() throws IOException {
        byte[] data = zlib(1024);
        assertThat(PdfStructureStreams.tooLarge(encoded("<</Type/ObjStm/N 1/First 4/Filter/DCTDecode>>", data), LIMIT))
                .hasValueSatisfying(problem -> assertThat(problem).contains("/DCTDecode, which is not measured"));
        assertThat(PdfStructureStreams.tooLarge(encoded("<</Type/ObjStm/N 1/First 4/Filter 9 0 R>>", data), LIMIT))
                .hasValueSatisfying(problem -> assertThat(problem).contains("/Filter that cannot be read"));
        // Which /Filter is the stream's own is not guessed: a nested one could hide a hex-and-flate chain.
        assertThat(PdfStructureStreams.tooLarge(encoded("<</Type/ObjStm/X<</Filter/Crypt>>/Filter/FlateDecode>>",
                data), LIMIT)).isPresent();
        assertThat(PdfStructureStreams.tooLarge(encoded("<</Type/ObjStm/Filter[/FlateDecode 5]>>", data), LIMIT))
                .isPresent();
    }

    /** A PDF holding one stream object with this dictionary and these encoded bytes (its /Length true). */
    private static byte[] encoded(String dictionary, byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String withLength = dictionary.substring(0, dictionary.length() - 2) + "/Length " + data.length + ">>";
        out.write(("%PDF-1.5\n4 0 obj\n" + withLength + "\nstream\n").getBytes(StandardCharsets.US_ASCII));
        out.write(data);
        out.write("\nendstream\nendobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static byte[] zlib(long zeros) throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        try (DeflaterOutputStream zlib = new DeflaterOutputStream(data, new Deflater(9))) {
            byte[] block = new byte[64 * 1024];
            for (long written = 0; written < zeros; written += block.length) {
                zlib.write(block);
            }
        }
        return data.toByteArray();
    }

    private static byte[] hex(byte[] data) {
        StringBuilder hex = new StringBuilder(data.length * 2 + 1);
        for (byte b : data) {
            hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return hex.append('>').toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** {@code zeros} zero bytes encoded by PDFBox's own encoder for this filter. */
    private static byte[] pdfboxEncoded(String filter, long zeros) throws IOException {
        ByteArrayOutputStream encoded = new ByteArrayOutputStream();
        FilterFactory.INSTANCE.getFilter(COSName.getPDFName(filter)).encode(
                new ByteArrayInputStream(new byte[(int) zeros]), encoded, new COSDictionary(), 0);
        return encoded.toByteArray();
    }

    @Test
    void tooLargeShouldNotTrustALengthItCannotTieToTheStream() throws IOException {
        // A line break between "0" and "obj" (PDFBox reads it): the object's start is not found, so a /Length of
        // another object could be in the window: measured.
        byte[] noObjHeader = objectStream("<</Type/ObjStm/N 1/First 4/Filter/FlateDecode/Length LENGTH>>", 2 * LIMIT);
        String text = new String(noObjHeader, StandardCharsets.ISO_8859_1).replaceFirst("4 0 obj", "4 0\nobj");
        assertThat(PdfStructureStreams.tooLarge(text.getBytes(StandardCharsets.ISO_8859_1), LIMIT)).isPresent();
        // Two /Length keys: a nested one pointing at an "endstream" forged inside the data (a stored deflate block
        // holding that text), a few bytes in, and the stream's own. Neither is trusted: measured.
        ByteArrayOutputStream zlib = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.NO_COMPRESSION);
        byte[] buffer = new byte[64 * 1024];
        deflater.setInput("\nendstream\n".getBytes(StandardCharsets.US_ASCII));
        for (int n; (n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH)) > 0; ) {
            zlib.write(buffer, 0, n);
        }
        deflater.setLevel(Deflater.BEST_COMPRESSION);
        byte[] spaces = " ".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
        for (long written = 0; written < 2 * LIMIT; written += spaces.length) {
            deflater.setInput(spaces);
            for (int n; (n = deflater.deflate(buffer, 0, buffer.length, Deflater.NO_FLUSH)) > 0; ) {
                zlib.write(buffer, 0, n);
            }
        }
        deflater.finish();
        while (!deflater.finished()) {
            zlib.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        String data = new String(zlib.toByteArray(), StandardCharsets.ISO_8859_1);
        int forged = data.indexOf("\nendstream");
        assertThat(forged).as("the stored block's text lies in the data").isBetween(1, 16);
        byte[] twoLengths = ("%PDF-1.5\n4 0 obj\n<</Type/ObjStm/X<</Length " + forged + ">>/N 1/First 4"
                + "/Filter/FlateDecode/Length " + data.length() + ">>\nstream\n" + data + "\nendstream\nendobj\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertThat(PdfStructureStreams.tooLarge(twoLengths, LIMIT)).isPresent();
    }

    @Test
    void tooLargeShouldPassEveryRealPdfOfBothCorporaWithTheDefaultLimit() throws IOException {
        Path shared = Path.of(System.getProperty("shared.dir", "../../shared"));
        List<Path> pdfs;
        try (Stream<Path> signed = Files.walk(shared.resolve("corpus/signed-pdf"));
             Stream<Path> labelled = Files.walk(Path.of("src/test/resources/classification-corpus"))) {
            pdfs = Stream.concat(signed, labelled).filter(p -> p.toString().endsWith(".pdf")).toList();
        }
        int withObjectStreams = 0;
        for (Path pdf : pdfs) {
            byte[] bytes = Files.readAllBytes(pdf);
            withObjectStreams += new String(bytes, StandardCharsets.ISO_8859_1).contains("/ObjStm") ? 1 : 0;
            assertThat(PdfStructureStreams.tooLarge(bytes, PdfStructureStreams.DEFAULT_MAX_INFLATED_BYTES))
                    .as(pdf.toString()).isEmpty();
        }
        assertThat(pdfs).hasSize(80);
        assertThat(withObjectStreams).as("files whose object streams were measured").isGreaterThanOrEqualTo(40);
    }
}
