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
}
