package vn.mailgw.gateway.pipeline;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import vn.mailgw.gateway.classify.ClassifyDocuments;
import vn.mailgw.gateway.config.GatewayConfig;
import vn.mailgw.gateway.delivery.DeliverMessage;
import vn.mailgw.gateway.delivery.Delivery;
import vn.mailgw.gateway.freemail.FreemailPolicy;
import vn.mailgw.gateway.freemail.RefuseFreemailHeaderFrom;

/**
 * The one place where the order of the per-message steps is decided. Read it top to bottom to know what
 * happens to a message after DATA. Later work plugs in at the marked places.
 */
public final class Pipelines {
    private Pipelines() {}

    public static List<Step> standard(GatewayConfig config, FreemailPolicy freemail, Delivery delivery) {
        return standard(config, freemail, delivery, java.util.Optional.empty());
    }

    /** @param verdict the verdict services; empty when {@code verdict.enabled} is false (messages pass unstamped) */
    public static List<Step> standard(GatewayConfig config, FreemailPolicy freemail, Delivery delivery,
                                      java.util.Optional<vn.mailgw.gateway.verdict.VerdictServices> verdict) {
        List<Step> steps = new ArrayList<>();
        // 0. Trace field (RFC 5321 4.4): added first, so it stays on top of every field the gateway adds.
        steps.add(new AddTraceHeader(config.smtp().hostname(), ZoneId.systemDefault()));
        //    The audit record's id (<node>.<queueId>) is known now, so the stamp and the notification can print it.
        steps.add(new vn.mailgw.gateway.audit.AssignAuditId(config.audit().nodeId()));
        // 1. Read the message: MIME tree over the spool file (broken MIME is recorded, never fatal).
        steps.add(new ParseMime());
        // 2. Sender checks: free-mail header From (daknong-2012 Art 9.4).
        steps.add(new RefuseFreemailHeaderFrom(freemail));
        //    SPF/DKIM/DMARC or trusted relay proves the header From (a forged From never counts); with the
        //    verdict on it runs inside step 3, while the signature engine works (it waits for DNS, not CPU).
        // 3. Documents: classify attachments (records each type; refuses secret documents, daknong-2012
        //    Art 8.2, before delivery), validate signatures and decide the verdict per policy profile. With the
        //    verdict on, sender authentication and classification run while the signature engine works on the
        //    decoded attachments.
        //    The classification follows the verdict's regulation unless classify.profile names another.
        ClassifyDocuments classify = ClassifyDocuments.create(config.classify().withProfileOr(config.verdict().profile()));
        if (verdict.isEmpty()) {
            steps.add(classify);
        }
        verdict.ifPresent(v -> {
            // The same limits for both readers (classify.maxAttachmentSize, classify.maxAttachments), so they share
            // one extraction (MessageAttachments) and an attachment is either read by both or flagged by both.
            var attachments = config.classify().attachmentReader();
            steps.add(new vn.mailgw.gateway.documents.ValidateDocuments(attachments, v.inspector(), List.of(
                    new vn.mailgw.gateway.auth.AuthenticateSender(v.authenticator(), freemail), classify)));
            steps.add(new vn.mailgw.gateway.verdict.DecideVerdict(v.engine(), v.registry()));
            //    What the audit record keeps of all that: agency, verdict, reasons, each document's hash, type, signers.
            steps.add(new vn.mailgw.gateway.audit.RecordAuditFacts(v.registry()));
            // 4. Stamp: remove forged verdict headers, add verdict headers, the Vietnamese banner, the report.
            steps.add(new vn.mailgw.gateway.stamp.StampVerdict(v.stamper()));
        });
        // 5. Deliver: next hop or Maildir. Only this marks the message delivered (250).
        steps.add(new DeliverMessage(delivery));
        // 6. Tell the sending agency what is not paper-equivalent (best effort, after delivery).
        verdict.ifPresent(v -> steps.add(new vn.mailgw.gateway.notify.NotifySender(v.notifier(), v.registry(),
                delivery, config.verdict().notifyFrom())));
        // 7. Audit: not a step. AuditRecorder (a MessageOutcomeHook given to the PipelineRunner) records every
        //    message after the steps, refused and failed ones too, before the client gets its reply.
        return List.copyOf(steps);
    }
}
