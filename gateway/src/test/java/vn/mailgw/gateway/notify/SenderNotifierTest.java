package vn.mailgw.gateway.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.mailgw.trust.registry.AgencyEntry;
import vn.mailgw.trust.registry.AgencyKind;
import vn.mailgw.trust.registry.AgencyRegistry;
import vn.mailgw.trust.registry.CertificateIdentity;
import vn.mailgw.validation.filetype.FileType;
import vn.mailgw.validation.policy.Profile;
import vn.mailgw.validation.policy.ProfileLoader;
import vn.mailgw.validation.verdict.AttachmentFacts;
import vn.mailgw.validation.verdict.MessageVerdict;
import vn.mailgw.validation.verdict.SenderAuthentication;
import vn.mailgw.validation.verdict.SenderFacts;
import vn.mailgw.validation.verdict.SignatureEvidence;
import vn.mailgw.validation.verdict.VerdictEngine;

class SenderNotifierTest {

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    static final Profile DAKNONG = ProfileLoader.load("daknong-2012");
    static final AgencyEntry STC = new AgencyEntry("stc@daknong.gov.vn", "Sở Tài chính", "stc", Optional.empty(),
            "Đắk Nông", AgencyKind.UNIT, true, new CertificateIdentity(List.of("6400111111"), List.of(), List.of(), List.of()));
    static final AgencyRegistry REGISTRY = new AgencyRegistry(List.of(STC));

    static MessageVerdict unsignedDocx(SenderFacts sender) {
        AttachmentFacts docx = new AttachmentFacts("Kế hoạch.docx", "d".repeat(64), FileType.DOCX,
                new SignatureEvidence.NotSigned(), Optional.empty());
        return new VerdictEngine(DAKNONG).decide(REGISTRY, sender, List.of(docx));
    }

    static SenderFacts sender(String from, SenderAuthentication auth, boolean free) {
        return new SenderFacts(from, from, auth, free);
    }

    @Test
    void decideShouldSendVietnameseNoticeWhenAuthenticatedAgencyDocumentFails() throws Exception {
        SenderFacts s = sender("stc@daknong.gov.vn", SenderAuthentication.DMARC_PASS, false);
        Notification n = new SenderNotifier(NotifyConfig.DEFAULT, DAKNONG).decide(unsignedDocx(s), s,
                REGISTRY.lookup(s.headerFrom()), false, "Kế hoạch tháng 12", Optional.of("<m1@stc>"), "audit-7");
        assertThat(n).isInstanceOf(Notification.Send.class);
        Notification.Send send = (Notification.Send) n;
        assertThat(send.recipient()).isEqualTo("stc@daknong.gov.vn");

        new NotificationSender("127.0.0.1", greenMail.getSmtp().getPort(), NotifyConfig.DEFAULT_FROM).send(send);
        MimeMessage received = greenMail.getReceivedMessages()[0];
        String body = (String) received.getContent();
        assertThat(received.getSubject()).contains("Kế hoạch tháng 12");
        assertThat(received.getHeader("Auto-Submitted")[0]).isEqualTo("auto-generated");
        assertThat(received.getHeader("In-Reply-To")[0]).isEqualTo("<m1@stc>");
        assertThat(body).contains("Kính gửi: Sở Tài chính", "Kế hoạch.docx", "không có chữ ký số của đơn vị",
                "[daknong-2012 Art 9.2(a)]", "gửi bản giấy", "[daknong-2012 Art 9.3]", "audit-7",
                "Please send the paper originals");
    }

    @Test
    void decideShouldNeverNotifyWhenSenderIsForgedFreeOrUnknown() {
        SenderNotifier notifier = new SenderNotifier(NotifyConfig.DEFAULT, DAKNONG);
        SenderFacts forged = sender("stc@daknong.gov.vn", SenderAuthentication.FAIL, false);
        SenderFacts temp = sender("stc@daknong.gov.vn", SenderAuthentication.TEMP_ERROR, false);
        SenderFacts gmail = sender("vanthu@gmail.com", SenderAuthentication.DMARC_PASS, true);
        SenderFacts unknown = sender("someone@example.vn", SenderAuthentication.DMARC_PASS, false);
        for (SenderFacts s : List.of(forged, temp, gmail, unknown)) {
            Notification n = notifier.decide(unsignedDocx(s), s, REGISTRY.lookup(s.headerFrom()), false, "x",
                    Optional.empty(), "a");
            assertThat(n).as(s.toString()).isInstanceOf(Notification.Skip.class);
        }
        SenderFacts ok = sender("stc@daknong.gov.vn", SenderAuthentication.DMARC_PASS, false);
        assertThat(notifier.decide(unsignedDocx(ok), ok, Optional.of(STC), true, "x", Optional.empty(), "a"))
                .isInstanceOf(Notification.Skip.class);
        SenderFacts bounce = new SenderFacts("", "stc@daknong.gov.vn", SenderAuthentication.DMARC_PASS, false);
        assertThat(notifier.decide(unsignedDocx(bounce), bounce, Optional.of(STC), false, "x", Optional.empty(), "a"))
                .isInstanceOf(Notification.Skip.class);
    }
}
