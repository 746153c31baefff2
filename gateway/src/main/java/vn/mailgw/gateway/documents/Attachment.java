package vn.mailgw.gateway.documents;

import vn.mailgw.validation.filetype.FileType;

/**
 * One attachment of a message, decoded.
 *
 * @param fileName as the sender named it ("" when none)
 * @param content  the decoded bytes
 * @param sha256   lower-case hex SHA-256 of {@code content}
 * @param type     the real type, sniffed from the bytes
 */
public record Attachment(String fileName, byte[] content, String sha256, FileType type) {
    public Attachment {
        fileName = fileName == null ? "" : fileName;
        if (content == null || sha256 == null || type == null) {
            throw new IllegalArgumentException("content, sha256 and type are required");
        }
    }
}
