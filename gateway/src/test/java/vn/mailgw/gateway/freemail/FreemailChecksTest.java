package vn.mailgw.gateway.freemail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.mailgw.gateway.smtp.SmtpReply;
import vn.mailgw.trust.freemail.FreemailDomains;

class FreemailChecksTest {

    private final FreemailPolicy strict = new FreemailPolicy(FreemailDomains.builtIn(), List.of());
    private final FreemailPolicy withFeedback = new FreemailPolicy(FreemailDomains.builtIn(), List.of("GopY@daknong.gov.vn"));

    @Test
    void checkSenderShouldRefuseFreemailAtMailFromWhenNoMailboxAcceptsIt() {
        assertThat(new FreemailEnvelopeChecks(strict).checkSender("ai@Gmail.com", "192.0.2.1"))
                .contains(FreemailPolicy.REFUSAL);
        assertThat(new FreemailEnvelopeChecks(strict).checkSender("vanthu@daknong.gov.vn", "192.0.2.1")).isEmpty();
        assertThat(new FreemailEnvelopeChecks(strict).checkSender("", "192.0.2.1")).as("null sender").isEmpty();
    }

    @Test
    void checkRecipientShouldAcceptOnlyAcceptingMailboxesWhenSenderIsFreemail() {
        FreemailEnvelopeChecks checks = new FreemailEnvelopeChecks(withFeedback);
        assertThat(checks.checkSender("ai@yahoo.com.vn", "192.0.2.1")).isEmpty();
        assertThat(checks.checkRecipient("ai@yahoo.com.vn", "gopy@DAKNONG.gov.vn", "192.0.2.1")).isEmpty();
        assertThat(checks.checkRecipient("ai@yahoo.com.vn", "vanthu@daknong.gov.vn", "192.0.2.1"))
                .contains(FreemailPolicy.REFUSAL);
        assertThat(checks.checkRecipient("vanthu@sonla.gov.vn", "vanthu@daknong.gov.vn", "192.0.2.1")).isEmpty();
    }

    @Test
    void refusalShouldBe550571InBothLanguagesCitingTheArticleWithinLineLimits() {
        SmtpReply reply = FreemailPolicy.REFUSAL;
        assertThat(reply.code()).isEqualTo(550);
        assertThat(reply.status().toString()).isEqualTo("5.7.1");
        assertThat(reply.lines()).hasSize(2);
        assertThat(reply.lines().get(0)).contains("Không chấp nhận văn bản gửi từ hộp thư miễn phí (daknong-2012 Art 9.4)");
        assertThat(reply.lines().get(1)).contains("Documents from free mailboxes are not accepted (daknong-2012 Art 9.4)");
        for (String line : new String(reply.toWire(), StandardCharsets.UTF_8).split("\r\n")) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length + 2).isLessThanOrEqualTo(512);
        }
    }

    @Test
    void noticeValueShouldBeFoldedAsciiThatDecodesToBothLanguages() throws Exception {
        String value = RefuseFreemailHeaderFrom.noticeValue();
        assertThat(value).matches("[\\x20-\\x7e\\r\\n\\t]+");
        for (String line : ("X-Mailgw-Notice: " + value).split("\r\n")) {
            assertThat(line.length()).isLessThanOrEqualTo(78);
        }
        String decoded = jakarta.mail.internet.MimeUtility.decodeText(jakarta.mail.internet.MimeUtility.unfold(value));
        assertThat(decoded).contains(FreemailPolicy.NOTICE_ENGLISH).contains(FreemailPolicy.NOTICE_VIETNAMESE);
    }
}
