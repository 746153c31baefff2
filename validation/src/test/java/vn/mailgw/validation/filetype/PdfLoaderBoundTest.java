package vn.mailgw.validation.filetype;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An encrypted file's object streams are ciphertext in the raw bytes, so {@link PdfStructureStreams} cannot measure
 * them; {@link PdfLoader} decodes them after PDFBox decrypts them, within the limit.
 */
class PdfLoaderBoundTest {

    private static byte[] bomb;
    private static byte[] modest;

    @BeforeAll
    static void build() throws IOException {
        bomb = EncryptedPdfs.withObjectStreamOf(40); // over the 32 MB limit once decoded
        modest = EncryptedPdfs.withObjectStreamOf(2);
    }

    @Test
    void theRawByteCheckShouldNotSeeIntoAnEncryptedObjectStream() {
        String text = new String(bomb, StandardCharsets.ISO_8859_1);
        assertThat(text).contains("/Encrypt").contains("/ObjStm");
        assertThat(bomb.length).isLessThan(200_000);
        assertThat(PdfStructureStreams.tooLarge(bomb, PdfStructureStreams.DEFAULT_MAX_INFLATED_BYTES)).isEmpty();
    }

    @Test
    void loadShouldStopAtTheLimitWhenAnObjectStreamIsFirstNeeded() {
        // The page lives in the object stream too: PDFBox's load walks the page tree, which decodes the stream.
        assertThatThrownBy(() -> PdfLoader.load(bomb)).isInstanceOf(PdfFilterChain.TooLarge.class)
                .hasMessage("decodes (FlateDecode) to more than " + PdfStructureStreams.DEFAULT_MAX_INFLATED_BYTES + " bytes");
    }

    @Test
    void decodeEveryObjectStreamShouldReachStreamsNothingAskedForYet() throws IOException {
        // One object per object stream: the page's stream is small, the array's is the bomb, and nothing read yet.
        byte[] apart = EncryptedPdfs.withObjectStreamOf(40, 1);
        try (PDDocument document = PdfLoader.load(apart)) {
            assertThat(document.getPage(0)).isNotNull();
            assertThatThrownBy(() -> PdfLoader.decodeEveryObjectStream(document))
                    .isInstanceOf(PdfFilterChain.TooLarge.class);
        }
    }

    @Test
    void loadShouldReadAnEncryptedFileWithinTheLimitAsPdfBoxDoes() throws IOException {
        try (PDDocument document = PdfLoader.load(modest)) {
            PdfLoader.decodeEveryObjectStream(document);
            COSArray padding = (COSArray) document.getPage(0).getCOSObject().getDictionaryObject(COSName.getPDFName("Padding"));
            assertThat(padding.size()).isEqualTo(1);
            assertThat(((COSArray) padding.getObject(0)).size()).isEqualTo(1000);
            assertThat(document.isEncrypted()).isTrue();
        }
    }
}
