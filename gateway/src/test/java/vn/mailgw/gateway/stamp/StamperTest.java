package vn.mailgw.gateway.stamp;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.BodyPart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import vn.mailgw.trust.registry.AgencyEntry;
import vn.mailgw.trust.registry.AgencyKind;
import vn.mailgw.trust.registry.AgencyRegistry;
import vn.mailgw.trust.registry.CertificateIdentity;
import vn.mailgw.trust.registry.SignerIdentity;
import vn.mailgw.validation.filetype.FileType;
import vn.mailgw.validation.policy.ProfileLoader;
import vn.mailgw.validation.verdict.AttachmentFacts;
import vn.mailgw.validation.verdict.MessageVerdict;
import vn.mailgw.validation.verdict.SenderAuthentication;
import vn.mailgw.validation.verdict.SenderFacts;
import vn.mailgw.validation.verdict.SignatureEvidence;
import vn.mailgw.validation.verdict.SignatureFinding;
import vn.mailgw.validation.verdict.SignatureStatus;
import vn.mailgw.validation.verdict.VerdictEngine;

class StamperTest {

    static final String PDF_BASE64 = "JVBERi0xLjQKJcfsj6IKMSAwIG9iago8PC9UeXBlL0NhdGFsb2c+PgplbmRvYmoK";

    /** A message as a real client sends it: alternative text/html, related image, RFC 2231 Vietnamese file name. */
    static final String ORIGINAL = String.join("\r\n",
            "Received: from mx.stc.daknong.gov.vn by mx.sonla.gov.vn",
            "Authentication-Results: mailgw; spf=pass smtp.mailfrom=forged@evil.example",
            "Authentication-Results: mx.upstream.example; spf=none",
            "X-Mailgw-Verdict: PAPER_EQUIVALENT; profile=daknong-2012",
            "X-MAILGW-DOCUMENT: index=1; verdict=PAPER_EQUIVALENT",
            "X-Mailgw-Document-Type: 1; type=QUYET_DINH; secrecy=NONE",
            "From: =?UTF-8?Q?S=E1=BB=9F_T=C3=A0i_ch=C3=ADnh?= <stc@daknong.gov.vn>",
            "To: vanthu@sonla.gov.vn",
            "Subject: =?UTF-8?B?R2nhuqV5IG3hu51p?=",
            "Message-ID: <abc@stc.daknong.gov.vn>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/mixed;",
            " boundary=\"outer\"",
            "",
            "--outer",
            "Content-Type: multipart/alternative; boundary=\"alt\"",
            "",
            "--alt",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
            "",
            "Kính gửi văn thư.",
            "--alt",
            "Content-Type: multipart/related; boundary=\"rel\"",
            "",
            "--rel",
            "Content-Type: text/html; charset=utf-8",
            "",
            "<p>Kính gửi văn thư.<img src=\"cid:logo\"></p>",
            "--rel",
            "Content-Type: image/png",
            "Content-ID: <logo>",
            "Content-Transfer-Encoding: base64",
            "",
            "iVBORw0KGgo=",
            "--rel--",
            "--alt--",
            "--outer",
            "Content-Type: application/pdf;",
            " name*=utf-8''Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh.pdf",
            "Content-Disposition: attachment;",
            " filename*=utf-8''Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh.pdf",
            "Content-Transfer-Encoding: base64",
            "",
            PDF_BASE64,
            "--outer--",
            "");

    static MessageVerdict verdict() {
        AgencyRegistry registry = new AgencyRegistry(List.of(new AgencyEntry("stc@daknong.gov.vn", "Sở Tài chính", "stc",
                Optional.empty(), "Đắk Nông", AgencyKind.UNIT, true,
                new CertificateIdentity(List.of("6400111111"), List.of(), List.of(), List.of()))));
        SignerIdentity snv = new SignerIdentity("NGUYỄN VĂN BÌNH", Optional.of("Sở Nội vụ"), Optional.of("6400222222"),
                Optional.empty(), Optional.empty());
        AttachmentFacts pdf = new AttachmentFacts("Quyết định.pdf", "b".repeat(64), FileType.PDF,
                new SignatureEvidence.Signed(List.of(new SignatureFinding(SignatureStatus.VALID, snv, "Demo CA",
                        Optional.of(Instant.parse("2026-11-20T02:30:00Z")), List.of()))), Optional.empty());
        AttachmentFacts scan = new AttachmentFacts("Giấy mời.pdf", "c".repeat(64), FileType.PDF,
                new SignatureEvidence.NotSigned(), Optional.empty());
        return new VerdictEngine(ProfileLoader.load("daknong-2012")).decide(registry, sender(), List.of(pdf, scan));
    }

    static SenderFacts sender() {
        return new SenderFacts("stc@daknong.gov.vn", "stc@daknong.gov.vn", SenderAuthentication.DMARC_PASS, false);
    }

    static StampInput input() {
        return new StampInput(verdict(), sender(),
                Optional.of("mailgw; spf=pass smtp.mailfrom=stc@daknong.gov.vn; dkim=none; dmarc=pass header.from=daknong.gov.vn"),
                "audit-2026-000042", "Q7F3K2", List.of(new StampInput.MachineReport("b".repeat(64), "Quyết định.pdf",
                "<SimpleReport/>".getBytes(StandardCharsets.UTF_8))));
    }

    static byte[] stamp() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Stamper(StampConfig.DEFAULT).stamp(new ByteArrayInputStream(ORIGINAL.getBytes(StandardCharsets.UTF_8)), out,
                input());
        return out.toByteArray();
    }

    static MimeMessage parse(byte[] bytes) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(bytes));
    }

    @Test
    void stampShouldDropForgedDocumentTypeAndPrintOurClassificationWhenBothAreThere() throws Exception {
        StampInput plain = input();
        StampInput typed = new StampInput(plain.verdict(), plain.sender(), plain.authenticationResults(),
                plain.auditRecordId(), plain.queueId(), plain.machineReports(),
                java.util.Map.of("b".repeat(64), "Giấy mời (GM)"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Stamper(StampConfig.DEFAULT).stamp(new ByteArrayInputStream(ORIGINAL.getBytes(StandardCharsets.UTF_8)), out,
                typed);
        String stamped = out.toString(StandardCharsets.UTF_8);
        MimeMessage m = parse(out.toByteArray());
        assertThat(m.getHeader("X-Mailgw-Document-Type")).as("forged incoming field").isNull();
        assertThat(String.join(" ", m.getHeader("X-Mailgw-Document")))
                .contains("document-type*=utf-8''Gi%E1%BA%A5y%20m%E1%BB%9Di%20%28GM%29");
        assertThat(stamped).doesNotContain("type=QUYET_DINH; secrecy=NONE");
        assertThat(new Banner(StampConfig.DEFAULT.timeZone()).text(typed)).contains("(loại văn bản: Giấy mời (GM))");
    }

    @Test
    void stampShouldReplaceForgedVerdictHeadersWhenSenderSetThem() throws Exception {
        MimeMessage m = parse(stamp());
        assertThat(m.getHeader("X-Mailgw-Verdict")).singleElement().asString()
                .startsWith("NOT_PAPER_EQUIVALENT; profile=daknong-2012").contains("audit-id=audit-2026-000042");
        assertThat(m.getHeader("X-Mailgw-Document")).hasSize(2);
        assertThat(String.join(" ", m.getHeader("X-Mailgw-Document")))
                .contains("filename*=utf-8''Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh.pdf", "sha256=" + "b".repeat(64),
                        "verdict=NOT_PAPER_EQUIVALENT", "reasons=SIGNER_NOT_SENDING_AGENCY",
                        "reasons=VISUAL_CHECK_REQUIRED", "verdict=INDETERMINATE");
        assertThat(m.getHeader("Authentication-Results")).hasSize(2).noneMatch(h -> h.contains("forged@evil.example"))
                .anyMatch(h -> h.startsWith("mx.upstream.example"));
        assertThat(m.getSubject()).isEqualTo("Giấy mời");
        assertThat(m.getMessageID()).isEqualTo("<abc@stc.daknong.gov.vn>");
    }

    @Test
    void stampShouldKeepOriginalPartsByteIdenticalWhenWrapping() throws Exception {
        MimeMessage original = parse(ORIGINAL.getBytes(StandardCharsets.UTF_8));
        MimeMessage stamped = parse(stamp());
        MimeMultipart top = (MimeMultipart) stamped.getContent();
        assertThat(top.getContentType()).startsWith("multipart/mixed");
        assertThat(top.getCount()).isEqualTo(4);
        MimeBodyPart wrapped = (MimeBodyPart) top.getBodyPart(1);
        assertThat(wrapped.getContentType()).startsWith("multipart/mixed");
        MimeMultipart before = (MimeMultipart) original.getContent();
        MimeMultipart after = (MimeMultipart) wrapped.getContent();
        assertThat(after.getCount()).isEqualTo(before.getCount());
        BodyPart pdfAfter = after.getBodyPart(1);
        assertThat(pdfAfter.getFileName()).isEqualTo("Quyết định.pdf");
        assertThat(raw((MimeBodyPart) pdfAfter)).isEqualTo(raw((MimeBodyPart) before.getBodyPart(1)));
        try (InputStream decoded = pdfAfter.getInputStream()) {
            assertThat(decoded.readAllBytes()).isEqualTo(java.util.Base64.getDecoder().decode(PDF_BASE64));
        }
        MimeMultipart alt = (MimeMultipart) after.getBodyPart(0).getContent();
        assertThat(alt.getContentType()).startsWith("multipart/alternative");
        MimeMultipart related = (MimeMultipart) alt.getBodyPart(1).getContent();
        assertThat(related.getContentType()).startsWith("multipart/related");
        assertThat(((MimeBodyPart) related.getBodyPart(1)).getContentID()).isEqualTo("<logo>");
        // The wrapped body is the original body, byte for byte.
        String stampedText = new String(stamp(), StandardCharsets.UTF_8);
        String originalBody = ORIGINAL.substring(ORIGINAL.indexOf("\r\n\r\n") + 4);
        assertThat(stampedText).contains(originalBody);
    }

    /**
     * Delivery sends {@code around}'s head, the original from {@code bodyOffset} (straight from the spool file) and
     * its tail: that must be the message {@code stamp} writes (boundaries aside, which are random per call), with the
     * original body at the offset where it starts, also when the header block is longer than one read chunk.
     */
    @Test
    void aroundShouldGiveTheStampedMessageWhenTheOriginalBodyIsPutBetween() throws Exception {
        String longHeaders = ORIGINAL.replace("Subject:", "X-Long: " + "x".repeat(20_000) + "\r\nSubject:");
        for (String eml : List.of(ORIGINAL, longHeaders, "Subject: no body, no blank line")) {
            byte[] original = eml.getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream full = new ByteArrayOutputStream();
            new Stamper(StampConfig.DEFAULT).stamp(new ByteArrayInputStream(original), full, input());
            Stamper.Stamped around = new Stamper(StampConfig.DEFAULT).around(new ByteArrayInputStream(original), input());
            ByteArrayOutputStream spliced = new ByteArrayOutputStream();
            spliced.write(around.head());
            spliced.write(original, (int) around.bodyOffset(), original.length - (int) around.bodyOffset());
            spliced.write(around.tail());
            assertThat(withoutBoundaries(spliced.toByteArray())).isEqualTo(withoutBoundaries(full.toByteArray()));
            int blankLine = eml.indexOf("\r\n\r\n");
            assertThat(around.bodyOffset()).isEqualTo(blankLine < 0 ? original.length : blankLine + 4);
        }
    }

    private static String withoutBoundaries(byte[] message) {
        return new String(message, StandardCharsets.UTF_8).replaceAll("=_mailgw_(alt_)?[0-9a-f]{32}", "BOUNDARY");
    }

    @Test
    void stampShouldPutVietnameseBannerFirstWhenStamping() throws Exception {
        MimeMultipart top = (MimeMultipart) parse(stamp()).getContent();
        MimeMultipart banner = (MimeMultipart) top.getBodyPart(0).getContent();
        assertThat(banner.getContentType()).startsWith("multipart/alternative");
        String text = (String) banner.getBodyPart(0).getContent();
        String html = (String) banner.getBodyPart(1).getContent();
        assertThat(text).contains("Quyết định.pdf: [KHÔNG HỢP LỆ] Không có giá trị tương đương văn bản giấy",
                "NGUYỄN VĂN BÌNH", "ký lúc 20/11/2026 09:30", "Sở Nội vụ", "daknong-2012 Art 9.2",
                "dấu đỏ", "audit-2026-000042", "Sở Tài chính");
        assertThat(html).contains("id=\"mailgw-banner\"", "Giấy mời.pdf", "[CẦN KIỂM TRA]", "audit-2026-000042");
        BodyPart report = top.getBodyPart(2);
        assertThat(report.getFileName()).isEqualTo("bao-cao-kiem-tra.html");
        assertThat(new String(report.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains("PAPER_MUST_FOLLOW", "daknong-2012 Art 9.3", "Authentication-Results: mailgw; spf=pass");
        assertThat(new String(top.getBodyPart(3).getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("<SimpleReport/>");
    }

    @Test
    void stampShouldWriteOurPartsAsBase64LinesWithinTheMimeLimitWhenWriting() throws Exception {
        MimeMultipart top = (MimeMultipart) parse(stamp()).getContent();
        MimeMultipart banner = (MimeMultipart) top.getBodyPart(0).getContent();
        for (BodyPart part : List.of(banner.getBodyPart(0), banner.getBodyPart(1), top.getBodyPart(2), top.getBodyPart(3))) {
            assertThat(part.getHeader("Content-Transfer-Encoding")).containsExactly("base64");
            try (InputStream in = ((MimeBodyPart) part).getRawInputStream()) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII).split("\r\n"))
                        .as("base64 lines of at most 76 characters (RFC 2045 6.8)")
                        .allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(76).matches("[A-Za-z0-9+/=]*"));
            }
        }
        String alt = banner.getContentType();
        String outer = top.getContentType();
        assertThat(boundaryOf(alt)).doesNotStartWith(boundaryOf(outer));
        assertThat(boundaryOf(outer)).doesNotStartWith(boundaryOf(alt));
    }


    @Test
    void stampShouldAttachNoReportButKeepTheBannerWhenTheMessageHasNoDocument() throws Exception {
        MessageVerdict none = new VerdictEngine(ProfileLoader.load("daknong-2012")).decide(
                new AgencyRegistry(List.of()), sender(), List.of());
        assertThat(none.documents()).isEmpty();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new Stamper(StampConfig.DEFAULT).stamp(new ByteArrayInputStream(ORIGINAL.getBytes(StandardCharsets.UTF_8)), out,
                new StampInput(none, sender(), Optional.empty(), "audit-2026-000043", "Q7F3K3", List.of()));

        MimeMessage stamped = parse(out.toByteArray());
        MimeMultipart top = (MimeMultipart) stamped.getContent();
        assertThat(top.getCount()).as("banner + the original, no report").isEqualTo(2);
        MimeMultipart banner = (MimeMultipart) top.getBodyPart(0).getContent();
        assertThat((String) banner.getBodyPart(0).getContent()).contains("audit-2026-000043");
        assertThat(stamped.getHeader("X-Mailgw-Verdict")).isNotNull();
    }

    private static String boundaryOf(String contentType) throws Exception {
        return new jakarta.mail.internet.ContentType(contentType).getParameter("boundary");
    }

    static byte[] raw(MimeBodyPart part) throws Exception {
        try (InputStream in = part.getRawInputStream()) {
            return Arrays.copyOf(in.readAllBytes(), in.available() + 4096);
        }
    }
}
