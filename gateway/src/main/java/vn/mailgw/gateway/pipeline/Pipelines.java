package vn.mailgw.gateway.pipeline;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
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
        List<Step> steps = new ArrayList<>();
        // 0. Trace field (RFC 5321 4.4): added first, so it stays on top of every field the gateway adds.
        steps.add(new AddTraceHeader(config.smtp().hostname(), ZoneId.systemDefault()));
        // 1. Read the message: MIME tree over the spool file (broken MIME is recorded, never fatal).
        steps.add(new ParseMime());
        // 2. Sender checks: free-mail header From (daknong-2012 Art 9.4).
        steps.add(new RefuseFreemailHeaderFrom(freemail));
        //    later: registry lookup of the official mailbox, SPF/DKIM/DMARC or trusted relay.
        // 3. Documents (later issues): classify attachments (may refuse secret documents, daknong-2012 Art 8.2),
        //    validate signatures, decide the verdict per policy profile.
        // 4. Stamp (later): remove forged verdict headers, add verdict headers and the Vietnamese banner.
        // 5. Deliver: next hop or Maildir. Only this marks the message delivered (250).
        steps.add(new DeliverMessage(delivery));
        // 6. later: audit append (hash-chained record; its id goes into the reply), notifications.
        return List.copyOf(steps);
    }
}
