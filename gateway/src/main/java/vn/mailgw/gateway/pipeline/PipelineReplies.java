package vn.mailgw.gateway.pipeline;

import vn.mailgw.gateway.smtp.EnhancedStatus;
import vn.mailgw.gateway.smtp.SmtpReply;

/** The replies the pipeline itself gives (steps give their own refusals). Vietnamese first, English alongside. */
public final class PipelineReplies {
    private PipelineReplies() {}

    /** The message is safe (next hop said 250 or the Maildir file is durable). */
    public static SmtpReply queued(String queueId) {
        return SmtpReply.of(250, EnhancedStatus.of(2, 0, 0), "Ok: queued as " + queueId);
    }

    /** A local fault; no internal detail goes to the client (STYLE.md rule 8). */
    public static SmtpReply localTemporaryFailure() {
        return SmtpReply.of(451, EnhancedStatus.of(4, 3, 0),
                "Lỗi tạm thời của cổng thư, xin gửi lại sau.",
                "Temporary local problem, please try again later.");
    }

    /**
     * More attachments than the gateway checks in one message: refused, never delivered unchecked. Each one is
     * classified, validated, stamped, audited and listed in the banner; 20,000 empty ones held a worker for 40 s.
     */
    public static SmtpReply tooManyAttachments(int max) {
        return SmtpReply.of(552, EnhancedStatus.of(5, 3, 4),
                "Thư có quá nhiều tệp đính kèm (tối đa " + max + " tệp), xin chia ra nhiều thư.",
                "Too many attachments (at most " + max + " files), please split them over several messages.");
    }
}
