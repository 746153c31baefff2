package vn.mailgw.gateway.verdict;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import vn.mailgw.gateway.auth.AuthenticationReport;
import vn.mailgw.gateway.classify.AttachmentClassification;
import vn.mailgw.gateway.classify.ClassifyDocuments;
import vn.mailgw.gateway.documents.Attachment;
import vn.mailgw.gateway.documents.AttachmentExtractor;
import vn.mailgw.gateway.documents.InspectedDocument;
import vn.mailgw.gateway.documents.ValidateDocuments;
import vn.mailgw.gateway.freemail.FreemailPolicy;
import vn.mailgw.gateway.pipeline.MessageSubject;
import vn.mailgw.gateway.stamp.StampInput;
import vn.mailgw.validation.verdict.MessageVerdict;
import vn.mailgw.validation.verdict.SenderAuthentication;
import vn.mailgw.validation.verdict.SenderFacts;

/**
 * The whole verdict for one saved message, outside the SMTP flow: the same extraction, classification, signature
 * validation, profile and stamp the gateway applies. Without a client IP the sender cannot be authenticated (an .eml file
 * does not say where it came from), so it is reported as not checked and no document can count (fail closed).
 */
public final class MessageCheck {

    /**
     * The verdict, the sender check, each attachment's classification (same order as the verdict's documents),
     * and the message exactly as the gateway would deliver it.
     */
    public record Result(MessageVerdict verdict, AuthenticationReport authentication,
                         List<AttachmentClassification> classifications, byte[] stamped) {
        public Result {
            classifications = List.copyOf(classifications);
        }

        /** The document type label of the verdict's n-th document (0-based), as the stamp prints it. */
        public Optional<String> documentType(int index) {
            return index < classifications.size() ? Optional.of(classifications.get(index).typeLabel()) : Optional.empty();
        }
    }

    private final VerdictServices services;
    private final FreemailPolicy freemail;
    private final ClassifyDocuments classifier;
    private final AttachmentExtractor extractor;

    /** With the deployment's own attachment reader (its {@code classify.maxAttachmentSize}), as the pipeline has. */
    public MessageCheck(VerdictServices services, FreemailPolicy freemail, ClassifyDocuments classifier,
                        AttachmentExtractor extractor) {
        this.services = services;
        this.freemail = freemail;
        this.classifier = classifier;
        this.extractor = extractor;
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
        // The gateway's one walker: the classification and the signature check read the same decoded attachments.
        List<Attachment> attachments = extractor.extract(message);
        List<AttachmentClassification> classifications = classifier.classifyAll(attachments,
                MessageSubject.of(message));
        List<InspectedDocument> docs = ValidateDocuments.withClassification(services.inspector().inspect(attachments),
                classifications);
        MessageVerdict verdict = services.engine().decide(services.registry().get(), sender,
                docs.stream().map(InspectedDocument::facts).toList());
        List<StampInput.MachineReport> reports = new ArrayList<>();
        for (InspectedDocument d : docs) {
            d.machineReportXml().ifPresent(x -> reports.add(new StampInput.MachineReport(d.facts().sha256(),
                    d.facts().fileName(), x.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, String> types = new HashMap<>();
        classifications.forEach(c -> types.putIfAbsent(c.sha256(), c.typeLabel()));
        services.stamper().stamp(new ByteArrayInputStream(eml), out, new StampInput(verdict, sender,
                Optional.of(auth.headerValue()), "offline-check", "offline-check", reports, types));
        return new Result(verdict, auth, classifications, out.toByteArray());
    }

    static byte[] read(java.nio.file.Path file) throws IOException {
        return java.nio.file.Files.readAllBytes(file);
    }
}
