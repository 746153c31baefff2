package vn.mailgw.validation.signing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.List;
import java.util.Random;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Writes simple unsigned PDFs with Vietnamese text (and optionally an incompressible image to
 * reach a target size) for samples, tests and the benchmark. Uses DejaVu Sans (Debian
 * {@code fonts-dejavu-core}) so diacritics render; without it, falls back to Helvetica with the
 * diacritics stripped.
 */
public final class SamplePdfWriter {

    /** Where Debian's fonts-dejavu-core puts the font. */
    public static final Path DEJAVU_SANS = Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");

    private SamplePdfWriter() {}

    /**
     * @param title      first line of page 1, e.g. "QUYẾT ĐỊNH Số: 12/2026/QĐ-UBND"
     * @param lines      body lines, repeated on every page
     * @param pages      number of pages
     * @param imageBytes approximate size of a noise image on page 1 (0 for none): pads files to 1 MB / 10 MB
     */
    public static byte[] write(String title, List<String> lines, int pages, int imageBytes) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            boolean unicode = Files.isRegularFile(DEJAVU_SANS);
            PDFont font = unicode ? PDType0Font.load(doc, DEJAVU_SANS.toFile())
                    : new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            for (int p = 0; p < pages; p++) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    if (p == 0 && imageBytes > 0) {
                        PDImageXObject image = LosslessFactory.createFromImage(doc, noise(imageBytes));
                        cs.drawImage(image, 300, 520, 250, 250);
                    }
                    cs.beginText();
                    cs.setFont(font, 12);
                    cs.newLineAtOffset(50, 780);
                    cs.showText(printable(p == 0 ? title : title + " (trang " + (p + 1) + ")", unicode));
                    for (String line : lines) {
                        cs.newLineAtOffset(0, -18);
                        cs.showText(printable(line, unicode));
                    }
                    cs.endText();
                }
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A short Vietnamese administrative document. */
    public static byte[] vietnameseDecision(String number, String agency) {
        return write("QUYẾT ĐỊNH Số: " + number, List.of(
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                agency, "Về việc ban hành quy chế quản lý, sử dụng hệ thống thư điện tử",
                "Điều 1. Ban hành kèm theo Quyết định này Quy chế quản lý.",
                "Điều 2. Quyết định có hiệu lực kể từ ngày ký."), 1, 0);
    }

    private static BufferedImage noise(int bytes) {
        int side = Math.max(8, (int) Math.sqrt(bytes / 3.0));
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(side); // deterministic: the same size gives the same file
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return image;
    }

    private static String printable(String text, boolean unicode) {
        if (unicode) {
            return text;
        }
        return Normalizer.normalize(text.replace('Đ', 'D').replace('đ', 'd'), Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "");
    }
}
