package vn.mailgw.gateway.verdict;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import vn.mailgw.gateway.auth.AuthenticationReport;
import vn.mailgw.gateway.documents.InspectedDocument;
import vn.mailgw.gateway.freemail.FreemailPolicy;
import vn.mailgw.gateway.stamp.StampInput;
import vn.mailgw.validation.verdict.MessageVerdict;
import vn.mailgw.validation.verdict.SenderAuthentication;
import vn.mailgw.validation.verdict.SenderFacts;

/**
 * The whole verdict for one saved message, outside the SMTP flow: the same extraction, signature validation,
 * profile and stamp the gateway applies. Without a client IP the sender cannot be authenticated (an .eml file
 * does not say where it came from), so it is reported as not checked and no document can count (fail closed).
 */
public final class MessageCheck {

    /** The verdict, the sender check, and the message exactly as the gateway would deliver it. */
    public record Result(MessageVerdict verdict, AuthenticationReport authentication, byte[] stamped) {}

    private final VerdictServices services;
    private final FreemailPolicy freemail;

    public MessageCheck(VerdictServices services, FreemailPolicy freemail) {
        this.services = services;
        this.freemail = freemail;
    }

    /**
     * @param clientIp when given, SPF/DKIM/DMARC run as if the message had come from this address
     * @param mailFrom the envelope sender to assume ("" = the header From)
     */
    public Result check(byte[] eml, Optional<InetAddress> clientIp, String mailFrom) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(eml));
        String from = "";
        if (message.getFrom() != null && message.getFrom().length == 1
                && message.getFrom()[0] instanceof jakarta.mail.internet.InternetAddress a && a.getAddress() != null) {
            from = a.getAddress();
        }
        String envelopeFrom = mailFrom.isEmpty() ? from : mailFrom;
        AuthenticationReport auth;
        if (clientIp.isPresent()) {
            auth = services.authenticator().authenticate(clientIp.get(), "check", envelopeFrom, from,
                    new ByteArrayInputStream(eml));
        } else {
            String domain = from.contains("@") ? from.substring(from.indexOf('@') + 1) : "";
            auth = new AuthenticationReport(SenderAuthentication.NOT_CHECKED, "none", List.of(), "none", domain,
                    "mailgw; none (offline check: no client IP)");
        }
        boolean free = (!from.isEmpty() && freemail.isFreemail(from))
                || (!envelopeFrom.isEmpty() && freemail.isFreemail(envelopeFrom));
        SenderFacts sender = new SenderFacts(envelopeFrom, from, auth.outcome(), free);
        List<InspectedDocument> docs = services.inspector().inspect(services.extractor().extract(message));
        MessageVerdict verdict = services.engine().decide(services.registry().get(), sender,
                docs.stream().map(InspectedDocument::facts).toList());
        List<StampInput.MachineReport> reports = new ArrayList<>();
        for (InspectedDocument d : docs) {
            d.machineReportXml().ifPresent(x -> reports.add(new StampInput.MachineReport(d.facts().sha256(),
                    d.facts().fileName(), x.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        services.stamper().stamp(new ByteArrayInputStream(eml), out, new StampInput(verdict, sender,
                Optional.of(auth.headerValue()), "offline-check", "offline-check", reports));
        return new Result(verdict, auth, out.toByteArray());
    }

    static byte[] read(java.nio.file.Path file) throws IOException {
        return java.nio.file.Files.readAllBytes(file);
    }
}
