package vn.mailgw.gateway.stamp;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.mailgw.gateway.auth.AuthenticateSender;
import vn.mailgw.gateway.delivery.MessageContent;
import vn.mailgw.gateway.documents.InspectedDocument;
import vn.mailgw.gateway.documents.ValidateDocuments;
import vn.mailgw.gateway.pipeline.Attribute;
import vn.mailgw.gateway.pipeline.MessageContext;
import vn.mailgw.gateway.pipeline.Step;
import vn.mailgw.gateway.pipeline.StepResult;
import vn.mailgw.gateway.verdict.DecideVerdict;

/**
 * Stamps the message and leaves the result as {@link #STAMPED}; delivery sends it instead of the original. A small
 * message is stamped into memory; for a larger one only the stamp's own bytes (headers, banner, report) are made
 * here, the original body stays in the spool file and delivery copies it from there, so no stamped copy of the
 * message is written, read back and deleted.
 */
public final class StampVerdict implements Step {

    public static final Attribute<MessageContent> STAMPED = Attribute.of("stamped", MessageContent.class);

    /**
     * Originals up to this size are stamped whole into memory (most mail: delivery then sends one array and does not
     * open the spool file again); with the banner a stamped copy is a few kB larger, so 20 pipeline workers hold at
     * most ~5 MB. Larger ones are sent as the stamp's bytes around the spool file's body, never copied.
     */
    public static final long IN_MEMORY_LIMIT = 256 * 1024;

    /** Set by the audit step when it runs before stamping; the queue id stands in until then. */
    public static final Attribute<String> AUDIT_ID = Attribute.of("audit-id", String.class);

    private final Stamper stamper;

    public StampVerdict(Stamper stamper) {
        this.stamper = stamper;
    }

    @Override
    public String name() {
        return "stamp-verdict";
    }

    @Override
    public StepResult apply(MessageContext context) throws Exception {
        AuthenticateSender.SenderCheck sender = context.require(AuthenticateSender.SENDER);
        List<StampInput.MachineReport> reports = new ArrayList<>();
        for (InspectedDocument d : context.require(ValidateDocuments.DOCUMENTS).list()) {
            d.machineReportXml().ifPresent(xml -> reports.add(new StampInput.MachineReport(d.facts().sha256(),
                    d.facts().fileName(), xml.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        }
        StampInput input = new StampInput(context.require(DecideVerdict.VERDICT), sender.facts(),
                Optional.of(sender.report().headerValue()), context.get(AUDIT_ID).orElse(context.queueId()),
                context.queueId(), reports, documentTypes(context));
        Path spool = context.message().spoolFile();
        long size = Files.size(spool);
        if (size <= IN_MEMORY_LIMIT) {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) size + 8 * 1024);
            try (InputStream in = Files.newInputStream(spool)) {
                stamper.stamp(in, out, input);
            }
            context.put(STAMPED, MessageContent.bytes(out.toByteArray()));
            return StepResult.proceed();
        }
        Stamper.Stamped stamped;
        try (InputStream in = Files.newInputStream(spool)) {
            stamped = stamper.around(in, input); // reads the header block only
        }
        // Delivery sends the stamp's bytes around the original body straight from the spool file: no stamped copy.
        context.put(STAMPED, MessageContent.spliced(stamped.head(), spool, stamped.bodyOffset(), size, stamped.tail()));
        return StepResult.proceed();
    }

    /**
     * The classification's label per attachment hash (ValidateDocuments copied it into the verdict facts), for
     * the banner line and the X-Mailgw-Document field.
     */
    static java.util.Map<String, String> documentTypes(MessageContext context) {
        java.util.Map<String, String> types = new java.util.HashMap<>();
        context.get(vn.mailgw.gateway.documents.ValidateDocuments.DOCUMENTS).ifPresent(docs -> docs.list().forEach(d ->
                d.facts().classification().ifPresent(label -> types.putIfAbsent(d.facts().sha256(), label))));
        return types;
    }
}
