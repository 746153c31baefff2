package vn.mailgw.gateway.classify;

import java.time.Duration;
import java.util.Objects;
import vn.mailgw.gateway.config.DataSize;
import vn.mailgw.gateway.documents.AttachmentExtractor;
import vn.mailgw.validation.classify.ClassifierConfig;

/**
 * Settings of the {@link ClassifyDocuments} step (config section {@code classify}).
 *
 * @param profile            regulation profile whose categories are reported (daknong-2012, tuyenquang-2013, ...);
 *                           blank in the gateway's {@code classify} section = the same as {@code verdict.profile}
 * @param ocr                run Tesseract on scans when it is installed
 * @param ocrBudget          wall time one OCR run may take
 * @param maxPages           leading PDF pages read for text (the last page is always read as well)
 * @param maxAttachmentSize  larger attachments are not read (daknong-2012 Art 5.2: 25 MB per attachment)
 * @param maxAttachments     a message with more documents is refused (552 5.3.4) rather than checked in part
 */
public record ClassifyConfig(String profile, boolean ocr, Duration ocrBudget, int maxPages, DataSize maxAttachmentSize,
                             int maxAttachments) {

    public static final String DEFAULT_PROFILE = "daknong-2012";
    public static final boolean DEFAULT_OCR = true;
    public static final Duration DEFAULT_OCR_BUDGET = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_PAGES = ClassifierConfig.DEFAULT_MAX_PAGES; // leading pages; the last page is read too
    public static final DataSize DEFAULT_MAX_ATTACHMENT_SIZE = DataSize.ofMegabytes(25);
    public static final int DEFAULT_MAX_ATTACHMENTS = AttachmentExtractor.DEFAULT_MAX_ATTACHMENTS;

    public static final ClassifyConfig DEFAULTS = new ClassifyConfig(DEFAULT_PROFILE, DEFAULT_OCR, DEFAULT_OCR_BUDGET,
            DEFAULT_MAX_PAGES, DEFAULT_MAX_ATTACHMENT_SIZE, DEFAULT_MAX_ATTACHMENTS);

    /** Blank profile: follow {@code verdict.profile}, so one key sets the regulation for the whole gateway. */
    public static final String SAME_AS_VERDICT = "";

    /** The gateway's {@code classify} section defaults: as {@link #DEFAULTS}, the profile following the verdict's. */
    public static final ClassifyConfig SECTION_DEFAULTS = new ClassifyConfig(SAME_AS_VERDICT, DEFAULT_OCR,
            DEFAULT_OCR_BUDGET, DEFAULT_MAX_PAGES, DEFAULT_MAX_ATTACHMENT_SIZE, DEFAULT_MAX_ATTACHMENTS);

    /** This configuration with a blank profile replaced by the given one (the verdict's). */
    public ClassifyConfig withProfileOr(String verdictProfile) {
        return profile.isBlank()
                ? new ClassifyConfig(verdictProfile, ocr, ocrBudget, maxPages, maxAttachmentSize, maxAttachments) : this;
    }

    /**
     * The one attachment reader of the pipeline (classification and signatures share its extraction, so an
     * attachment is read by both or flagged by both): these size and count limits.
     */
    public AttachmentExtractor attachmentReader() {
        return new AttachmentExtractor(maxAttachmentSize.bytes(), maxAttachments);
    }

    public ClassifyConfig {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(ocrBudget, "ocrBudget");
        Objects.requireNonNull(maxAttachmentSize, "maxAttachmentSize");
        if (ocrBudget.isNegative() || ocrBudget.isZero()) {
            throw new IllegalArgumentException("classify.ocrBudget must be positive");
        }
        if (maxPages < 1) {
            throw new IllegalArgumentException("classify.maxPages must be at least 1");
        }
        if (maxAttachmentSize.bytes() < 1 || maxAttachmentSize.bytes() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("classify.maxAttachmentSize must be 1 byte .. 2 GB");
        }
        if (maxAttachments < 1) {
            throw new IllegalArgumentException("classify.maxAttachments must be at least 1");
        }
    }
}
