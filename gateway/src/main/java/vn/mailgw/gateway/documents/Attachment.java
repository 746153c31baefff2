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
 * @param undecodable why the part's transfer encoding (base64, quoted-printable) could not be decoded; "" when it
 *                  was. Such a part keeps no content, its {@code sha256} is of the raw encoded body, and it is neither
 *                  classified nor validated (never paper-equivalent): one damaged part must not fail the message.
 */
public record Attachment(String fileName, byte[] content, String sha256, FileType type, long size, boolean oversized,
                         String undecodable) {
    public Attachment {
        fileName = fileName == null ? "" : fileName;
        undecodable = undecodable == null ? "" : undecodable;
        if (content == null || sha256 == null || type == null) {
            throw new IllegalArgumentException("content, sha256 and type are required");
        }
        if ((oversized || !undecodable.isEmpty()) && content.length > 0) {
            throw new IllegalArgumentException("an oversized or undecodable attachment keeps no content");
        }
    }

    public Attachment(String fileName, byte[] content, String sha256, FileType type, long size, boolean oversized) {
        this(fileName, content, sha256, type, size, oversized, "");
    }

    /** A part whose transfer encoding is damaged: not read, reported with {@code why}. */
    public static Attachment undecodable(String fileName, String rawSha256, long rawSize, String why) {
        return new Attachment(fileName, new byte[0], rawSha256, FileType.UNKNOWN, rawSize, false, why);
    }

    /** True when the bytes could not be read at all (too large or damaged encoding): not classified, not validated. */
    public boolean notRead() {
        return oversized || !undecodable.isEmpty();
    }

    /** An attachment read in full. */
    public Attachment(String fileName, byte[] content, String sha256, FileType type) {
        this(fileName, content, sha256, type, content.length, false);
    }
}
