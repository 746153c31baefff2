package vn.mailgw.gateway.audit;

import java.time.Instant;
import java.util.List;

/** Realistic audit inputs for tests: a delivered message with a signed PDF, a free-mail refusal, ... */
final class TestAudits {

    static final String PDF_SHA = "9f2c4a1e0b7d3c5a6e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d";

    private TestAudits() {}

    static MessageAudit delivered(String queueId, Instant time, String agency) {
        SignatureDetail sig = new SignatureDetail("CN=Nguyễn Văn An, O=Sở Nội vụ tỉnh Đắk Nông",
                "CN=Vietnam Government CA G2", "government", time.minusSeconds(3600), "VALID");
        DocumentAudit pdf = new DocumentAudit("QĐ-115-2025.pdf", PDF_SHA, "PDF", "PAPER_EQUIVALENT", List.of(),
                "QĐ", "daknong-2012", List.of("daknong-2012 Art 9.2(b)"), List.of(sig), List.of());
        DocumentAudit docx = new DocumentAudit("du-thao.docx", PDF_SHA.replace('9', '1'), "DOCX",
                "NOT_PAPER_EQUIVALENT", List.of("UNSIGNED_EDITABLE daknong-2012 Art 9.2(a)"), "dự thảo",
                "daknong-2012", List.of("daknong-2012 Art 9.2(a)"), List.of(), List.of());
        return new MessageAudit(time, queueId, "<" + queueId + "@snv.daknong.gov.vn>", "VanThu.SNV@daknong.gov.vn",
                "vanthu.snv@daknong.gov.vn", List.of("ubnd@daknong.gov.vn", "stc@daknong.gov.vn"), "10.0.0.7",
                "mail.snv.daknong.gov.vn", 48_213L, "spf=pass smtp.mailfrom=daknong.gov.vn; dkim=pass", agency,
                "daknong-2012", "NOT_PAPER_EQUIVALENT", List.of(), Outcome.DELIVERED,
                "250 2.0.0 Ok: queued as " + queueId, List.of(), List.of(pdf, docx));
    }

    static MessageAudit freeMailRefusal(String queueId, Instant time, String sender) {
        return new MessageAudit(time, queueId, null, sender, sender, List.of("ubnd@daknong.gov.vn"), "203.0.113.9",
                "mx.gmail.com", 1200L, null, null, "daknong-2012", "REFUSED",
                List.of("FREEMAIL_SENDER daknong-2012 Art 9.4"), Outcome.REFUSED,
                "550 5.7.1 Không nhận thư từ hộp thư miễn phí (daknong-2012 Art 9.4)", List.of(), List.of());
    }

    static MessageAudit failed(String queueId, Instant time) {
        return new MessageAudit(time, queueId, "<x@y>", "ketoan@stc.daknong.gov.vn", null,
                List.of("ubnd@daknong.gov.vn"), "10.0.0.8", "stc", 900L, null, "Sở Tài chính", "daknong-2012", null,
                List.of(), Outcome.FAILED, "451 4.4.1 next hop unreachable",
                List.of("java.net.ConnectException: Connection refused (next hop 10.0.0.1:25)"), List.of());
    }
}
