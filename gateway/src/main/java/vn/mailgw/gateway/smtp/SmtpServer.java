package vn.mailgw.gateway.smtp;

import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.vertx.core.DeploymentOptions;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.mailgw.gateway.message.EnvelopeChecks;
import vn.mailgw.gateway.message.MessageHandler;
import vn.mailgw.gateway.spool.QueueIds;

/**
 * The SMTP listener: {@code instances} Vert.x NetServers on the same port, each on its own event
 * loop (Vert.x spreads the accepted connections across them), that enforce the connection limits at
 * connect time and run one {@link SmtpSession} per accepted connection.
 *
 * <p>Several instances because one event loop is the bottleneck otherwise: every session of a
 * listener runs on that listener's loop. The limits are one {@link ConnectionLimits} shared by all
 * instances, so they hold for the server as a whole.
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
    private static final AtomicInteger RANDOM_PORT_KEYS = new AtomicInteger();

    private final ConnectionLimits limits;
    private final List<NetServer> netServers = new CopyOnWriteArrayList<>();
    private final List<String> deploymentIds = new CopyOnWriteArrayList<>();

    private SmtpServer(Vertx vertx, SmtpServerConfig config, EnvelopeChecks checks, MessageHandler handler) {
        this.vertx = vertx;
        this.config = config;
        this.checks = checks;
        this.handler = handler;
        this.limits = new ConnectionLimits(config.maxConnections(), config.maxConnectionsPerIp());
    }

    public static SmtpServer create(Vertx vertx, SmtpServerConfig config, EnvelopeChecks checks,
                                    MessageHandler handler) {
        if (vertx == null || config == null || checks == null || handler == null) {
            throw new IllegalArgumentException("vertx, config, checks and handler are required");
        }
        return new SmtpServer(vertx, config, checks, handler);
    }

    /**
     * Creates the spool directory, then starts the listener instances. Fails if the port is taken or
     * the certificate cannot be read.
     */
    public Future<SmtpServer> listen() {
        if (!deploymentIds.isEmpty() || !netServers.isEmpty()) {
            return Future.failedFuture(new IllegalStateException("already listening"));
        }
        NetServerOptions options = netServerOptions(config);
        return vertx.fileSystem().mkdirs(config.spoolDirectory().toString())
                .compose(v -> checkKeyMaterial(options))
                .compose(v -> deployListeners(shareablePort(options), effectiveInstances(config)))
                .compose(v -> samePortEverywhere())
                .map(s -> {
                    LOG.info("SMTP listening on {}:{} instances={} hostname={} tls={} maxMessageSize={}",
                            config.bindAddress(), actualPort(), netServers.size(), config.hostname(),
                            config.tlsEnabled(), config.maxMessageSize());
                    return this;
                });
    }

    /**
     * With STARTTLS, one listener: in Vert.x 5.0.8 only the first of several servers sharing a port has
     * the TLS context manager, so {@code upgradeToSsl} on a connection accepted by another one throws a
     * NullPointerException (NetServerImpl passes its own, unset, manager for shared servers) and the
     * client hangs. Found by SmtpRelayStartTlsTest; remove this when Vert.x fixes it.
     */
    static int effectiveInstances(SmtpServerConfig config) {
        if (config.tlsEnabled() && config.instances() > 1) {
            LOG.warn("smtp.instances={} reduced to 1: STARTTLS cannot run on shared Vert.x listeners (Vert.x 5.0.8)",
                    config.instances());
            return 1;
        }
        return config.instances();
    }

    /**
     * Vert.x shares one bound socket between servers listening on the same host and port, but not on
     * port 0 (each would bind its own free port); a negative port is Vert.x's "free port, shared by every
     * server asking for this same negative number". Each SmtpServer takes its own number, so two
     * servers in one Vert.x (tests) never share a socket by accident.
     */
    private static NetServerOptions shareablePort(NetServerOptions options) {
        return options.getPort() != 0 ? options
                : new NetServerOptions(options).setPort(-RANDOM_PORT_KEYS.incrementAndGet());
    }

    /**
     * All listeners must have ended up on one bound socket (see {@link #shareablePort}). Checked, because
     * listeners on different ports would silently leave clients on one loop.
     */
    private Future<Void> samePortEverywhere() {
        long ports = netServers.stream().mapToInt(NetServer::actualPort).distinct().count();
        if (ports != 1) {
            return Future.failedFuture(new IllegalStateException("smtp: the " + netServers.size()
                    + " listener instances did not share one port"));
        }
        return Future.succeededFuture();
    }

    /** Deploys {@code count} listeners; Vert.x gives each deployed instance its own event-loop context. */
    private Future<Void> deployListeners(NetServerOptions options, int count) {
        DeploymentOptions deployment = new DeploymentOptions().setInstances(count);
        return vertx.deployVerticle(() -> context -> {
            NetServer server = vertx.createNetServer(options);
            server.connectHandler(this::onConnect);
            return server.listen().onSuccess(netServers::add);
        }, deployment).map(id -> {
            deploymentIds.add(id);
            return null;
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
        if (netServers.isEmpty()) {
            throw new IllegalStateException("not listening");
        }
        return netServers.get(0).actualPort();
    }

    /** Listener instances listening right now. */
    public int instances() {
        return netServers.size();
    }

    /** Open connections right now. */
    public int openConnections() {
        return limits.open();
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
        if (netServers.isEmpty() && deploymentIds.isEmpty()) {
            return Future.succeededFuture();
        }
        LOG.info("SMTP server closing {} instances; {} open sessions are told 421", netServers.size(), sessions.size());
        List<Future<Void>> shutdowns = netServers.stream()
                .map(server -> server.shutdown(grace.toMillis(), TimeUnit.MILLISECONDS))
                .toList();
        netServers.clear();
        // Undeploy only after every session had its grace: undeploying closes what is left at once.
        return Future.join(shutdowns).<Void>transform(done -> {
            List<Future<Void>> undeploys = deploymentIds.stream().map(vertx::undeploy).toList();
            deploymentIds.clear();
            return Future.join(undeploys).mapEmpty();
        });
    }

    private void onConnect(NetSocket socket) {
        String ip = socket.remoteAddress() == null ? "unknown" : socket.remoteAddress().hostAddress();
        ConnectionLimits.Admission admission = limits.tryOpen(ip);
        if (admission instanceof ConnectionLimits.Refused refused) {
            LOG.info("refusing connection from {}: total={} fromIp={}", ip, refused.total(), refused.fromIp());
            socket.closeHandler(v -> refused.release());
            socket.write(Buffer.buffer(refused.reply().toWire())).onComplete(w -> socket.close());
            return;
        }
        SmtpSession session = new SmtpSession(vertx, socket, config, checks, handler, ids, ids.next());
        sessions.put(session.id(), session);
        socket.shutdownHandler(v -> session.shutdown());
        session.start(() -> {
            sessions.remove(session.id());
            admission.release();
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
