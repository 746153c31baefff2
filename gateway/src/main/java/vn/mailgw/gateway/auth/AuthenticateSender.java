package vn.mailgw.gateway.auth;

import jakarta.mail.Address;
import jakarta.mail.internet.InternetAddress;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.util.Optional;
import vn.mailgw.gateway.freemail.FreemailPolicy;
import vn.mailgw.gateway.message.Envelope;
import vn.mailgw.gateway.pipeline.Attribute;
import vn.mailgw.gateway.pipeline.MessageContext;
import vn.mailgw.gateway.pipeline.ParseMime;
import vn.mailgw.gateway.pipeline.ParsedMime;
import vn.mailgw.gateway.pipeline.Step;
import vn.mailgw.gateway.pipeline.StepResult;
import vn.mailgw.validation.verdict.SenderFacts;

/**
 * Proves (or not) the header From: SPF, DKIM and DMARC alignment, or a trusted relay. Leaves {@link #SENDER}
 * for the verdict and the Authentication-Results value for the stamp. Never refuses: an unproven sender is a
 * finding that keeps documents from counting (a forged From never yields PAPER_EQUIVALENT).
 */
public final class AuthenticateSender implements Step {

    /** The sender facts and the check report. */
    public record SenderCheck(SenderFacts facts, AuthenticationReport report) {}

    public static final Attribute<SenderCheck> SENDER = Attribute.of("sender", SenderCheck.class);

    private final SenderAuthenticator authenticator;
    private final FreemailPolicy freemail;

    public AuthenticateSender(SenderAuthenticator authenticator, FreemailPolicy freemail) {
        this.authenticator = authenticator;
        this.freemail = freemail;
    }

    @Override
    public String name() {
        return "authenticate-sender";
    }

    @Override
    public StepResult apply(MessageContext context) throws Exception {
        Envelope envelope = context.message().envelope();
        String from = headerFrom(context.get(ParseMime.MIME)).orElse("");
        AuthenticationReport report;
        InetAddress client = InetAddress.getByName(envelope.clientIp());
        if (!mayCarryDkimSignature(context.get(ParseMime.MIME))) {
            report = authenticator.authenticateUnsigned(client, envelope.helo(), envelope.reversePath(), from);
        } else {
            // The authenticator buffers (jDKIM's parser reads the message one byte at a time).
            try (InputStream in = Files.newInputStream(context.message().spoolFile())) {
                report = authenticator.authenticate(client, envelope.helo(), envelope.reversePath(), from, in);
            }
        }
        boolean free = (!from.isEmpty() && freemail.isFreemail(from))
                || (!envelope.reversePath().isEmpty() && freemail.isFreemail(envelope.reversePath()));
        context.put(SENDER, new SenderCheck(new SenderFacts(envelope.reversePath(), from, report.outcome(), free), report));
        context.addFinding("sender " + from + ": " + report.outcome());
        return StepResult.proceed();
    }

    /** False only when the parsed header block has no DKIM-Signature field; unparsed headers are read from the file. */
    static boolean mayCarryDkimSignature(Optional<ParsedMime> mime) {
        if (mime.isEmpty() || !(mime.get() instanceof ParsedMime.Parsed parsed)) {
            return true;
        }
        try {
            return parsed.message().getHeader("DKIM-Signature") != null;
        } catch (jakarta.mail.MessagingException e) {
            return true;
        }
    }

    /** The single From address; several or none means there is no one sender to prove. */
    static Optional<String> headerFrom(Optional<ParsedMime> mime) {
        if (mime.isEmpty() || !(mime.get() instanceof ParsedMime.Parsed parsed)) {
            return Optional.empty();
        }
        try {
            Address[] from = parsed.message().getFrom();
            if (from == null || from.length != 1 || !(from[0] instanceof InternetAddress a) || a.getAddress() == null) {
                return Optional.empty();
            }
            return Optional.of(a.getAddress());
        } catch (jakarta.mail.MessagingException e) {
            return Optional.empty();
        }
    }
}
