package vn.mailgw.gateway.classify;

import vn.mailgw.gateway.smtp.EnhancedStatus;
import vn.mailgw.gateway.smtp.SmtpReply;
import vn.mailgw.validation.classify.SecrecyLevel;

/**
 * The refusal of a message that carries a document marked secret: 554 5.7.1, Vietnamese then English,
 * citing the articles that bar secret documents from the mail system. No file name or other client
 * input goes into the text (STYLE.md rule 8).
 */
public final class SecretDocumentRefusal {

    public static final String CITATION = "daknong-2012 Art 8.2; tuyenquang-2013 Art 7.1";

    private SecretDocumentRefusal() {}

    public static SmtpReply reply(SecrecyLevel level) {
        return SmtpReply.of(554, EnhancedStatus.of(5, 7, 1),
                "Thư bị từ chối: tệp đính kèm mang dấu độ mật \"" + level.markVi()
                        + "\"; văn bản mật không được gửi qua hệ thống thư điện tử (" + CITATION + ").",
                "Message refused: an attachment is marked " + level.nameEn() + " (" + ascii(level)
                        + "); secret documents must not be sent by e-mail (" + CITATION + "). Nothing was delivered.");
    }

    private static String ascii(SecrecyLevel level) {
        switch (level) {
            case TOI_MAT: return "Toi mat";
            case TUYET_MAT: return "Tuyet mat";
            default: return "Mat";
        }
    }
}
