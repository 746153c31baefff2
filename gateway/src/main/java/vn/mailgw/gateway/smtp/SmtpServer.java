package vn.mailgw.gateway.smtp;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.JksOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PfxOptions;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.mailgw.gateway.message.EnvelopeChecks;
import vn.mailgw.gateway.message.MessageHandler;
import vn.mailgw.gateway.spool.QueueIds;

/**
 * The SMTP listener: a Vert.x NetServer that enforces the connection limits at connect time and
 * runs one {@link SmtpSession} per accepted connection.
 */
public final class SmtpServer {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpServer.class);

    private final Vertx vertx;
    private final SmtpServerConfig config;
    private final EnvelopeChecks checks;
    private final MessageHandler handler;
    private final QueueIds ids = new QueueIds();
    private final Map<String, SmtpSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> perIp = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private NetServer netServer;

    private SmtpServer(Vertx vertx, SmtpServerConfig config, EnvelopeChecks checks, MessageHandler handler) {
        this.vertx = vertx;
        this.config = config;
        this.checks = checks;
        this.handler = handler;
    }

    public static SmtpServer create(Vertx vertx, SmtpServerConfig config, EnvelopeChecks checks,
                                    MessageHandler handler) {
        if (vertx == null || config == null || checks == null || handler == null) {
            throw new IllegalArgumentException("vertx, config, checks and handler are required");
        }
        return new SmtpServer(vertx, config, checks, handler);
    }

    /** Creates the spool directory, then listens. Fails if the port is taken or the certificate cannot be read. */
    public Future<SmtpServer> listen() {
        if (netServer != null) {
            return Future.failedFuture(new IllegalStateException("already listening"));
        }
        return vertx.fileSystem().mkdirs(config.spoolDirectory().toString())
                .compose(v -> {
                    netServer = vertx.createNetServer(netServerOptions(config));
                    netServer.connectHandler(this::onConnect);
                    return netServer.listen();
                })
                .map(s -> {
                    LOG.info("SMTP listening on {}:{} hostname={} tls={} maxMessageSize={}", config.bindAddress(),
                            s.actualPort(), config.hostname(), config.tlsEnabled(), config.maxMessageSize());
                    return this;
                });
    }

    /** The port actually bound (useful with port 0). */
    public int actualPort() {
        if (netServer == null) {
            throw new IllegalStateException("not listening");
        }
        return netServer.actualPort();
    }

    /** Open connections right now. */
    public int openConnections() {
        return open.get();
    }

    /** Stops accepting, tells every open session 421 4.3.2 and closes it. */
    public Future<Void> close() {
        if (netServer == null) {
            return Future.succeededFuture();
        }
        Future<Void> stopped = netServer.close();
        for (SmtpSession session : new ArrayList<>(sessions.values())) {
            session.shutdown();
        }
        LOG.info("SMTP server closing; {} sessions told 421", sessions.size());
        return stopped;
    }

    private void onConnect(NetSocket socket) {
        String ip = socket.remoteAddress() == null ? "unknown" : socket.remoteAddress().hostAddress();
        AtomicInteger fromIp = perIp.computeIfAbsent(ip, k -> new AtomicInteger());
        int total = open.incrementAndGet();
        int mine = fromIp.incrementAndGet();
        Runnable release = () -> {
            open.decrementAndGet();
            if (fromIp.decrementAndGet() == 0) {
                perIp.remove(ip, fromIp);
            }
        };
        if (total > config.maxConnections() || mine > config.maxConnectionsPerIp()) {
            SmtpReply refusal = total > config.maxConnections()
                    ? SmtpReplies.TOO_MANY_CONNECTIONS : SmtpReplies.TOO_MANY_FROM_IP;
            LOG.info("refusing connection from {}: total={} fromIp={}", ip, total, mine);
            socket.closeHandler(v -> release.run());
            socket.write(Buffer.buffer(refusal.toWire())).onComplete(w -> socket.close());
            return;
        }
        SmtpSession session = new SmtpSession(vertx, socket, config, checks, handler, ids, ids.next());
        sessions.put(session.id(), session);
        session.start(() -> {
            sessions.remove(session.id());
            release.run();
        });
    }

    static NetServerOptions netServerOptions(SmtpServerConfig config) {
        NetServerOptions options = new NetServerOptions()
                .setHost(config.bindAddress())
                .setPort(config.port())
                .setSsl(false) // STARTTLS upgrades in-band; the key material below is used by upgradeToSsl
                .setSslHandshakeTimeout(config.tlsHandshakeTimeout().toMillis())
                .setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS);
        SmtpTlsConfig tls = config.tls();
        if (tls instanceof SmtpTlsConfig.PemFiles pem) {
            options.setKeyCertOptions(new PemKeyCertOptions()
                    .setCertPath(pem.certificateChain().toString())
                    .setKeyPath(pem.privateKey().toString()));
        } else if (tls instanceof SmtpTlsConfig.KeyStoreFile ks) {
            if (ks.type().equalsIgnoreCase("JKS")) {
                options.setKeyCertOptions(new JksOptions().setPath(ks.path().toString()).setPassword(ks.password()));
            } else {
                options.setKeyCertOptions(new PfxOptions().setPath(ks.path().toString()).setPassword(ks.password()));
            }
        }
        return options;
    }
}
