package vn.mailgw.gateway.smtp;

import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.JksOptions;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PfxOptions;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
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

    /** How long {@link #close()} waits for sessions whose message is still in the pipeline. */
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(30);

    private final Vertx vertx;
    private final SmtpServerConfig config;
    private final EnvelopeChecks checks;
    private final MessageHandler handler;
    private final QueueIds ids = new QueueIds();
    private final Map<String, SmtpSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, Integer> perIp = new ConcurrentHashMap<>();
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
        NetServerOptions options = netServerOptions(config);
        return vertx.fileSystem().mkdirs(config.spoolDirectory().toString())
                .compose(v -> checkKeyMaterial(options))
                .compose(v -> {
                    netServer = vertx.createNetServer(options);
                    netServer.connectHandler(this::onConnect);
                    return netServer.listen();
                })
                .map(s -> {
                    LOG.info("SMTP listening on {}:{} hostname={} tls={} maxMessageSize={}", config.bindAddress(),
                            s.actualPort(), config.hostname(), config.tlsEnabled(), config.maxMessageSize());
                    return this;
                });
    }

    /**
     * Loads the STARTTLS key and certificate now, so a wrong path, password or format stops start-up
     * with a clear message instead of failing every client's handshake later.
     */
    private Future<Void> checkKeyMaterial(NetServerOptions options) {
        if (options.getKeyCertOptions() == null) {
            return Future.succeededFuture();
        }
        return vertx.<Void>executeBlocking(() -> {
            try {
                KeyManagerFactory factory = options.getKeyCertOptions().getKeyManagerFactory(vertx);
                if (factory.getKeyManagers().length == 0) {
                    throw new IllegalArgumentException("no key found");
                }
                // Warm up here, on a worker: the first STARTTLS otherwise runs Netty's JDK SSL static
                // initialisation (which loads BouncyCastle's provider) on the event loop, blocking every
                // session of that loop for seconds on a busy machine.
                SslContextBuilder.forServer(factory).sslProvider(SslProvider.JDK).build();
                return null;
            } catch (Exception e) {
                throw new IllegalArgumentException("smtp tls: cannot load the STARTTLS key and certificate from "
                        + describe(config.tls()) + ": " + e.getMessage(), e);
            }
        });
    }

    private static String describe(SmtpTlsConfig tls) {
        if (tls instanceof SmtpTlsConfig.PemFiles pem) {
            return "certificateChain=" + pem.certificateChain() + " privateKey=" + pem.privateKey();
        }
        if (tls instanceof SmtpTlsConfig.KeyStoreFile ks) {
            return "keyStore=" + ks.path() + " type=" + ks.type();
        }
        return "nothing";
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

    /** {@link #close(Duration)} with {@link #DEFAULT_SHUTDOWN_GRACE}. */
    public Future<Void> close() {
        return close(DEFAULT_SHUTDOWN_GRACE);
    }

    /**
     * Stops accepting and tells every open session 421 4.3.2. A session whose message is in the
     * pipeline first gets the pipeline's reply (so a message that was made safe is answered 250, not
     * retried); connections still open after {@code grace} are closed.
     */
    public Future<Void> close(Duration grace) {
        if (netServer == null) {
            return Future.succeededFuture();
        }
        LOG.info("SMTP server closing; {} open sessions are told 421", sessions.size());
        return netServer.shutdown(grace.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void onConnect(NetSocket socket) {
        String ip = socket.remoteAddress() == null ? "unknown" : socket.remoteAddress().hostAddress();
        int total = open.incrementAndGet();
        int mine = perIp.merge(ip, 1, Integer::sum);
        Runnable release = () -> {
            open.decrementAndGet();
            perIp.computeIfPresent(ip, (k, n) -> n <= 1 ? null : n - 1); // atomic per key; no entry left at 0
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
        socket.shutdownHandler(v -> session.shutdown());
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
