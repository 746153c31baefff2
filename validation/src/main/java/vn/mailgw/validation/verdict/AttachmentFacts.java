package vn.mailgw.validation.verdict;

import java.util.Optional;
import vn.mailgw.validation.filetype.FileType;

/**
 * What the gateway knows about one attachment before the verdict.
 *
 * @param fileName       as the sender named it (display only; never used to decide the type)
 * @param sha256         hex SHA-256 of the decoded bytes
 * @param type           the real type from {@code FileTypeSniffer}
 * @param signatures     the signature engine's findings
 * @param classification the document classification (e.g. "TB", "GM", "CONG_VAN"), when a classifier ran
 */
public record AttachmentFacts(String fileName, String sha256, FileType type, SignatureEvidence signatures,
                              Optional<String> classification) {
    public AttachmentFacts {
        fileName = fileName == null || fileName.isBlank() ? "(không tên)" : fileName;
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits");
        }
        if (type == null || signatures == null) {
            throw new IllegalArgumentException("type and signatures are required");
        }
        classification = classification == null ? Optional.empty() : classification;
    }

    /**
     * Documents are what the regulations speak of; images, calendars, detached signature files are not. A file that
     * could not be read at all (evidence {@link SignatureEvidence.NotChecked}: too large, damaged encoding, named like
     * a document but unreadable) counts as one: what it is was not established, so it is INDETERMINATE, not waved
     * through as "not a document" (fail closed).
     */
    public boolean isDocument() {
        return type.kind() == FileType.Kind.DOCUMENT || type == FileType.ASIC
                || signatures instanceof SignatureEvidence.NotChecked;
    }
}
