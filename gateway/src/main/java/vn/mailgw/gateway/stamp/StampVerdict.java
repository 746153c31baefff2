package vn.mailgw.gateway.stamp;

import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.mailgw.gateway.auth.AuthenticateSender;
import vn.mailgw.gateway.documents.InspectedDocument;
import vn.mailgw.gateway.documents.ValidateDocuments;
import vn.mailgw.gateway.pipeline.Attribute;
import vn.mailgw.gateway.pipeline.MessageContext;
import vn.mailgw.gateway.pipeline.Step;
import vn.mailgw.gateway.pipeline.StepResult;
import vn.mailgw.gateway.verdict.DecideVerdict;

/**
 * Writes the stamped message next to the spool file and leaves its path as {@link #STAMPED}; delivery sends
 * that file instead of the original. The stamped file is deleted when the message is done.
 */
public final class StampVerdict implements Step {

    public static final Attribute<Path> STAMPED = Attribute.of("stamped-file", Path.class);

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
        Path stamped = spool.resolveSibling(spool.getFileName() + ".stamped");
        context.closeWhenDone(() -> Files.deleteIfExists(stamped));
        // Buffered: the stamper writes the banner and report parts in many small pieces.
        try (InputStream in = Files.newInputStream(spool);
             OutputStream out = new BufferedOutputStream(Files.newOutputStream(stamped), 64 * 1024)) {
            stamper.stamp(in, out, input);
        }
        context.put(STAMPED, stamped);
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
