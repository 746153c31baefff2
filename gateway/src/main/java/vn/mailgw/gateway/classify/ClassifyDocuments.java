package vn.mailgw.gateway.classify;

import jakarta.mail.MessagingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import vn.mailgw.gateway.documents.Attachment;
import vn.mailgw.gateway.documents.AttachmentExtractor;
import vn.mailgw.gateway.documents.MessageAttachments;
import vn.mailgw.gateway.pipeline.Attribute;
import vn.mailgw.gateway.pipeline.HeaderField;
import vn.mailgw.gateway.pipeline.MessageContext;
import vn.mailgw.gateway.pipeline.MessageSubject;
import vn.mailgw.gateway.pipeline.ParseMime;
import vn.mailgw.gateway.pipeline.ParsedMime;
import vn.mailgw.gateway.pipeline.Step;
import vn.mailgw.gateway.pipeline.StepResult;
import vn.mailgw.validation.classify.Classification;
import vn.mailgw.validation.classify.ClassificationInput;
import vn.mailgw.validation.classify.ClassifierConfig;
import vn.mailgw.validation.classify.DocumentClassifier;
import vn.mailgw.validation.classify.DocumentType;
import vn.mailgw.validation.classify.EncodingFinding;
import vn.mailgw.validation.classify.Notice;
import vn.mailgw.validation.classify.OcrEngine;
import vn.mailgw.validation.classify.OcrStatus;
import vn.mailgw.validation.classify.ProfileCategories;
import vn.mailgw.validation.classify.SecrecyFinding;
import vn.mailgw.validation.classify.TesseractOcr;
import vn.mailgw.validation.classify.TextEncoding;

/**
 * Classifies every attachment (Decree 30/2020/NĐ-CP type, profile category, marks), leaves the results as
 * {@link #CLASSIFICATIONS} for the verdict, stamp and audit steps, adds one {@value #HEADER} field per
 * attachment, and refuses the whole message with 554 5.7.1 when any attachment carries a secrecy mark
 * (daknong-2012 Art 8.2): a rejection before delivery, so no part of it reaches a mailbox.
 *
 * <p>A secrecy mark that could not be checked (a scan without OCR, an unreadable or oversized file) does not
 * refuse the message: it is recorded ({@code secrecy=UNDETERMINED} in the header and a finding), and the
 * verdict step, which never calls such a document paper-equivalent, tells the sender.
 */
public final class ClassifyDocuments implements Step {

    public static final String HEADER = "X-Mailgw-Document-Type";

    @SuppressWarnings("unchecked")
    public static final Attribute<List<AttachmentClassification>> CLASSIFICATIONS =
            (Attribute<List<AttachmentClassification>>) (Attribute<?>) Attribute.of("classifications", List.class);

    private final DocumentClassifier classifier;
    private final AttachmentExtractor extractor;

    public ClassifyDocuments(DocumentClassifier classifier, AttachmentExtractor extractor) {
        this.classifier = Objects.requireNonNull(classifier, "classifier");
        this.extractor = Objects.requireNonNull(extractor, "extractor");
    }

    /** The step as configured: Tesseract when installed and enabled, the bundled profile table. */
    public static ClassifyDocuments create(ClassifyConfig config) {
        ClassifierConfig limits = new ClassifierConfig(config.maxPages(), ClassifierConfig.DEFAULT_MAX_CHARS,
                ClassifierConfig.DEFAULT_OCR_PAGES, ClassifierConfig.DEFAULT_OCR_DPI, config.ocrBudget(),
                ClassifierConfig.DEFAULT_TEXT_LAYER_MIN_CHARS);
        OcrEngine ocr = config.ocr() ? new TesseractOcr() : OcrEngine.NONE;
        return new ClassifyDocuments(new DocumentClassifier(limits, ocr, ProfileCategories.bundled(), config.profile()),
                config.attachmentReader());
    }

    @Override
    public String name() {
        return "classify-documents";
    }

    @Override
    public StepResult apply(MessageContext context) throws MessagingException, IOException {
        ParsedMime mime = context.require(ParseMime.MIME);
        if (!(mime instanceof ParsedMime.Parsed parsed)) {
            context.put(CLASSIFICATIONS, List.of());
            context.addFinding("classify: MIME unreadable, attachments not classified (secrecy not checked)");
            return StepResult.proceed();
        }
        String subject = MessageSubject.of(parsed.message());
        // Alone (verdict off) this step extracts the attachments and drops their bytes when done; inside
        // ValidateDocuments it reads the extraction that step made and releases.
        boolean extractedHere = context.get(MessageAttachments.ATTACHMENTS).isEmpty();
        List<AttachmentClassification> results;
        try {
            results = classifyAll(MessageAttachments.of(context, parsed, extractor), subject, context::abandoned);
        } catch (AttachmentExtractor.TooManyAttachments e) {
            return MessageAttachments.refuseTooMany(context, "classify", e);
        } finally {
            if (extractedHere) {
                MessageAttachments.release(context);
            }
        }
        context.put(CLASSIFICATIONS, results);
        for (AttachmentClassification result : results) {
            context.addHeader(new HeaderField(HEADER, headerValue(result)));
            Classification c = result.classification();
            if (c.secrecy() instanceof SecrecyFinding.Undetermined undetermined) {
                context.addFinding("classify: attachment " + result.index() + " secrecy undetermined: " + undetermined.reason());
            }
        }
        for (AttachmentClassification result : results) {
            if (result.classification().secrecy() instanceof SecrecyFinding.Marked marked) {
                context.addFinding("secret-document-refused: attachment " + result.index() + " sha256=" + result.sha256()
                        + " mark=" + marked.level() + " (" + SecretDocumentRefusal.CITATION + ")");
                return new StepResult.Reject(SecretDocumentRefusal.reply(marked.level()));
            }
        }
        return StepResult.proceed();
    }

    /**
     * Classifies the attachments as {@link AttachmentExtractor} found them (the one walker the signature step
     * uses too), in message order. An oversized attachment is not read: type and secrecy stay undetermined.
     */
    public List<AttachmentClassification> classifyAll(List<Attachment> attachments, String subject) {
        return classifyAll(attachments, subject, () -> false);
    }

    /**
     * The same, for a message whose client may be answered without it ({@code abandoned}: the pipeline deadline
     * passed): from then on no attachment is read. Each can cost seconds (a scan rendered and OCRed), a message may
     * carry a thousand, and nobody waits for the answer any more; the worker goes back to the pool instead.
     */
    public List<AttachmentClassification> classifyAll(List<Attachment> attachments, String subject,
                                                      java.util.function.BooleanSupplier abandoned) {
        List<AttachmentClassification> results = new ArrayList<>();
        for (Attachment a : attachments) {
            int index = results.size() + 1;
            Classification c = a.oversized() ? tooLarge() : !a.undecodable().isEmpty() ? undecodable()
                    : abandoned.getAsBoolean() ? abandonedBeforeRead()
                    : classifier.classify(new ClassificationInput(a.content(), a.fileName(), subject));
            results.add(new AttachmentClassification(index, a.fileName(), a.sha256(), a.size(), c));
        }
        return List.copyOf(results);
    }

    private Classification tooLarge() {
        return notRead("attachment larger than " + extractor.maxBytes() + " bytes, not read",
                new Notice("Tệp quá lớn, không đọc để phân loại.", "File too large, not read for classification."));
    }

    private static Classification abandonedBeforeRead() {
        return notRead("the message's deadline passed before this attachment was read", new Notice(
                "Quá thời hạn xử lý thư trước khi đọc tệp này; máy chủ gửi sẽ gửi lại thư.",
                "The message's deadline passed before this file was read; the sending server will send it again."));
    }

    private static Classification undecodable() {
        return notRead("transfer encoding damaged, attachment not decoded", new Notice(
                "Mã hóa truyền tải của tệp bị hỏng, không đọc để phân loại.",
                "The file's transfer encoding is damaged, not read for classification."));
    }

    private static Classification notRead(String why, Notice notice) {
        return new Classification(DocumentType.UNDETERMINED, Optional.empty(), 0, List.of(),
                Optional.empty(), Optional.empty(), Optional.empty(), false, new SecrecyFinding.Undetermined(why),
                false, OcrStatus.NOT_NEEDED, new EncodingFinding(TextEncoding.NOT_APPLICABLE, 0), List.of(notice));
    }

    /**
     * One line of machine-readable parameters, folded; non-ASCII values (file name, Vietnamese label) are
     * percent-encoded UTF-8 as in RFC 2231 so the field stays ASCII.
     */
    static String headerValue(AttachmentClassification result) {
        Classification c = result.classification();
        List<String> params = new ArrayList<>();
        params.add(String.valueOf(result.index()));
        params.add("type=" + c.type().name());
        params.add("label*=utf-8''" + percent(c.labelVi()));
        params.add("confidence=" + String.format(Locale.ROOT, "%.2f", c.confidence()));
        c.category().ifPresent(category -> params.add("category=\"" + category.citation() + "\""));
        params.add("secrecy=" + secrecy(c.secrecy()));
        params.add("urgency=" + c.urgency().map(Enum::name).orElse("NONE"));
        params.add("draft=" + (c.draft() ? "yes" : "no"));
        params.add("scanned=" + (c.scanned() ? "yes" : "no"));
        params.add("encoding=" + c.encoding().encoding().name());
        c.number().ifPresent(n -> params.add("number*=utf-8''" + percent(n.toString())));
        params.add("sha256=" + result.sha256());
        if (!result.fileName().isEmpty()) {
            params.add("filename*=utf-8''" + percent(result.fileName()));
        }
        return String.join(";\r\n\t", params);
    }

    private static String secrecy(SecrecyFinding finding) {
        if (finding instanceof SecrecyFinding.Marked marked) {
            return marked.level().name();
        }
        return finding instanceof SecrecyFinding.Undetermined ? "UNDETERMINED" : "NONE";
    }

    private static String percent(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return out.toString();
    }
}
