package vn.mailgw.gateway.audit;

import java.time.Instant;
import java.util.List;

/**
 * What {@link AuditRecorder} appends for the messages of the gateway's two measured runs, so the audit benchmark
 * compares like with like (issue 6: "appending never limits the gateway"):
 * <ul>
 * <li>{@link #relayed}: bench/smtp-relay. Postfix smtp-source sends a 10 kB text message (no attachment) from
 * vanthu@sonoivu.daknong.gov.vn to one recipient; SPF/DMARC pass through BenchDns. RecordAuditFacts finds no
 * document, so the message verdict is NOT_A_DOCUMENT (VerdictEngine starts from it) and there is no DOCUMENT record:
 * <b>one MESSAGE record</b>.</li>
 * <li>{@link #signedPdf}: bench/verdict. One signed ~1 MB PDF per message, stamped PAPER_EQUIVALENT: <b>one MESSAGE
 * record and one DOCUMENT record</b> with its signature and classification (no reasons, so no rules cited).</li>
 * </ul>
 * A refusal before or at DATA (free mail, too many attachments) is one MESSAGE record too ({@link TestAudits}).
 */
final class GatewayTrafficShapes {

    private GatewayTrafficShapes() {}

    /** bench/smtp-relay's message as the gateway records it: one MESSAGE record, no document. */
    static MessageAudit relayed(String queueId, Instant time) {
        return new MessageAudit(time, queueId, "<20261122211637." + queueId + "@load.test>",
                "vanthu@sonoivu.daknong.gov.vn", "vanthu@sonoivu.daknong.gov.vn", List.of("vanthu@ubnd.daknong.gov.vn"),
                "127.0.0.1", "load.test", 10_304L,
                "mailgw.local; spf=pass smtp.mailfrom=vanthu@sonoivu.daknong.gov.vn; dkim=none;"
                        + " dmarc=pass header.from=sonoivu.daknong.gov.vn",
                "Sở Nội vụ tỉnh Đắk Nông", "daknong-2012", "NOT_A_DOCUMENT", List.of(), Outcome.DELIVERED,
                "250 2.0.0 Ok: queued as " + queueId, findings("vanthu@sonoivu.daknong.gov.vn", "NOT_A_DOCUMENT", 0),
                List.of());
    }

    /** bench/verdict's message: one signed PDF, PAPER_EQUIVALENT; a MESSAGE and a DOCUMENT record. */
    static MessageAudit signedPdf(String queueId, Instant time) {
        SignatureDetail signature = new SignatureDetail(
                "CN=Nguyễn Văn An, O=Sở Tài chính tỉnh Đắk Nông, MST:6400123456, EMAIL=stc@daknong.gov.vn",
                "CN=Vietnam Government CA G2, O=Ban Cơ yếu Chính phủ, C=VN", "government", time.minusSeconds(3600),
                "VALID");
        DocumentAudit pdf = new DocumentAudit("Quyết định 99.pdf",
                CanonicalForm.sha256Hex(queueId.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "PDF",
                "PAPER_EQUIVALENT", List.of(), "Quyết định", "daknong-2012",
                List.of(), List.of(signature), List.of());
        return new MessageAudit(time, queueId, "<" + queueId + ".bench@daknong.gov.vn>", "stc@daknong.gov.vn",
                "stc@daknong.gov.vn", List.of("vanthu.ubnd@daknong.gov.vn"), "127.0.0.1", "demo-client.daknong.gov.vn",
                1_402_880L, "mailgw; spf=pass smtp.mailfrom=stc@daknong.gov.vn; dkim=none;"
                        + " dmarc=pass header.from=daknong.gov.vn",
                "Sở Tài chính", "daknong-2012", "PAPER_EQUIVALENT", List.of(), Outcome.DELIVERED,
                "250 2.0.0 Ok: queued as " + queueId, findings("stc@daknong.gov.vn", "PAPER_EQUIVALENT", 1), List.of(pdf));
    }

    /** The pipeline's findings the gateway records as the message's "errors" (GatewayTrafficShapesTest saw them). */
    static List<String> findings(String sender, String verdict, int attachments) {
        return List.of("sender " + sender + ": DMARC_PASS", "verdict " + verdict + " (" + attachments + " attachments)",
                "no notification: every document is paper-equivalent or not a document");
    }
}
