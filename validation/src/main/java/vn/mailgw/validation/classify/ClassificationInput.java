package vn.mailgw.validation.classify;

import java.util.Objects;

/**
 * One attachment to classify: its bytes, its file name and the subject of the mail it came in
 * (both may be empty; they are weaker evidence than the document's own lines).
 */
public record ClassificationInput(byte[] content, String fileName, String mailSubject) {
    public ClassificationInput {
        Objects.requireNonNull(content, "content");
        fileName = fileName == null ? "" : fileName;
        mailSubject = mailSubject == null ? "" : mailSubject;
    }
}
