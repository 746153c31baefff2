package vn.mailgw.validation.classify;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.JPEGFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;

/**
 * Writes the labelled classification corpus: administrative documents of every type, made the way
 * agencies make them (Word files, LibreOffice PDF exports of .docx and .odt, PDFs from a PDF library,
 * scans, legacy TCVN3/VNI text, spreadsheets, plain text), plus {@code manifest.csv}.
 *
 * <p>Run once and commit the output (CI then needs no LibreOffice); see
 * {@code scripts/regenerate-classification-corpus}. Needs Debian libreoffice-writer and fonts-dejavu-core.
 *
 * <pre>usage: ClassificationCorpusGenerator &lt;output folder&gt;</pre>
 */
public final class ClassificationCorpusGenerator {

    static final Path FONT = Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf");
    static final Path FONT_BOLD = Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf");

    enum Format { DOCX, LO_PDF, ODT, ODT_PDF, PDFBOX, SCAN, TXT, XLSX }

    enum Encoding { UNICODE, TCVN3, VNI, NO_DIACRITICS }

    enum NameStyle { DIACRITICS, SLUG, ABBREVIATION, NEUTRAL }

    record Agency(String parent, String name, String abbreviation, String place) {}

    static final List<Agency> AGENCIES = List.of(
            new Agency("ỦY BAN NHÂN DÂN", "TỈNH SƠN LA", "UBND", "Sơn La"),
            new Agency("UBND TỈNH SƠN LA", "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "SKHCN", "Sơn La"),
            new Agency("ỦY BAN NHÂN DÂN", "TỈNH TUYÊN QUANG", "UBND", "Tuyên Quang"),
            new Agency("UBND TỈNH TUYÊN QUANG", "VĂN PHÒNG", "VP", "Tuyên Quang"),
            new Agency("UBND TỈNH ĐẮK NÔNG", "SỞ NỘI VỤ", "SNV", "Đắk Nông"),
            new Agency("UBND TỈNH ĐẮK NÔNG", "SỞ TÀI CHÍNH", "STC", "Gia Nghĩa"),
            new Agency("ỦY BAN NHÂN DÂN", "THÀNH PHỐ CẦN THƠ", "UBND", "Cần Thơ"),
            new Agency("UBND THÀNH PHỐ CẦN THƠ", "SỞ Y TẾ", "SYT", "Cần Thơ"),
            new Agency("UBND TỈNH SƠN LA", "UBND HUYỆN MỘC CHÂU", "UBND", "Mộc Châu"),
            new Agency("UBND TỈNH ĐẮK NÔNG", "BAN QUẢN LÝ DỰ ÁN ĐẦU TƯ XÂY DỰNG", "BQLDA", "Gia Nghĩa"));

    static final Agency HDND = new Agency("HỘI ĐỒNG NHÂN DÂN", "TỈNH SƠN LA", "HĐND", "Sơn La");

    /** One corpus document and what a correct classifier must say about it. */
    record Spec(String id, DocumentType expected, int variant, Agency agency, int number, Format format,
                Encoding encoding, Optional<SecrecyLevel> secrecy, Optional<UrgencyMark> urgency, boolean draft,
                NameStyle nameStyle, String subject, String notes) {

        String extension() {
            switch (format) {
                case DOCX: return "docx";
                case ODT: return "odt";
                case TXT: return "txt";
                case XLSX: return "xlsx";
                default: return "pdf";
            }
        }
    }

    private ClassificationCorpusGenerator() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "validation/src/test/resources/classification-corpus");
        Files.createDirectories(out);
        List<Spec> specs = specs();
        List<String> manifest = new ArrayList<>();
        manifest.add("file,expected_type,expected_secrecy,expected_urgency,expected_draft,expected_encoding,format,mail_subject,notes");
        Path work = Files.createTempDirectory("corpus-work");
        List<Path> docxForPdf = new ArrayList<>();
        List<Path> docxForOdt = new ArrayList<>();
        List<Path> docxForOdtPdf = new ArrayList<>();
        List<String[]> renames = new ArrayList<>();
        for (Spec spec : specs) {
            String fileName = fileName(spec);
            Document document = document(spec);
            switch (spec.format()) {
                case DOCX:
                    Files.write(out.resolve(fileName), docx(document, spec.encoding()));
                    break;
                case LO_PDF:
                case ODT:
                case ODT_PDF: {
                    Path docx = work.resolve(spec.id() + ".docx");
                    Files.write(docx, docx(document, spec.encoding()));
                    (spec.format() == Format.LO_PDF ? docxForPdf : spec.format() == Format.ODT ? docxForOdt : docxForOdtPdf).add(docx);
                    renames.add(new String[] {spec.id() + "." + spec.extension(), fileName});
                    break;
                }
                case PDFBOX:
                    Files.write(out.resolve(fileName), pdfbox(document, spec.encoding()));
                    break;
                case SCAN:
                    Files.write(out.resolve(fileName), scan(pdfbox(document, Encoding.UNICODE)));
                    break;
                case TXT:
                    Files.write(out.resolve(fileName), txt(document, spec.encoding()));
                    break;
                case XLSX:
                    Files.write(out.resolve(fileName), xlsx(document));
                    break;
                default:
                    throw new IllegalStateException();
            }
            manifest.add(String.join(",", csv(fileName), spec.expected().name(),
                    spec.secrecy().map(Enum::name).orElse("NONE"), spec.urgency().map(Enum::name).orElse("NONE"),
                    String.valueOf(spec.draft() || spec.expected() == DocumentType.DU_THAO_XIN_Y_KIEN), expectedEncoding(spec).name(), spec.format().name(), csv(spec.subject()),
                    csv(spec.notes())));
        }
        Path converted = work.resolve("converted");
        Files.createDirectories(converted);
        soffice("pdf", docxForPdf, converted);
        soffice("odt", docxForOdt, converted);
        soffice("odt", docxForOdtPdf, work);
        List<Path> odts = new ArrayList<>();
        for (Path docx : docxForOdtPdf) {
            odts.add(work.resolve(docx.getFileName().toString().replace(".docx", ".odt")));
        }
        soffice("pdf", odts, converted);
        for (String[] rename : renames) {
            Files.copy(converted.resolve(rename[0]), out.resolve(rename[1]), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.write(out.resolve("manifest.csv"), manifest, StandardCharsets.UTF_8);
        System.out.println("wrote " + specs.size() + " documents to " + out);
    }

    static TextEncoding expectedEncoding(Spec spec) {
        if (spec.format() == Format.SCAN) {
            return TextEncoding.UNICODE; // OCR output is Unicode
        }
        switch (spec.encoding()) {
            case TCVN3: return TextEncoding.TCVN3;
            case VNI: return TextEncoding.VNI;
            case NO_DIACRITICS: return TextEncoding.NO_DIACRITICS;
            default: return TextEncoding.UNICODE;
        }
    }

    private static String csv(String value) {
        return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    // ---- the list of documents ------------------------------------------------------------------

    static List<Spec> specs() {
        Format[] formats = {Format.LO_PDF, Format.PDFBOX, Format.DOCX, Format.ODT, Format.LO_PDF, Format.SCAN,
                Format.PDFBOX, Format.ODT_PDF, Format.DOCX, Format.LO_PDF, Format.PDFBOX, Format.PDFBOX};
        NameStyle[] names = NameStyle.values();
        String[] subjects = {"", "Gửi văn bản", "Chuyen van ban den", "[VP] Văn bản phát hành ngày 10/3"};
        List<Spec> specs = new ArrayList<>();
        int i = 0;
        for (DocumentType type : DocumentType.values()) {
            List<CorpusTexts.Text> texts = CorpusTexts.BY_TYPE.get(type);
            if (texts == null) {
                continue;
            }
            for (int v = 0; v < texts.size(); v++, i++) {
                Format format = formats[i % formats.length];
                Encoding encoding = i % formats.length == 11 ? Encoding.TCVN3 : Encoding.UNICODE;
                Agency agency = type == DocumentType.NGHI_QUYET ? HDND : AGENCIES.get(i % AGENCIES.size());
                specs.add(new Spec(String.format(Locale.ROOT, "d%03d", i), type, v, agency, 10 + 7 * i, format, encoding,
                        Optional.empty(), Optional.empty(), false, names[i % names.length], subjects[i % subjects.length],
                        encoding == Encoding.TCVN3 ? "TCVN3 text in a PDF" : ""));
            }
        }
        // Documents chosen for their marks, encodings and formats.
        specs.add(extra(i++, DocumentType.QUYET_DINH, 0, Format.LO_PDF, Encoding.UNICODE, SecrecyLevel.MAT, null, false, "secret: MẬT stamp"));
        specs.add(extra(i++, DocumentType.CONG_VAN, 2, Format.PDFBOX, Encoding.UNICODE, SecrecyLevel.TOI_MAT, null, false, "secret: TỐI MẬT"));
        specs.add(extra(i++, DocumentType.BAO_CAO, 0, Format.DOCX, Encoding.UNICODE, SecrecyLevel.TUYET_MAT, null, false, "secret: TUYỆT MẬT"));
        specs.add(extra(i++, DocumentType.KE_HOACH, 1, Format.SCAN, Encoding.UNICODE, SecrecyLevel.MAT, null, false, "secret: MẬT on a scan (OCR)"));
        specs.add(extra(i++, DocumentType.CHI_THI, 1, Format.SCAN, Encoding.UNICODE, SecrecyLevel.TOI_MAT, UrgencyMark.KHAN, false, "secret + urgent on a scan"));
        specs.add(extra(i++, DocumentType.THONG_BAO, 0, Format.PDFBOX, Encoding.TCVN3, SecrecyLevel.MAT, null, false, "secret in TCVN3 text"));
        specs.add(extra(i++, DocumentType.CONG_VAN, 1, Format.TXT, Encoding.NO_DIACRITICS, SecrecyLevel.MAT, null, false, "secret typed without diacritics (MAT)"));
        specs.add(extra(i++, DocumentType.GIAY_MOI, 0, Format.LO_PDF, Encoding.UNICODE, null, UrgencyMark.KHAN, false, "urgent"));
        specs.add(extra(i++, DocumentType.CONG_DIEN, 0, Format.PDFBOX, Encoding.UNICODE, null, UrgencyMark.HOA_TOC, false, "express; khẩn trương in running text"));
        specs.add(extra(i++, DocumentType.CONG_VAN, 2, Format.ODT, Encoding.UNICODE, null, UrgencyMark.THUONG_KHAN, false, "very urgent"));
        specs.add(extra(i++, DocumentType.QUYET_DINH, 1, Format.DOCX, Encoding.UNICODE, null, null, true, "draft"));
        specs.add(extra(i++, DocumentType.QUY_CHE, 0, Format.LO_PDF, Encoding.UNICODE, null, null, true, "draft, lần 2"));
        specs.add(extra(i++, DocumentType.KE_HOACH, 0, Format.SCAN, Encoding.UNICODE, null, null, true, "draft on a scan"));
        specs.add(extra(i++, DocumentType.BAO_CAO, 1, Format.DOCX, Encoding.VNI, null, null, false, "VNI text; bí mật nhà nước in running text"));
        specs.add(extra(i++, DocumentType.HOP_DONG, 0, Format.DOCX, Encoding.TCVN3, null, null, false, "TCVN3 .VnTime Word file; giữ bí mật in running text"));
        specs.add(extra(i++, DocumentType.LICH_CONG_TAC, 0, Format.XLSX, Encoding.UNICODE, null, null, false, "schedule as a spreadsheet"));
        specs.add(extra(i++, DocumentType.TO_TRINH, 0, Format.TXT, Encoding.UNICODE, null, null, false, "plain text; dự thảo in running text"));
        specs.add(extra(i++, DocumentType.THONG_BAO, 1, Format.TXT, Encoding.VNI, null, null, false, "VNI plain text"));
        specs.add(extra(i++, DocumentType.CONG_VAN, 0, Format.TXT, Encoding.TCVN3, null, null, false, "TCVN3 plain text; bí mật nhà nước in running text"));
        specs.add(extra(i++, DocumentType.HUONG_DAN, 0, Format.PDFBOX, Encoding.NO_DIACRITICS, null, null, false, "no diacritics: HD is hướng dẫn or hợp đồng, title decides"));
        return specs;
    }

    private static Spec extra(int i, DocumentType type, int variant, Format format, Encoding encoding, SecrecyLevel secrecy,
                              UrgencyMark urgency, boolean draft, String notes) {
        return new Spec(String.format(Locale.ROOT, "d%03d", i), type, variant, AGENCIES.get((i * 3) % AGENCIES.size()),
                100 + i, format, encoding, Optional.ofNullable(secrecy), Optional.ofNullable(urgency), draft,
                NameStyle.values()[i % NameStyle.values().length], i % 2 == 0 ? "" : "Gửi văn bản", notes);
    }

    // ---- document content -----------------------------------------------------------------------

    /** Lines of a document, laid out as Decree 30/2020/NĐ-CP Appendix I lays them out. */
    record Document(List<String> leftHeader, List<String> rightHeader, List<String> marksTop, List<String> marks,
                    String title, String summary, List<String> body, List<String> copyBlock) {}

    static Document document(Spec spec) {
        CorpusTexts.Text text = CorpusTexts.BY_TYPE.get(spec.expected()).get(spec.variant());
        Agency a = spec.agency();
        int year = 2025;
        List<String> left = new ArrayList<>(List.of(a.parent(), a.name()));
        String symbol = symbol(spec, a, year);
        if (!symbol.isEmpty()) {
            left.add("Số: " + symbol);
        }
        if (spec.expected() == DocumentType.CONG_VAN) {
            left.add(text.summary());
        }
        List<String> right = List.of("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                a.place() + ", ngày " + (1 + spec.number() % 28) + " tháng " + (1 + spec.number() % 12) + " năm " + year);
        List<String> top = new ArrayList<>();
        if (spec.draft()) {
            top.add(spec.notes().contains("lần 2") ? "DỰ THẢO LẦN 2" : "DỰ THẢO");
        }
        if (spec.expected() == DocumentType.DU_THAO_XIN_Y_KIEN) {
            top.add(spec.variant() == 0 ? "DỰ THẢO" : "Dự thảo lần 3");
        }
        List<String> marks = new ArrayList<>();
        spec.secrecy().ifPresent(level -> marks.add(level.markVi()));
        spec.urgency().ifPresent(mark -> marks.add(mark.markVi()));
        String title = text.title();
        String summary = spec.expected() == DocumentType.CONG_VAN ? "" : text.summary().replace("{year}", String.valueOf(year));
        List<String> body = new ArrayList<>();
        for (String line : text.body()) {
            body.add(line.replace("{year}", String.valueOf(year)).replace("{place}", a.place()));
        }
        body.add("Nơi nhận:");
        body.add("- Như trên;");
        body.add("- Lưu: VT.");
        body.add("TM. " + a.name());
        body.add("(Đã ký)");
        body.add(spec.number() % 2 == 0 ? "Nguyễn Văn Thắng" : "Lê Thị Hồng Nhung");
        List<String> copy = new ArrayList<>();
        String copyHeading = spec.expected() == DocumentType.BAN_SAO_Y ? "SAO Y"
                : spec.expected() == DocumentType.BAN_TRICH_SAO ? "TRÍCH SAO"
                : spec.expected() == DocumentType.BAN_SAO_LUC ? "SAO LỤC" : "";
        if (!copyHeading.isEmpty()) {
            String abbreviation = spec.expected().abbreviation().orElseThrow();
            copy.add(a.name());
            copy.add(copyHeading);
            copy.add("Số: " + (spec.number() % 40 + 1) + "/" + abbreviation + "-VP");
            copy.add(a.place() + ", ngày 20 tháng 3 năm " + year);
            copy.add("Nơi nhận: - Phòng Tổ chức; - Lưu: VT.");
        }
        Document document = new Document(left, right, top, marks, title, summary, body, copy);
        return spec.encoding() == Encoding.NO_DIACRITICS ? stripDiacritics(document) : document;
    }

    private static String symbol(Spec spec, Agency a, int year) {
        DocumentType type = spec.expected();
        switch (type) {
            case TAI_LIEU_HOP: case TAI_LIEU_DU_AN: case DU_THAO_XIN_Y_KIEN: case THU_CONG:
                return "";
            case LICH_CONG_TAC:
                return spec.variant() == 0 ? spec.number() + "/LCT-VP" : "";
            case CONG_VAN:
                return spec.number() + "/" + a.abbreviation() + "-" + (spec.number() % 2 == 0 ? "VP" : "KHTC");
            case BAN_SAO_Y:
                return spec.number() + "/QĐ-" + a.abbreviation();
            case BAN_TRICH_SAO:
                return spec.number() + "/TB-" + a.abbreviation();
            case BAN_SAO_LUC:
                return spec.number() + "/KH-" + a.abbreviation();
            default:
                break;
        }
        String abbreviation = type.abbreviation().orElseThrow();
        boolean withYear = (type == DocumentType.NGHI_QUYET || type == DocumentType.QUYET_DINH || type == DocumentType.CHI_THI)
                && spec.variant() == 0;
        return spec.number() + "/" + (withYear ? year + "/" : "") + abbreviation + "-" + a.abbreviation();
    }

    static String strip(String text) {
        String nfd = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return nfd.replace('đ', 'd').replace('Đ', 'D');
    }

    private static Document stripDiacritics(Document d) {
        return new Document(strip(d.leftHeader()), strip(d.rightHeader()), strip(d.marksTop()), strip(d.marks()),
                strip(d.title()), strip(d.summary()), strip(d.body()), strip(d.copyBlock()));
    }

    private static List<String> strip(List<String> lines) {
        return lines.stream().map(ClassificationCorpusGenerator::strip).toList();
    }

    static String encode(String text, Encoding encoding) {
        switch (encoding) {
            case TCVN3: return Tcvn3Charset.encode(text);
            case VNI: return VniCharset.encode(text);
            default: return text;
        }
    }

    /** All lines in reading order (plain text, spreadsheets). */
    static List<String> lines(Document d) {
        List<String> lines = new ArrayList<>(d.marksTop());
        for (int i = 0; i < Math.max(d.leftHeader().size(), d.rightHeader().size()); i++) {
            String l = i < d.leftHeader().size() ? d.leftHeader().get(i) : "";
            String r = i < d.rightHeader().size() ? d.rightHeader().get(i) : "";
            lines.add((l + "        " + r).strip());
        }
        lines.addAll(d.marks());
        if (!d.title().isEmpty()) {
            lines.add(d.title());
        }
        if (!d.summary().isEmpty()) {
            lines.add(d.summary());
        }
        lines.addAll(d.body());
        lines.addAll(d.copyBlock());
        return lines;
    }

    // ---- writers ---------------------------------------------------------------------------------

    static byte[] docx(Document d, Encoding encoding) throws IOException {
        String font = encoding == Encoding.TCVN3 ? ".VnTime" : encoding == Encoding.VNI ? "VNI-Times" : "Times New Roman";
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (String line : d.marksTop()) {
                paragraph(doc.createParagraph(), encode(line, encoding), font, true, ParagraphAlignment.RIGHT);
            }
            XWPFTable table = doc.createTable(1, 2);
            table.removeBorders();
            XWPFTableCell leftCell = table.getRow(0).getCell(0);
            XWPFTableCell rightCell = table.getRow(0).getCell(1);
            fill(leftCell, d.leftHeader(), encoding, font);
            fill(rightCell, d.rightHeader(), encoding, font);
            for (String mark : d.marks()) {
                paragraph(doc.createParagraph(), encode(mark, encoding), font, true, ParagraphAlignment.LEFT);
            }
            if (!d.title().isEmpty()) {
                paragraph(doc.createParagraph(), encode(d.title(), encoding), font, true, ParagraphAlignment.CENTER);
            }
            if (!d.summary().isEmpty()) {
                paragraph(doc.createParagraph(), encode(d.summary(), encoding), font, true, ParagraphAlignment.CENTER);
            }
            for (String line : d.body()) {
                paragraph(doc.createParagraph(), encode(line, encoding), font, false, ParagraphAlignment.BOTH);
            }
            for (String line : d.copyBlock()) {
                paragraph(doc.createParagraph(), encode(line, encoding), font, !line.startsWith("Nơi"), ParagraphAlignment.LEFT);
            }
            doc.write(out);
            return out.toByteArray();
        }
    }

    private static void fill(XWPFTableCell cell, List<String> lines, Encoding encoding, String font) {
        XWPFParagraph first = cell.getParagraphs().get(0);
        for (int i = 0; i < lines.size(); i++) {
            XWPFParagraph p = i == 0 ? first : cell.addParagraph();
            paragraph(p, encode(lines.get(i), encoding), font, i == 1 || lines.get(i).startsWith("CỘNG"), ParagraphAlignment.CENTER);
        }
    }

    private static void paragraph(XWPFParagraph p, String text, String font, boolean bold, ParagraphAlignment alignment) {
        p.setAlignment(alignment);
        XWPFRun run = p.createRun();
        run.setFontFamily(font);
        run.setFontSize(13);
        run.setBold(bold);
        run.setText(text);
    }

    static byte[] pdfbox(Document d, Encoding encoding) throws IOException {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDFont regular = PDType0Font.load(doc, FONT.toFile());
            PDFont bold = PDType0Font.load(doc, FONT_BOLD.toFile());
            PdfWriter writer = new PdfWriter(doc, regular, bold);
            for (String line : d.marksTop()) {
                writer.line(encode(line, encoding), true, PdfWriter.Align.RIGHT, true);
            }
            int rows = Math.max(d.leftHeader().size(), d.rightHeader().size());
            for (int i = 0; i < rows; i++) {
                String l = i < d.leftHeader().size() ? encode(d.leftHeader().get(i), encoding) : "";
                String r = i < d.rightHeader().size() ? encode(d.rightHeader().get(i), encoding) : "";
                writer.columns(l, r, i == 1);
            }
            writer.skip();
            for (String mark : d.marks()) {
                writer.line(encode(mark, encoding), true, PdfWriter.Align.LEFT, true);
            }
            if (!d.title().isEmpty()) {
                writer.line(encode(d.title(), encoding), true, PdfWriter.Align.CENTER, false);
            }
            if (!d.summary().isEmpty()) {
                writer.line(encode(d.summary(), encoding), true, PdfWriter.Align.CENTER, false);
            }
            writer.skip();
            for (String line : d.body()) {
                writer.paragraph(encode(line, encoding));
            }
            for (String line : d.copyBlock()) {
                writer.line(encode(line, encoding), true, PdfWriter.Align.LEFT, false);
            }
            writer.close();
            doc.save(out);
            return out.toByteArray();
        }
    }

    /** A paper scan: page 1 rendered to a grey image at 150 dpi and wrapped in an image-only PDF. */
    static byte[] scan(byte[] pdf) throws IOException {
        BufferedImage image;
        try (PDDocument source = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            image = new PDFRenderer(source).renderImageWithDPI(0, 150, ImageType.GRAY);
        }
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            PDImageXObject jpeg = JPEGFactory.createFromImage(doc, image, 0.8f);
            try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                content.drawImage(jpeg, 0, 0, PDRectangle.A4.getWidth(), PDRectangle.A4.getHeight());
            }
            doc.save(out);
            return out.toByteArray();
        }
    }

    static byte[] txt(Document d, Encoding encoding) {
        String text = encode(String.join("\n", lines(d)) + "\n", encoding);
        return encoding == Encoding.TCVN3 || encoding == Encoding.VNI
                ? text.getBytes(StandardCharsets.ISO_8859_1) : text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] xlsx(Document d) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XSSFSheet sheet = workbook.createSheet("Lich tuan");
            int r = 0;
            for (int i = 0; i < d.leftHeader().size(); i++) {
                var row = sheet.createRow(r++);
                row.createCell(0).setCellValue(d.leftHeader().get(i));
                if (i < d.rightHeader().size()) {
                    row.createCell(3).setCellValue(d.rightHeader().get(i));
                }
            }
            sheet.createRow(r++);
            sheet.createRow(r++).createCell(0).setCellValue(d.title());
            sheet.createRow(r++).createCell(0).setCellValue(d.summary());
            var header = sheet.createRow(r++);
            header.createCell(0).setCellValue("Thời gian");
            header.createCell(1).setCellValue("Nội dung");
            header.createCell(2).setCellValue("Địa điểm");
            for (String line : d.body()) {
                var row = sheet.createRow(r++);
                int colon = line.indexOf(':');
                row.createCell(0).setCellValue(colon > 0 ? line.substring(0, colon) : "");
                row.createCell(1).setCellValue(colon > 0 ? line.substring(colon + 1).strip() : line);
            }
            workbook.write(out);
            return out.toByteArray();
        }
    }

    static String fileName(Spec spec) {
        String typeName = spec.expected().nameVi();
        String number = String.valueOf(spec.number());
        String abbreviation = spec.expected().abbreviation().map(ClassificationCorpusGenerator::strip).orElse("VB");
        String base;
        switch (spec.nameStyle()) {
            case DIACRITICS:
                base = typeName + " số " + number;
                break;
            case SLUG:
                base = strip(typeName).toLowerCase(Locale.ROOT).replace(' ', '-') + "-" + number;
                break;
            case ABBREVIATION:
                base = number + "_" + abbreviation + "-" + strip(spec.agency().abbreviation());
                break;
            default:
                base = (spec.format() == Format.SCAN ? "scan_" : "VB_") + String.format(Locale.ROOT, "%04d", spec.number());
        }
        return spec.id() + "_" + base + "." + spec.extension();
    }

    // ---- LibreOffice ----------------------------------------------------------------------------

    static void soffice(String target, List<Path> inputs, Path outDir) throws IOException, InterruptedException {
        if (inputs.isEmpty()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of("soffice", "-env:UserInstallation=file:///tmp/mailgw-classify-lo",
                "--headless", "--convert-to", target, "--outdir", outDir.toString()));
        inputs.forEach(p -> command.add(p.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException("soffice failed: " + output);
        }
    }

    /** Minimal PDF text layout: lines, two-column header rows, wrapped paragraphs, new pages. */
    static final class PdfWriter {
        enum Align { LEFT, CENTER, RIGHT }

        private static final float MARGIN = 60, SIZE = 12, LEADING = 17;
        private final PDDocument doc;
        private final PDFont regular, bold;
        private PDPageContentStream content;
        private float y;

        PdfWriter(PDDocument doc, PDFont regular, PDFont bold) throws IOException {
            this.doc = doc;
            this.regular = regular;
            this.bold = bold;
            newPage();
        }

        private void newPage() throws IOException {
            if (content != null) {
                content.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            content = new PDPageContentStream(doc, page);
            y = PDRectangle.A4.getHeight() - MARGIN;
        }

        private float width(String text, PDFont font) throws IOException {
            return font.getStringWidth(text) / 1000 * SIZE;
        }

        private void show(String text, PDFont font, float x) throws IOException {
            content.beginText();
            content.setFont(font, SIZE);
            content.newLineAtOffset(x, y);
            content.showText(text);
            content.endText();
        }

        void line(String text, boolean isBold, Align align, boolean boxed) throws IOException {
            if (y < MARGIN + LEADING) {
                newPage();
            }
            PDFont font = isBold ? bold : regular;
            float w = width(text, font);
            float pageWidth = PDRectangle.A4.getWidth();
            float x = align == Align.LEFT ? MARGIN : align == Align.CENTER ? (pageWidth - w) / 2 : pageWidth - MARGIN - w;
            show(text, font, x);
            if (boxed) {
                content.addRect(x - 4, y - 4, w + 8, SIZE + 6);
                content.stroke();
            }
            y -= LEADING + (boxed ? 4 : 0);
        }

        void columns(String left, String right, boolean isBold) throws IOException {
            float half = PDRectangle.A4.getWidth() / 2;
            if (!left.isEmpty()) {
                PDFont font = isBold ? bold : regular;
                show(left, font, Math.max(MARGIN - 20, MARGIN + (half - MARGIN - width(left, font)) / 2 - 20));
            }
            if (!right.isEmpty()) {
                PDFont font = right.startsWith("CỘNG") || right.startsWith("C") && right.equals(right.toUpperCase(Locale.ROOT)) ? bold : regular;
                show(right, font, half + (half - MARGIN - width(right, font)) / 2);
            }
            y -= LEADING;
        }

        void paragraph(String text) throws IOException {
            float max = PDRectangle.A4.getWidth() - 2 * MARGIN;
            StringBuilder current = new StringBuilder();
            for (String word : text.split(" ")) {
                String candidate = current.length() == 0 ? word : current + " " + word;
                if (width(candidate, regular) > max && current.length() > 0) {
                    line(current.toString(), false, Align.LEFT, false);
                    current = new StringBuilder(word);
                } else {
                    current = new StringBuilder(candidate);
                }
            }
            if (current.length() > 0) {
                line(current.toString(), false, Align.LEFT, false);
            }
        }

        void skip() {
            y -= LEADING / 2;
        }

        void close() throws IOException {
            content.close();
        }
    }
}
