package vn.mailgw.gateway.documents;

import vn.mailgw.validation.filetype.FileType;

/**
 * One attachment of a message, decoded.
 *
 * @param fileName  as the sender named it ("" when none)
 * @param content   the decoded bytes; empty when {@code oversized} (not kept in memory)
 * @param sha256    lower-case hex SHA-256 of the whole decoded attachment (oversized ones too)
 * @param type      the real type, sniffed from the first bytes
 * @param size      decoded size in bytes
 * @param oversized larger than the limit (daknong-2012 Art 5.2): not classified, not validated, never
 *                  paper-equivalent; the steps flag it as a finding
 */
public record Attachment(String fileName, byte[] content, String sha256, FileType type, long size, boolean oversized) {
    public Attachment {
        fileName = fileName == null ? "" : fileName;
        if (content == null || sha256 == null || type == null) {
            throw new IllegalArgumentException("content, sha256 and type are required");
        }
        if (oversized && content.length > 0) {
            throw new IllegalArgumentException("an oversized attachment keeps no content");
        }
    }

    /** An attachment read in full. */
    public Attachment(String fileName, byte[] content, String sha256, FileType type) {
        this(fileName, content, sha256, type, content.length, false);
    }
}
