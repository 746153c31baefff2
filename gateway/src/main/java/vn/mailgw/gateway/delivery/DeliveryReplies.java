package vn.mailgw.gateway.delivery;

import vn.mailgw.gateway.smtp.EnhancedStatus;
import vn.mailgw.gateway.smtp.SmtpReply;

/** Replies for delivery failures. Vietnamese first, English alongside; no internal details. */
final class DeliveryReplies {
    private DeliveryReplies() {}

    /** RFC 3463 4.4.1: no answer from host / connection refused or timed out or 4xx; the client retries. */
    static SmtpReply nextHopUnavailable() {
        return SmtpReply.of(451, EnhancedStatus.of(4, 4, 1),
                "Máy chủ chuyển tiếp tạm thời không nhận thư, xin gửi lại sau.",
                "Next hop temporarily unavailable, please try again later.");
    }

    static SmtpReply localStorageFailure() {
        return SmtpReply.of(451, EnhancedStatus.of(4, 3, 0),
                "Lỗi tạm thời khi lưu thư, xin gửi lại sau.",
                "Temporary problem storing the message, please try again later.");
    }
}
