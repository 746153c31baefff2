package vn.mailgw.gateway.classify;

import java.util.Objects;
import vn.mailgw.validation.classify.Classification;

/**
 * One attachment of the message and what {@link ClassifyDocuments} found it to be.
 *
 * @param index          1-based position among the message's attachments
 * @param fileName       the name the sender gave (may be empty)
 * @param sha256         hex SHA-256 of the decoded attachment
 * @param size           decoded size in bytes
 * @param classification type, category, marks and evidence
 */
public record AttachmentClassification(int index, String fileName, String sha256, long size,
                                       Classification classification) {
    public AttachmentClassification {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(classification, "classification");
        if (index < 1) {
            throw new IllegalArgumentException("index is 1-based");
        }
    }

    /** The type as the stamp, headers and audit print it: "Giấy mời (GM)", "Công văn", "Chưa xác định". */
    public String typeLabel() {
        return classification.labelVi()
                + classification.type().abbreviation().map(a -> " (" + a + ")").orElse("");
    }
}
