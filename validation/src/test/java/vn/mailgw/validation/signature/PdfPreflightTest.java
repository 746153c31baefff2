package vn.mailgw.validation.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import vn.mailgw.validation.filetype.PdfStructureStreams;

/** The preflight's one pass over the bytes finds what the stream check needs, so the engine reads the file once. */
class PdfPreflightTest {

    @Test
    void scanShouldFindTheStructureStreamNamesTheStreamCheckWouldFindItself() throws IOException {
        Path shared = Path.of(System.getProperty("shared.dir", "../../shared"));
        List<Path> pdfs;
        try (Stream<Path> signed = Files.walk(shared.resolve("corpus/signed-pdf"));
             Stream<Path> labelled = Files.walk(Path.of("src/test/resources/classification-corpus"))) {
            pdfs = Stream.concat(signed, labelled).filter(p -> p.toString().endsWith(".pdf")).toList();
        }
        int names = 0;
        for (Path file : pdfs) {
            byte[] pdf = Files.readAllBytes(file);
            int[] found = PdfPreflight.scan(pdf).structureStreamTypes();
            names += found.length;
            for (int at : found) {
                assertThat(PdfStructureStreams.isTypeName(pdf, at)).as(file + " at " + at).isTrue();
            }
            String text = new String(pdf, StandardCharsets.ISO_8859_1);
            assertThat(found.length).as(file.toString())
                    .isEqualTo(count(text, "/ObjStm") + count(text, "/XRef") - count(text, "/XRefStm"));
            // A small limit, so that streams are measured and the two ways must agree on which one is too large.
            assertThat(PdfStructureStreams.tooLarge(pdf, 4096, found)).as(file.toString())
                    .isEqualTo(PdfStructureStreams.tooLarge(pdf, 4096));
        }
        assertThat(names).as("the corpora have object and cross-reference streams").isGreaterThan(40);
    }

    private static int count(String text, String word) {
        int n = 0;
        for (int i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
            n++;
        }
        return n;
    }
}
