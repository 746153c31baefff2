package vn.mailgw.gateway.documents;

import jakarta.mail.MessagingException;
import java.io.IOException;
import java.util.List;
import vn.mailgw.gateway.pipeline.Attribute;
import vn.mailgw.gateway.pipeline.MessageContext;
import vn.mailgw.gateway.pipeline.ParsedMime;
import vn.mailgw.gateway.pipeline.PipelineReplies;
import vn.mailgw.gateway.pipeline.StepResult;

/**
 * The message's attachments, extracted once and kept on the message context: the classification step and the
 * signature step both ask here, so each attachment is decoded and hashed once per message whichever step runs
 * first. {@link ValidateDocuments} releases the decoded bytes when it is done, so they do not stay in memory
 * while the message is stamped and delivered.
 */
public final class MessageAttachments {

    /**
     * What one extraction found, and under which size limit (a step with another limit extracts again).
     * After {@link #release} the list is empty and {@code released} is set.
     */
    public record Extracted(long maxBytes, List<Attachment> list, boolean released) {
        public Extracted {
            list = List.copyOf(list);
        }
    }

    public static final Attribute<Extracted> ATTACHMENTS = Attribute.of("attachments", Extracted.class);

    private MessageAttachments() {}

    /** The attachments of the parsed message, extracted on first use with this extractor's rule and limit. */
    public static List<Attachment> of(MessageContext context, ParsedMime.Parsed mime, AttachmentExtractor extractor)
            throws MessagingException, IOException {
        Extracted cached = context.get(ATTACHMENTS).orElse(null);
        if (cached != null && cached.released()) {
            throw new IllegalStateException("attachments already released: read them before validate-documents ends");
        }
        if (cached != null && cached.maxBytes() == extractor.maxBytes()) {
            return cached.list();
        }
        List<Attachment> list = extractor.extract(mime);
        if (cached == null) {
            context.put(ATTACHMENTS, new Extracted(extractor.maxBytes(), list, false));
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).oversized()) {
                    context.addFinding(oversizedFinding(i + 1, list.get(i), extractor.maxBytes()));
                }
                if (!list.get(i).undecodable().isEmpty()) {
                    context.addFinding("attachment " + (i + 1) + " transfer encoding damaged, not decoded: "
                            + list.get(i).undecodable());
                }
            }
        }
        return list;
    }

    /** Drops the decoded bytes (up to 25 MB per attachment) once no later step needs them. */
    /**
     * The answer of either reader of the attachments (classification alone, or the signature step) to a message with
     * more of them than the limit: refused whole (552 5.3.4), never checked in part.
     */
    public static StepResult refuseTooMany(MessageContext context, String step,
                                           AttachmentExtractor.TooManyAttachments e) {
        context.addFinding(step + ": " + e.getMessage() + "; refused");
        return new StepResult.Reject(PipelineReplies.tooManyAttachments(e.max()));
    }

    public static void release(MessageContext context) {
        context.get(ATTACHMENTS).ifPresent(e -> context.put(ATTACHMENTS, new Extracted(e.maxBytes(), List.of(), true)));
    }

    /** The finding (once per message) that reports an attachment too large to check, for log and audit. */
    static String oversizedFinding(int index, Attachment a, long maxBytes) {
        return "documents: attachment " + index + " (" + a.fileName() + ", " + a.size() + " bytes, sha256="
                + a.sha256() + ") larger than " + maxBytes + " bytes (daknong-2012 Art 5.2): not read, not checked";
    }
}
