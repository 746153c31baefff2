package vn.mailgw.validation.classify;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import vn.mailgw.validation.filetype.FileType;
import vn.mailgw.validation.filetype.FileTypeSniffer;

/**
 * Says what kind of administrative document an attachment is (Decree 30/2020/NĐ-CP Art 7 types and the
 * categories of the active profile) and which marks it carries (secrecy, urgency, draft).
 *
 * <p>Evidence from the document itself comes first (number line, title heading, "V/v" line, copy
 * block), then the file name, then the mail subject. Thread-safe and stateless after construction;
 * the only side effect is the OCR child process, which the caller controls through {@link OcrEngine}.
 */
public final class DocumentClassifier {

    /** Below this summed weight nothing is claimed: the type stays UNDETERMINED. */
    static final double MIN_SCORE = 0.15;
    /** Lines read for the number line and title: they sit in the header of page 1. */
    private static final int HEADER_LINES = 40;

    private final ClassifierConfig config;
    private final OcrEngine ocr;
    private final ProfileCategories categories;
    private final String profile;
    private final TextExtractor extractor;

    public DocumentClassifier(ClassifierConfig config, OcrEngine ocr, ProfileCategories categories, String profile) {
        this.config = java.util.Objects.requireNonNull(config, "config");
        this.ocr = java.util.Objects.requireNonNull(ocr, "ocr");
        this.categories = java.util.Objects.requireNonNull(categories, "categories");
        if (!categories.profiles().contains(profile)) {
            throw new IllegalArgumentException("unknown profile " + profile + "; known: " + categories.profiles());
        }
        this.profile = profile;
        this.extractor = new TextExtractor(config);
    }

    public String profile() {
        return profile;
    }

    public Classification classify(ClassificationInput input) {
        FileType fileType = FileTypeSniffer.sniff(input.content());
        Extraction extraction = extractor.extract(input.content(), fileType, ocr.available() && config.ocrPages() > 0);
        if (extraction instanceof Extraction.Text) {
            Extraction.Text text = (Extraction.Text) extraction;
            return fromText(text.text(), text.fontNames(), input, false, OcrStatus.NOT_NEEDED);
        }
        if (extraction instanceof Extraction.Scanned) {
            return fromScan((Extraction.Scanned) extraction, input);
        }
        String reason = extraction instanceof Extraction.Unreadable
                ? ((Extraction.Unreadable) extraction).reason() : ((Extraction.Unsupported) extraction).reason();
        return fromNames(input, new SecrecyFinding.Undetermined(reason), false, OcrStatus.NOT_NEEDED,
                List.of(new Notice("Không đọc được nội dung tệp: " + reason, "File content could not be read: " + reason)));
    }

    private Classification fromScan(Extraction.Scanned scan, ClassificationInput input) {
        if (scan.pages().isEmpty()) {
            return fromNames(input, new SecrecyFinding.Undetermined("scanned, no OCR"), true, OcrStatus.UNAVAILABLE,
                    List.of(Notice.SCANNED_NOT_DETERMINED));
        }
        StringBuilder text = new StringBuilder();
        for (BufferedImage page : scan.pages()) {
            OcrEngine.OcrOutcome outcome = ocr.recognise(RuledLineRemoval.apply(page, config.ocrDpi()), config.ocrBudget());
            if (outcome instanceof OcrEngine.OcrOutcome.Recognised) {
                text.append(((OcrEngine.OcrOutcome.Recognised) outcome).text()).append('\n');
            } else {
                OcrStatus status = outcome instanceof OcrEngine.OcrOutcome.TimedOut ? OcrStatus.TIMED_OUT
                        : outcome instanceof OcrEngine.OcrOutcome.Unavailable ? OcrStatus.UNAVAILABLE : OcrStatus.FAILED;
                return fromNames(input, new SecrecyFinding.Undetermined("scanned, OCR " + status), true, status,
                        List.of(new Notice("Văn bản scan: OCR không thành công (" + status + "), chưa xác định loại và dấu mật.",
                                "Scanned document: OCR did not succeed (" + status + "); type and secrecy not determined.")));
            }
        }
        // Tesseract may emit decomposed marks; every matcher expects NFC.
        String recognised = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFC);
        return fromText(recognised, Set.of(), input, true, OcrStatus.RECOGNISED);
    }

    /** No readable text: only the file name and the subject can hint at the type, and they do not decide it. */
    private Classification fromNames(ClassificationInput input, SecrecyFinding secrecy, boolean scanned, OcrStatus ocrStatus,
                                     List<Notice> notices) {
        List<Evidence> evidence = new ArrayList<>();
        NameEvidence.collect(input.fileName(), Evidence.Source.FILE_NAME, evidence);
        NameEvidence.collect(input.mailSubject(), Evidence.Source.MAIL_SUBJECT, evidence);
        return new Classification(DocumentType.UNDETERMINED, Optional.empty(), 0, evidence, Optional.empty(), Optional.empty(),
                Optional.empty(), false, secrecy, scanned, ocrStatus,
                new EncodingFinding(TextEncoding.NOT_APPLICABLE, 0), notices);
    }

    private Classification fromText(String rawText, Set<String> fontNames, ClassificationInput input, boolean scanned,
                                    OcrStatus ocrStatus) {
        LegacyEncodingDetector.Decoded decoded = LegacyEncodingDetector.detect(rawText, fontNames);
        String text = decoded.unicodeText();
        List<String> lines = nonBlankLines(text);

        List<Evidence> evidence = new ArrayList<>();
        Optional<NumberLine> numberLine = NumberLine.findFirst(lines.subList(0, Math.min(lines.size(), HEADER_LINES)));
        numberLine.ifPresent(n -> n.addEvidence(evidence));
        TitleHeading.find(lines.subList(0, Math.min(lines.size(), HEADER_LINES))).ifPresent(evidence::add);
        boolean subjectLine = lines.stream().limit(HEADER_LINES).anyMatch(NumberLine::isSubjectLine);
        if (subjectLine) {
            evidence.add(new Evidence(Evidence.Source.SUBJECT_LINE, "V/v", DocumentType.CONG_VAN, 0.35));
        }
        CopyBlock.find(lines).ifPresent(evidence::add);
        NameEvidence.collect(input.fileName(), Evidence.Source.FILE_NAME, evidence);
        NameEvidence.collect(input.mailSubject(), Evidence.Source.MAIL_SUBJECT, evidence);

        boolean draft = false;
        Optional<UrgencyMark> urgency = Optional.empty();
        SecrecyFinding secrecy = new SecrecyFinding.NotMarked();
        for (String line : lines) {
            DocumentMarks.Found found = DocumentMarks.find(line);
            Optional<SecrecyLevel> level = found.secrecy();
            if (level.isPresent() && (!(secrecy instanceof SecrecyFinding.Marked)
                    || ((SecrecyFinding.Marked) secrecy).level().ordinal() < level.get().ordinal())) {
                secrecy = new SecrecyFinding.Marked(level.get(), line);
            }
            Optional<UrgencyMark> mark = found.urgency();
            if (mark.isPresent() && (urgency.isEmpty() || urgency.get().ordinal() < mark.get().ordinal())) {
                urgency = mark;
            }
            draft |= found.draft();
        }

        Map<DocumentType, Double> scores = new EnumMap<>(DocumentType.class);
        for (Evidence e : evidence) {
            scores.merge(e.suggests(), e.weight(), Double::sum);
        }
        DocumentType type = DocumentType.UNDETERMINED;
        double best = 0, total = 0;
        for (Map.Entry<DocumentType, Double> entry : scores.entrySet()) {
            total += entry.getValue();
            if (entry.getValue() > best) {
                best = entry.getValue();
                type = entry.getKey();
            }
        }
        double confidence = 0;
        Optional<Evidence> copy = evidence.stream().filter(e -> e.source() == Evidence.Source.COPY_BLOCK).findFirst();
        if (copy.isPresent()) {
            // A copy carries the original's number and title too; the copy block is what makes it a copy.
            type = copy.get().suggests();
            best = total;
        }
        if (best < MIN_SCORE) {
            type = DocumentType.UNDETERMINED;
        } else {
            // Strength of the winner, discounted by how much of the evidence disagreed with it.
            confidence = Math.min(1.0, best) * (best / total);
        }
        if (type == DocumentType.UNDETERMINED && draft) {
            type = DocumentType.DU_THAO_XIN_Y_KIEN;
            confidence = 0.5;
        }
        evidence.sort(Comparator.comparingDouble(Evidence::weight).reversed());

        List<Notice> notices = new ArrayList<>();
        if (!decoded.finding().compliant()) {
            notices.add(new Notice(decoded.finding().noteVi(), decoded.finding().noteEn()));
        }
        return new Classification(type, categories.categoryOf(profile, type, draft), round(confidence), evidence,
                numberLine.flatMap(NumberLine::agency), numberLine.map(NumberLine::number), urgency, draft, secrecy,
                scanned, ocrStatus, decoded.finding(), notices);
    }

    /**
     * {@code text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()} without the stream: lines end at
     * \n, \r or \r\n, as {@link String#lines} cuts them.
     */
    static List<String> nonBlankLines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        int length = text.length();
        while (start < length) {
            int end = start;
            while (end < length && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            String line = text.substring(start, end).strip();
            if (!line.isEmpty()) {
                lines.add(line);
            }
            start = end < length && text.charAt(end) == '\r' && end + 1 < length && text.charAt(end + 1) == '\n'
                    ? end + 2 : end + 1;
        }
        return java.util.Collections.unmodifiableList(lines);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
