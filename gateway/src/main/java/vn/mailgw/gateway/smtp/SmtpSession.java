package vn.mailgw.gateway.smtp;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import vn.mailgw.gateway.message.Envelope;
import vn.mailgw.gateway.message.EnvelopeChecks;
import vn.mailgw.gateway.message.MessageHandler;
import vn.mailgw.gateway.message.ReceivedMessage;
import vn.mailgw.gateway.smtp.DecoderEvent.BadCommandLine;
import vn.mailgw.gateway.smtp.DecoderEvent.CommandLine;
import vn.mailgw.gateway.smtp.DecoderEvent.DataChunk;
import vn.mailgw.gateway.smtp.DecoderEvent.DataDefect;
import vn.mailgw.gateway.smtp.DecoderEvent.DataDefectFound;
import vn.mailgw.gateway.smtp.DecoderEvent.EndOfData;
import vn.mailgw.gateway.smtp.DecoderEvent.NeedMoreInput;
import vn.mailgw.gateway.spool.QueueIds;
import vn.mailgw.gateway.spool.SpoolFile;

/**
 * One SMTP connection: an explicit {@link SmtpState}, every command checked against it before any
 * hook runs, replies written in command order. Runs entirely on the connection's event loop; the
 * only blocking-prone work (file I/O, the message handler) is asynchronous, and while it runs the
 * session is "paused": it stops pulling events from the decoder and pauses the socket, which gives
 * RFC 2920 ordering and back-pressure in one mechanism.
 */
final class SmtpSession {

    private final Vertx vertx;
    private final NetSocket socket;
    private final SmtpServerConfig config;
    private final EnvelopeChecks checks;
    private final MessageHandler handler;
    private final QueueIds queueIds;
    private final String sessionId;
    private final String clientIp;
    private final SessionLog log;

    private final SmtpDecoder decoder = new SmtpDecoder();
    private SmtpState state = SmtpState.CONNECTED;
    private boolean tls;
    private String helo = "";
    private int badCommands;

    private MailFrom mailFrom;
    private final List<String> recipients = new ArrayList<>();
    private Incoming incoming;

    /** An asynchronous step is running: pull no events, the socket is paused. */
    private boolean paused;
    /** Between STARTTLS and the end of the handshake: clear-text bytes are dropped. */
    private boolean awaitingTls;
    private boolean closed;
    private boolean shutdownRequested;
    private long commandTimer = -1;
    private long idleTimer = -1;

    /** The message being received: its spool file and what the decoder reported so far. */
    private static final class Incoming {
        final String queueId;
        final SpoolFile spool;
        long size;
        boolean oversize;
        DataDefect defect;

        Incoming(String queueId, SpoolFile spool) {
            this.queueId = queueId;
            this.spool = spool;
        }

        /** Once refused, the rest of DATA is read (to stay in step) but not stored. */
        boolean discarding() {
            return oversize || defect != null || spool.failure().isPresent();
        }
    }

    SmtpSession(Vertx vertx, NetSocket socket, SmtpServerConfig config, EnvelopeChecks checks,
                MessageHandler handler, QueueIds queueIds, String sessionId) {
        this.vertx = vertx;
        this.socket = socket;
        this.config = config;
        this.checks = checks;
        this.handler = handler;
        this.queueIds = queueIds;
        this.sessionId = sessionId;
        this.clientIp = socket.remoteAddress() == null ? "unknown" : socket.remoteAddress().hostAddress();
        this.log = new SessionLog(sessionId);
    }

    String id() {
        return sessionId;
    }

    void start(Runnable onClosed) {
        socket.handler(this::onBytes);
        socket.exceptionHandler(e -> log.debug("socket error from {}: {}", clientIp, e.toString()));
        socket.closeHandler(v -> {
            closed = true;
            cancelTimers();
            abandonIncoming();
            log.info("disconnected client={}", clientIp);
            onClosed.run();
        });
        log.info("connected client={}", clientIp);
        write(SmtpReply.of(220, null, config.hostname() + " ESMTP mailgw ready"));
        waitForClient();
    }

    /** Server shutdown: 421 now, or right after the reply of the message being handled. */
    void shutdown() {
        if (closed) {
            return;
        }
        if (paused && incoming == null && state == SmtpState.DATA) {
            shutdownRequested = true; // the handler owns a message: let its reply go out first
            return;
        }
        closeWith(SmtpReplies.SHUTTING_DOWN);
    }

    // ------------------------------------------------------------------ input

    private void onBytes(Buffer bytes) {
        if (closed || awaitingTls) {
            return; // after STARTTLS, clear text is never executed (CVE-2011-0411)
        }
        cancelIdleTimer();
        decoder.feed(bytes.length(), (dst, offset) -> bytes.getBytes(dst, offset));
        drain();
    }

    private void drain() {
        while (!paused && !closed) {
            if (socket.writeQueueFull()) {
                // A client that pipelines without reading our replies must not grow our memory.
                pause();
                // The client is at fault here (it does not read): it gets the idle timeout to catch up.
                idleTimer = vertx.setTimer(config.idleTimeout().toMillis(), t -> onTimeout("reply write"));
                socket.drainHandler(v -> {
                    socket.drainHandler(null);
                    if (!closed) {
                        resume();
                    }
                });
                return;
            }
            DecoderEvent event = decoder.next();
            if (event instanceof NeedMoreInput) {
                waitForClient();
                return;
            }
            if (event instanceof CommandLine line) {
                cancelCommandTimer();
                onCommand(SmtpCommand.parse(line.text()));
            } else if (event instanceof BadCommandLine bad) {
                cancelCommandTimer();
                badCommand(switch (bad.defect()) {
                    case TOO_LONG -> SmtpReplies.LINE_TOO_LONG;
                    case BARE_LINE_END -> SmtpReplies.BARE_LINE_END;
                    case MALFORMED_UTF8 -> SmtpReplies.MALFORMED_UTF8;
                });
            } else if (event instanceof DataChunk chunk) {
                onDataChunk(chunk);
            } else if (event instanceof DataDefectFound found) {
                incoming.defect = found.defect();
                log.info("message content defect {}; consuming to the end of DATA", found.defect());
            } else if (event instanceof EndOfData end) {
                onEndOfData(end);
            }
        }
    }

    // ------------------------------------------------------------------ commands

    private void onCommand(SmtpCommand command) {
        switch (command.verb()) {
            case EHLO, HELO -> onHelo(command);
            case MAIL -> onMail(command.argument());
            case RCPT -> onRcpt(command.argument());
            case DATA -> onData(command.argument());
            case RSET -> {
                if (!command.argument().isEmpty()) {
                    badCommand(SmtpReplies.NO_ARGUMENTS);
                    return;
                }
                resetTransaction();
                write(SmtpReplies.RESET_OK);
            }
            case NOOP -> write(SmtpReplies.OK);
            case HELP -> write(SmtpReplies.HELP);
            case VRFY -> write(SmtpReplies.VRFY);
            case QUIT -> {
                log.debug("QUIT"); // "disconnected" follows at INFO
                closeWith(SmtpReply.of(221, EnhancedStatus.of(2, 0, 0), config.hostname() + " closing connection"));
            }
            case STARTTLS -> onStartTls(command.argument());
            case NOT_IMPLEMENTED -> badCommand(SmtpReplies.NOT_IMPLEMENTED);
            case UNKNOWN -> badCommand(SmtpReplies.UNKNOWN_COMMAND);
            default -> throw new IllegalStateException("unhandled verb " + command.verb());
        }
    }

    private void onHelo(SmtpCommand command) {
        String domain = command.argument();
        // The HELO name ends up in a trace header: no spaces or control characters.
        if (domain.isEmpty() || domain.chars().anyMatch(ch -> ch <= ' ' || ch == 0x7f)) {
            badCommand(SmtpReplies.HELO_NEEDS_DOMAIN);
            return;
        }
        resetTransaction(); // RFC 5321 4.1.4: EHLO implies RSET
        helo = domain;
        state = SmtpState.GREETED;
        if (command.verb() == SmtpCommand.Verb.HELO) {
            write(SmtpReply.of(250, null, config.hostname()));
            return;
        }
        List<String> lines = new ArrayList<>();
        lines.add(config.hostname());
        lines.add("SIZE " + config.maxMessageSize());
        lines.add("8BITMIME");
        lines.add("PIPELINING");
        lines.add("ENHANCEDSTATUSCODES");
        lines.add("SMTPUTF8");
        if (config.tlsEnabled() && !tls) {
            lines.add("STARTTLS");
        }
        lines.add("HELP");
        write(new SmtpReply(250, null, lines));
    }

    private void onMail(String argument) {
        if (state == SmtpState.CONNECTED) {
            badCommand(SmtpReplies.NEED_HELO);
            return;
        }
        if (state != SmtpState.GREETED) {
            badCommand(SmtpReplies.NESTED_MAIL);
            return;
        }
        Parsed<MailFrom> parsed = MailFrom.parse(argument);
        if (parsed instanceof Parsed.Refused<MailFrom> refused) {
            badCommand(refused.reply());
            return;
        }
        MailFrom from = ((Parsed.Ok<MailFrom>) parsed).value();
        OptionalLong declared = from.declaredSize();
        if (declared.isPresent() && declared.getAsLong() > config.maxMessageSize()) {
            log.info("MAIL refused: declared SIZE {} over {}", declared.getAsLong(), config.maxMessageSize());
            write(SmtpReplies.messageTooBig(config.maxMessageSize()));
            return;
        }
        Optional<SmtpReply> objection = checks.checkSender(from.reversePath(), clientIp);
        if (objection.isPresent()) {
            log.info("MAIL refused by envelope checks: {}", objection.get().code());
            write(objection.get());
            return;
        }
        mailFrom = from;
        state = SmtpState.MAIL;
        write(SmtpReplies.SENDER_OK);
    }

    private void onRcpt(String argument) {
        if (state == SmtpState.CONNECTED) {
            badCommand(SmtpReplies.NEED_HELO);
            return;
        }
        if (state != SmtpState.MAIL && state != SmtpState.RCPT) {
            badCommand(SmtpReplies.NEED_MAIL);
            return;
        }
        Parsed<RcptTo> parsed = RcptTo.parse(argument, mailFrom.smtpUtf8());
        if (parsed instanceof Parsed.Refused<RcptTo> refused) {
            badCommand(refused.reply());
            return;
        }
        if (recipients.size() >= config.maxRecipients()) {
            write(SmtpReplies.TOO_MANY_RECIPIENTS);
            return;
        }
        String recipient = ((Parsed.Ok<RcptTo>) parsed).value().forwardPath();
        Optional<SmtpReply> objection = checks.checkRecipient(mailFrom.reversePath(), recipient, clientIp);
        if (objection.isPresent()) {
            write(objection.get());
            return;
        }
        recipients.add(recipient);
        state = SmtpState.RCPT;
        write(SmtpReplies.RECIPIENT_OK);
    }

    private void onData(String argument) {
        if (!argument.isEmpty()) {
            badCommand(SmtpReplies.NO_ARGUMENTS);
            return;
        }
        if (state == SmtpState.CONNECTED) {
            badCommand(SmtpReplies.NEED_HELO);
            return;
        }
        if (state == SmtpState.GREETED) {
            badCommand(SmtpReplies.NEED_MAIL);
            return;
        }
        if (state != SmtpState.RCPT) {
            badCommand(SmtpReplies.NEED_RCPT);
            return;
        }
        String queueId = queueIds.next();
        log.queueId(queueId);
        pause();
        SpoolFile.create(vertx, config.spoolDirectory(), queueId)
                .onComplete(opened -> {
                    if (closed) {
                        if (opened.succeeded()) {
                            discardQuietly(opened.result());
                        }
                        return;
                    }
                    if (opened.failed()) {
                        log.warn("cannot create spool file in {}: {}", config.spoolDirectory(), opened.cause().toString());
                        log.clearQueueId();
                        write(SmtpReplies.LOCAL_ERROR);
                        resume();
                        return;
                    }
                    incoming = new Incoming(queueId, opened.result());
                    state = SmtpState.DATA;
                    decoder.startData();
                    // DEBUG: the line with the reply (same queue id, sender, recipients) follows at INFO; one INFO
                    // line per message on the event loop besides connect and disconnect, as Postfix's smtpd.
                    log.debug("DATA from=<{}> nrcpt={} client={}", mailFrom.reversePath(), recipients.size(), clientIp);
                    write(SmtpReplies.START_DATA);
                    resume();
                });
    }

    private void onStartTls(String argument) {
        if (!argument.isEmpty()) {
            badCommand(SmtpReplies.NO_ARGUMENTS);
            return;
        }
        if (!config.tlsEnabled()) {
            badCommand(SmtpReplies.TLS_NOT_AVAILABLE);
            return;
        }
        if (tls) {
            badCommand(SmtpReplies.TLS_ALREADY_ACTIVE);
            return;
        }
        if (state != SmtpState.GREETED && state != SmtpState.CONNECTED) {
            badCommand(SmtpReplies.TLS_IN_TRANSACTION);
            return;
        }
        // Whatever followed STARTTLS in clear text is dropped, and so is anything arriving before the handshake.
        int dropped = decoder.buffered();
        decoder.discardBuffered();
        awaitingTls = true;
        paused = true;
        cancelTimers();
        if (dropped > 0) {
            log.info("STARTTLS: discarded {} bytes sent after the command in clear text", dropped);
        }
        socket.upgradeToSsl(Buffer.buffer(SmtpReplies.READY_FOR_TLS.toWire())).onComplete(done -> {
            if (done.failed()) {
                log.info("TLS handshake failed: {}", done.cause().toString());
                closed = true;
                socket.close();
                return;
            }
            tls = true;
            awaitingTls = false;
            resetTransaction();
            state = SmtpState.CONNECTED; // RFC 3207 4.2: forget everything, the client must EHLO again
            helo = "";
            paused = false;
            log.info("TLS established {}", socket.sslSession() == null ? "" : socket.sslSession().getProtocol());
            drain();
        });
    }

    // ------------------------------------------------------------------ DATA

    private void onDataChunk(DataChunk chunk) {
        Incoming in = incoming;
        in.size += chunk.length();
        if (!in.oversize && in.size > config.maxMessageSize()) {
            in.oversize = true;
            log.info("message over {} octets; consuming to the end of DATA", config.maxMessageSize());
        }
        if (in.discarding()) {
            return; // keep reading to the real end so the session stays in step, store nothing
        }
        if (in.spool.append(chunk.array(), chunk.offset(), chunk.length())) { // copies: the chunk is a view
            pause(); // back-pressure: the disk is slower than the client
            in.spool.whenDrained(() -> {
                if (!closed) {
                    resume();
                }
            });
        }
    }

    private void onEndOfData(EndOfData end) {
        Incoming in = incoming;
        incoming = null;
        pause();
        in.spool.finish().onComplete(finished -> {
            if (finished.failed()) {
                log.warn("spool write failed: {}", finished.cause().toString());
            }
            Optional<SmtpReply> refusal = refusalFor(in, end);
            if (refusal.isPresent()) {
                discardQuietly(in.spool);
                tellDataRefused(in, refusal.get());
                finishTransaction(refusal.get());
                return;
            }
            handOver(in);
        });
    }

    private Optional<SmtpReply> refusalFor(Incoming in, EndOfData end) {
        if (end.defects().contains(DataDefect.BARE_LINE_END)) {
            log.info("refused: bare CR/LF in content size={}", in.size);
            return Optional.of(SmtpReplies.DATA_BARE_LINE_END);
        }
        if (in.oversize) {
            log.info("refused: size {} over {}", in.size, config.maxMessageSize());
            return Optional.of(SmtpReplies.messageTooBig(config.maxMessageSize()));
        }
        if (end.defects().contains(DataDefect.LINE_TOO_LONG)) {
            log.info("refused: text line over 1000 octets");
            return Optional.of(SmtpReplies.DATA_LINE_TOO_LONG);
        }
        if (in.spool.failure().isPresent()) {
            return Optional.of(SmtpReplies.LOCAL_ERROR);
        }
        return Optional.empty();
    }

    /** Never throws: the audit of a refusal must not leave the session paused. */
    private void tellDataRefused(Incoming in, SmtpReply reply) {
        try {
            checks.dataRefused(in.queueId, mailFrom.reversePath(), List.copyOf(recipients), clientIp, helo, in.size,
                    reply);
        } catch (RuntimeException e) {
            log.warn("recording the refusal failed: {}", e.toString());
        }
    }

    /** From here the spool file belongs to the handler. */
    private void handOver(Incoming in) {
        Envelope envelope = new Envelope(sessionId, mailFrom.reversePath(), recipients, clientIp, helo, tls,
                mailFrom.smtpUtf8(), mailFrom.bodyType());
        ReceivedMessage message = new ReceivedMessage(in.queueId, envelope, in.spool.path(), in.size, Instant.now());
        long started = System.nanoTime();
        Future<SmtpReply> reply;
        try {
            reply = handler.handle(message);
        } catch (RuntimeException e) {
            log.warn("message handler threw: {}", e.toString());
            discardQuietly(in.spool);
            finishTransaction(SmtpReplies.LOCAL_ERROR);
            return;
        }
        reply.onComplete(done -> {
            SmtpReply answer;
            if (done.succeeded() && done.result() != null) {
                answer = done.result();
            } else {
                log.warn("message handler failed: {}", done.failed() ? done.cause().toString() : "null reply");
                answer = SmtpReplies.LOCAL_ERROR;
            }
            log.info("from=<{}> nrcpt={} size={} reply={} ms={}", envelope.reversePath(), recipients.size(), in.size,
                    answer.code(), (System.nanoTime() - started) / 1_000_000);
            finishTransaction(answer);
        });
    }

    private void finishTransaction(SmtpReply reply) {
        resetTransaction();
        write(reply);
        log.clearQueueId();
        if (shutdownRequested) {
            closeWith(SmtpReplies.SHUTTING_DOWN);
            return;
        }
        resume();
    }

    // ------------------------------------------------------------------ helpers

    private void resetTransaction() {
        mailFrom = null;
        recipients.clear();
        if (state != SmtpState.CONNECTED) {
            state = SmtpState.GREETED;
        }
    }

    private void badCommand(SmtpReply reply) {
        badCommands++;
        if (badCommands > config.maxBadCommands()) {
            log.info("too many bad commands ({}), closing", badCommands);
            closeWith(SmtpReplies.TOO_MANY_ERRORS);
            return;
        }
        write(reply);
    }

    private void write(SmtpReply reply) {
        if (!closed) {
            socket.write(Buffer.buffer(reply.toWire()));
        }
    }

    private void closeWith(SmtpReply reply) {
        if (closed) {
            return;
        }
        write(reply);
        closed = true;
        cancelTimers();
        abandonIncoming();
        socket.close();
    }

    private void pause() {
        paused = true;
        cancelTimers(); // the client is waiting for us, not the other way round
        socket.pause();
    }

    private void resume() {
        paused = false;
        socket.resume();
        drain();
    }

    /** Arms the timers while we wait for the client's next bytes. */
    private void waitForClient() {
        if (closed || paused) {
            return;
        }
        cancelIdleTimer();
        idleTimer = vertx.setTimer(config.idleTimeout().toMillis(), t -> onTimeout("idle"));
        if (commandTimer < 0 && state != SmtpState.DATA) {
            commandTimer = vertx.setTimer(config.commandTimeout().toMillis(), t -> onTimeout("command"));
        }
    }

    private void onTimeout(String which) {
        idleTimer = -1;
        commandTimer = -1;
        log.info("{} timeout, closing", which);
        closeWith(SmtpReplies.TIMEOUT);
    }

    private void cancelTimers() {
        cancelIdleTimer();
        cancelCommandTimer();
    }

    private void cancelIdleTimer() {
        if (idleTimer >= 0) {
            vertx.cancelTimer(idleTimer);
            idleTimer = -1;
        }
    }

    private void cancelCommandTimer() {
        if (commandTimer >= 0) {
            vertx.cancelTimer(commandTimer);
            commandTimer = -1;
        }
    }

    /** A message that will not be completed (disconnect, shutdown): close and delete its partial file. */
    private void abandonIncoming() {
        Incoming in = incoming;
        incoming = null;
        if (in != null) {
            discardQuietly(in.spool);
        }
    }

    /** Never throws: it runs inside callbacks, where an exception would leave the session paused forever. */
    private void discardQuietly(SpoolFile spool) {
        try {
            spool.discard().onFailure(e -> log.warn("cannot delete {}: {}", spool.path(), e.toString()));
        } catch (RuntimeException e) {
            log.warn("cannot discard {}: {}", spool.path(), e.toString());
        }
    }
}
