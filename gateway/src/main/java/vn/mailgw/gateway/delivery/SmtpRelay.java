package vn.mailgw.gateway.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.mailgw.gateway.config.NextHopConfig;
import vn.mailgw.gateway.message.Envelope;
import vn.mailgw.gateway.smtp.EnhancedStatus;
import vn.mailgw.gateway.smtp.SmtpReply;

/**
 * Relays a message to the configured next hop with the client's envelope, over a small blocking SMTP
 * client (one connection at a time per message, run on a worker thread; MAIL, RCPT and DATA pipelined when
 * the next hop offers PIPELINING). The body is streamed from the message content
 * with dot-stuffing, after the gateway's added header fields: the bytes arrive unchanged, 8-bit safe,
 * never re-serialised by Jakarta Mail.
 *
 * <p>Outcomes, so that nothing is lost:
 * <ul>
 *   <li>250 after the final dot → delivered (only then does the client get 250);</li>
 *   <li>unreachable, timeout, connection lost, any 4xx, or a 5xx to the greeting/EHLO (a fault of the
 *       set-up, not of this message) → 451 4.4.1, the client retries;</li>
 *   <li>5xx to MAIL, RCPT, DATA or the final dot → the same code and enhanced code to the client, the
 *       text prefixed so the client sees it came from the next hop.</li>
 * </ul>
 * Connections are kept open after a delivery and reused for the next message (at most 32 idle, for at
 * most 20 s); if a reused connection fails before the final dot, the message is retried once on a fresh
 * connection, which is safe because the next hop accepted nothing.
 * Recipients are all-or-nothing: if the next hop refuses one recipient, the transaction is abandoned
 * (RSET) and the whole message gets that recipient's reply (4xx → 451 4.4.1, 5xx → that 5xx). After
 * DATA the gateway can no longer answer per recipient, and delivering to some while the client retries
 * for all would duplicate mail.
 */
public final class SmtpRelay implements Delivery {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpRelay.class);
    private static final Pattern ENHANCED = Pattern.compile("^([245])\\.(\\d{1,3})\\.(\\d{1,3})\\s*");

    /** Idle connections kept for the next message (saves connect, greeting and EHLO per message). */
    private static final int MAX_IDLE = 32;
    /** Older idle connections are closed rather than reused: next hops drop idle clients (Postfix: 300 s). */
    private static final long IDLE_LIMIT_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(20);

    private final NextHopConfig config;
    private final String host;
    private final java.util.concurrent.ConcurrentLinkedDeque<SmtpClientConnection> idle =
            new java.util.concurrent.ConcurrentLinkedDeque<>();

    public SmtpRelay(NextHopConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.host = config.host().orElseThrow(() -> new IllegalArgumentException("next hop without host"));
    }

    @Override
    public DeliveryOutcome deliver(OutgoingMessage message) {
        String where = host + ":" + config.port();
        SmtpClientConnection reused = takeIdle();
        if (reused != null) {
            try {
                return finish(reused, transaction(reused, message, where));
            } catch (IOException e) {
                reused.closeQuietly();
                if (reused.finalDotSent()) {
                    return unavailable(where, e);
                }
                // The next hop dropped an idle connection: nothing was accepted, so a fresh one is safe.
                LOG.debug("reused connection to {} failed before the final dot ({}); retrying fresh", where, e.toString());
            }
        }
        SmtpClientConnection fresh = null;
        try {
            fresh = SmtpClientConnection.open(host, config.port(), config.connectTimeout(), config.commandTimeout());
            Optional<DeliveryOutcome> refused = introduce(fresh, where);
            if (refused.isPresent()) {
                fresh.closeQuietly();
                return refused.get();
            }
            return finish(fresh, transaction(fresh, message, where));
        } catch (IOException e) {
            if (fresh != null) {
                fresh.closeQuietly();
            }
            return unavailable(where, e);
        }
    }

    private static DeliveryOutcome unavailable(String where, IOException e) {
        return new DeliveryOutcome.TempFailed(DeliveryReplies.nextHopUnavailable(),
                "next hop " + where + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    /** An idle connection young enough to trust, or null. */
    private SmtpClientConnection takeIdle() {
        SmtpClientConnection c;
        while ((c = idle.pollFirst()) != null) {
            if (c.idleFor() < IDLE_LIMIT_NANOS) {
                return c;
            }
            c.quitQuietly();
        }
        return null;
    }

    /** Keeps the connection for the next message after a delivery; closes it after anything else. */
    private DeliveryOutcome finish(SmtpClientConnection c, DeliveryOutcome outcome) {
        if (outcome instanceof DeliveryOutcome.Delivered && idle.size() < MAX_IDLE) {
            c.markIdle();
            idle.addFirst(c);
        } else {
            c.quitQuietly();
        }
        return outcome;
    }

    /** Greeting, EHLO (HELO), STARTTLS as configured; empty when the connection is ready for MAIL. */
    private Optional<DeliveryOutcome> introduce(SmtpClientConnection c, String where) throws IOException {
        NextHopReply greeting = c.readReply();
        if (!greeting.isPositive()) {
            return Optional.of(temporary(where, "greeting", greeting));
        }
        Set<String> extensions = hello(c);
        if (extensions == null) {
            return Optional.of(new DeliveryOutcome.TempFailed(DeliveryReplies.nextHopUnavailable(),
                    "next hop " + where + " refused EHLO and HELO"));
        }
        boolean offersTls = extensions.contains("STARTTLS");
        if (config.startTls() == NextHopConfig.StartTls.REQUIRED && !offersTls) {
            return Optional.of(new DeliveryOutcome.TempFailed(DeliveryReplies.nextHopUnavailable(),
                    "next hop " + where + " does not offer STARTTLS, which delivery.nextHop.startTls requires"));
        }
        if (config.startTls() != NextHopConfig.StartTls.NONE && offersTls) {
            c.sendCommand("STARTTLS");
            NextHopReply ready = c.readReply();
            if (ready.code() != 220) {
                return Optional.of(temporary(where, "STARTTLS", ready));
            }
            boolean verify = config.startTls() == NextHopConfig.StartTls.REQUIRED;
            c.upgradeToTls(verify ? (SSLSocketFactory) SSLSocketFactory.getDefault() : unverifiedTls(), verify);
            extensions = hello(c);
            if (extensions == null) {
                return Optional.of(new DeliveryOutcome.TempFailed(DeliveryReplies.nextHopUnavailable(),
                        "next hop " + where + " refused EHLO after STARTTLS"));
            }
        }
        c.setExtensions(extensions);
        return Optional.empty();
    }

    private DeliveryOutcome transaction(SmtpClientConnection c, OutgoingMessage message, String where)
            throws IOException {
        Set<String> extensions = c.extensions();
        Envelope envelope = message.envelope();
        byte[] headers = message.headerBytes();
        StringBuilder mail = new StringBuilder("MAIL FROM:<").append(envelope.reversePath()).append('>');
        if (extensions.contains("8BITMIME") && !"7BIT".equalsIgnoreCase(envelope.bodyType())) {
            mail.append(" BODY=8BITMIME");
        }
        if (extensions.contains("SIZE")) {
            mail.append(" SIZE=").append(message.content().size() + headers.length);
        }
        if (envelope.smtpUtf8()) {
            if (extensions.contains("SMTPUTF8")) {
                mail.append(" SMTPUTF8");
            } else if (!isAscii(envelope)) {
                return new DeliveryOutcome.Refused(SmtpReply.of(553, EnhancedStatus.of(5, 6, 7),
                        "Máy chủ chuyển tiếp không hỗ trợ địa chỉ quốc tế hoá (SMTPUTF8).",
                        "The next hop does not support internationalised addresses (SMTPUTF8)."),
                        "next hop " + where + " lacks SMTPUTF8");
            }
        }
        List<String> commands = new ArrayList<>();
        commands.add(mail.toString());
        for (String recipient : envelope.recipients()) {
            commands.add("RCPT TO:<" + recipient + ">");
        }
        commands.add("DATA");
        Optional<DeliveryOutcome> refused = extensions.contains("PIPELINING")
                ? envelopePipelined(c, commands, where) : envelopeInLockstep(c, commands, where);
        if (refused.isPresent()) {
            return refused.get();
        }
        c.setReadTimeout(config.dataTimeout());
        DotStuffingOutputStream data = new DotStuffingOutputStream(c.dataStream());
        data.write(headers);
        try (InputStream body = message.content().open()) {
            body.transferTo(data);
        }
        if (message.abandoned().getAsBoolean()) {
            // The client was told 451 while we transferred and will send the message again: break off without
            // the final dot (a next hop discards a transaction whose connection closes before it, RFC 5321
            // 4.1.1.4), so the retry is not a second copy. Closed, not QUIT: QUIT now would be message data.
            c.closeQuietly();
            return new DeliveryOutcome.TempFailed(DeliveryReplies.nextHopUnavailable(),
                    "transfer to " + where + " broken off before the final dot: the pipeline deadline passed");
        }
        c.markFinalDotSent();
        data.finish();
        NextHopReply finalReply = c.readReply();
        c.setReadTimeout(config.commandTimeout());
        if (!finalReply.isPositive()) {
            return finalReply.isPermanentFailure() ? refused(where, "end of data", finalReply)
                    : temporary(where, "end of data", finalReply);
        }
        LOG.debug("next hop {} accepted: {}", where, finalReply.summary());
        return new DeliveryOutcome.Delivered("relay " + where + " (" + SmtpClientConnection.printable(finalReply.summary()) + ")");
    }

    /**
     * MAIL, RCPT..., DATA one at a time, each waiting for its reply; empty when DATA got 354. The first refusal
     * abandons the transaction (RSET).
     */
    private Optional<DeliveryOutcome> envelopeInLockstep(SmtpClientConnection c, List<String> commands, String where)
            throws IOException {
        for (String command : commands) {
            c.sendCommand(command);
            NextHopReply reply = c.readReply();
            boolean ok = command.equals("DATA") ? reply.code() == 354 : reply.isPositive();
            if (!ok) {
                return Optional.of(abandon(c, where, stepName(command), reply));
            }
        }
        return Optional.empty();
    }

    /**
     * The same commands as one group (RFC 2920 §3.1: MAIL, RCPT and DATA may be pipelined, DATA last), then the
     * replies in order: one round trip to the next hop instead of 2 + recipients. The first refusal decides as in
     * lock-step. If DATA got 354 anyway, the connection is closed without the final dot: a next hop only accepts
     * a message at the final dot (RFC 5321 §4.1.1.4), so nothing is delivered, and recipients stay all-or-nothing.
     */
    private Optional<DeliveryOutcome> envelopePipelined(SmtpClientConnection c, List<String> commands, String where)
            throws IOException {
        for (String command : commands) {
            c.queueCommand(command);
        }
        c.flush();
        List<NextHopReply> replies = new ArrayList<>(commands.size());
        for (int i = 0; i < commands.size(); i++) {
            replies.add(c.readReply());
        }
        NextHopReply dataReply = replies.get(replies.size() - 1);
        for (int i = 0; i < commands.size() - 1; i++) {
            NextHopReply reply = replies.get(i);
            if (!reply.isPositive()) {
                String step = stepName(commands.get(i));
                if (dataReply.code() == 354) {
                    c.closeQuietly();
                    return Optional.of(reply.isPermanentFailure() ? refused(where, step, reply)
                            : temporary(where, step, reply));
                }
                return Optional.of(abandon(c, where, step, reply));
            }
        }
        return dataReply.code() == 354 ? Optional.empty() : Optional.of(abandon(c, where, "DATA", dataReply));
    }

    /** "MAIL FROM", "RCPT TO:<a@b>" or "DATA": how a refused step is named in replies and logs. */
    private static String stepName(String command) {
        if (command.startsWith("MAIL FROM")) {
            return "MAIL FROM";
        }
        return command.startsWith("RCPT TO:") ? "RCPT TO:<" + SmtpClientConnection.printable(
                command.substring("RCPT TO:<".length(), command.length() - 1)) + ">" : command;
    }

    /** EHLO, or HELO if EHLO is refused; the extension keywords in upper case, or null if both are refused. */
    private Set<String> hello(SmtpClientConnection c) throws IOException {
        c.sendCommand("EHLO " + config.heloName());
        NextHopReply reply = c.readReply();
        if (reply.isPositive()) {
            Set<String> keywords = new HashSet<>();
            for (String line : reply.lines().subList(1, reply.lines().size())) {
                String keyword = line.strip().split("[ =]", 2)[0];
                keywords.add(keyword.toUpperCase(Locale.ROOT));
            }
            return keywords;
        }
        c.sendCommand("HELO " + config.heloName());
        return c.readReply().isPositive() ? Set.of() : null;
    }

    private DeliveryOutcome abandon(SmtpClientConnection c, String where, String step, NextHopReply reply) {
        quietly(c, "RSET");
        return reply.isPermanentFailure() ? refused(where, step, reply) : temporary(where, step, reply);
    }

    private static DeliveryOutcome temporary(String where, String step, NextHopReply reply) {
        return new DeliveryOutcome.TempFailed(DeliveryReplies.nextHopUnavailable(),
                "next hop " + where + " answered " + step + " with " + SmtpClientConnection.printable(reply.summary()));
    }

    private static DeliveryOutcome refused(String where, String step, NextHopReply reply) {
        return new DeliveryOutcome.Refused(passThrough(step, reply),
                "next hop " + where + " refused " + step + ": " + SmtpClientConnection.printable(reply.summary()));
    }

    /** The next hop's 5xx as the client's reply: same code, same enhanced code, text marked as the next hop's. */
    static SmtpReply passThrough(String step, NextHopReply reply) {
        EnhancedStatus status = EnhancedStatus.of(5, 0, 0);
        List<String> texts = new ArrayList<>();
        for (String line : reply.lines()) {
            Matcher m = ENHANCED.matcher(line);
            if (m.find()) {
                if (texts.isEmpty() && m.group(1).equals("5")) {
                    status = EnhancedStatus.of(5, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
                }
                line = line.substring(m.end());
            }
            texts.add(SmtpClientConnection.printable(line));
        }
        List<String> lines = new ArrayList<>();
        lines.add("Máy chủ chuyển tiếp từ chối / next hop refused " + SmtpClientConnection.printable(step) + ":");
        lines.addAll(texts.subList(0, Math.min(texts.size(), 5)));
        return new SmtpReply(reply.code(), status, lines);
    }

    private static void quietly(SmtpClientConnection c, String command) {
        try {
            c.sendCommand(command);
            c.readReply();
        } catch (IOException e) {
            LOG.debug("next hop did not answer {}: {}", command, e.toString());
        }
    }

    private static boolean isAscii(Envelope envelope) {
        List<String> all = new ArrayList<>(envelope.recipients());
        all.add(envelope.reversePath());
        for (String address : all) {
            if (!StandardCharsets.US_ASCII.newEncoder().canEncode(address)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Opportunistic TLS (Postfix "may"): encrypt against passive eavesdropping without authenticating the
     * next hop, since an unverifiable certificate would otherwise mean sending in clear text anyway.
     * {@code startTls: REQUIRED} verifies the certificate and host name against the JVM trust store.
     */
    private static SSLSocketFactory unverifiedTls() throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {}

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {}

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IOException("TLS not available", e);
        }
    }
}
