package vn.mailgw.gateway.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.sstore.LocalSessionStore;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.mailgw.gateway.audit.AuditStore;

/**
 * The gateway's HTTP side: {@code /health} (open, for load balancers), {@code /metrics} (Prometheus, bearer token,
 * only when configured) and the auditor pages (sign-in required).
 * Start with {@link #start}; the future gives the bound port.
 */
public final class GatewayHttpServer {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayHttpServer.class);

    private final Vertx vertx;
    private final HttpConfig config;
    private final AuditStore store;
    private final Clock clock;
    private final java.util.Optional<vn.mailgw.gateway.metrics.GatewayMetrics> metrics;
    private final AtomicLong requests = new AtomicLong();
    private WorkerExecutor workers;
    private HttpServer server;

    public GatewayHttpServer(Vertx vertx, HttpConfig config, AuditStore store) {
        this(vertx, config, store, Clock.systemUTC(), java.util.Optional.empty());
    }

    /** With the gateway's metrics, served at {@code /metrics} when {@code http.metricsTokenSha256} is set. */
    public GatewayHttpServer(Vertx vertx, HttpConfig config, AuditStore store,
                             vn.mailgw.gateway.metrics.GatewayMetrics metrics) {
        this(vertx, config, store, Clock.systemUTC(), java.util.Optional.of(metrics));
    }

    GatewayHttpServer(Vertx vertx, HttpConfig config, AuditStore store, Clock clock,
                      java.util.Optional<vn.mailgw.gateway.metrics.GatewayMetrics> metrics) {
        this.vertx = vertx;
        this.config = config;
        this.store = store;
        this.clock = clock;
        this.metrics = metrics;
    }

    public Future<Integer> start() {
        workers = vertx.createSharedWorkerExecutor("audit-http", 4);
        Router router = Router.router(vertx);
        router.route().handler(ctx -> {
            requests.incrementAndGet();
            // No script on any page; nothing may frame us; nothing is cached (audit data is confidential).
            ctx.response().putHeader("Content-Security-Policy",
                            "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self';"
                                    + " frame-ancestors 'none'; base-uri 'none'")
                    .putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("X-Frame-Options", "DENY")
                    .putHeader("Referrer-Policy", "no-referrer")
                    .putHeader("Cache-Control", "no-store");
            ctx.next();
        });
        router.get("/health").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json")
                .end("{\"status\":\"UP\"}"));
        if (config.metricsEnabled() && metrics.isPresent()) {
            // For a scraper, not a person: a bearer token instead of the auditors' sign-in; no session.
            router.get("/metrics").handler(ctx -> {
                if (!BearerToken.matches(ctx.request().getHeader("Authorization"), config.metricsTokenSha256())) {
                    ctx.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer realm=\"mailgw metrics\"")
                            .putHeader("Content-Type", "text/plain; charset=utf-8")
                            .end("Cần mã truy cập / bearer token required");
                    return;
                }
                // Rendering every series is CPU work of a few ms: off the event loop, which SMTP sessions share.
                workers.executeBlocking(metrics.get()::scrape, false).onComplete(scraped -> {
                    if (scraped.failed()) {
                        ctx.fail(scraped.cause());
                        return;
                    }
                    ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                            .end(scraped.result());
                });
            });
        }
        router.route().handler(SessionHandler.create(LocalSessionStore.create(vertx))
                .setSessionTimeout(config.sessionTtl().toMillis())
                .setCookieHttpOnlyFlag(true)
                .setCookieSecureFlag(config.secureCookies())
                .setCookieSameSite(CookieSameSite.STRICT)
                .setSessionCookieName("mailgw.session")
                .setNagHttps(false));
        new AuditorRoutes(store, config, workers, clock).mount(router);
        router.route().last().handler(ctx -> ctx.response().setStatusCode(404)
                .putHeader("Content-Type", "text/plain; charset=utf-8").end("Không tìm thấy / Not found"));
        router.route().failureHandler(ctx -> {
            LOG.error("auditor page failed: {} {}", ctx.request().method(), ctx.request().path(), ctx.failure());
            if (!ctx.response().ended()) {
                ctx.response().setStatusCode(ctx.statusCode() > 0 ? ctx.statusCode() : 500)
                        .putHeader("Content-Type", "text/plain; charset=utf-8")
                        .end("Lỗi hệ thống, xem nhật ký máy chủ. / Internal error, see the server log.");
            }
        });
        return vertx.createHttpServer(new HttpServerOptions().setHost(config.host()).setPort(config.port()))
                .requestHandler(router)
                .listen()
                .map(s -> {
                    server = s;
                    LOG.info("HTTP listening on {}:{}", config.host(), s.actualPort());
                    return s.actualPort();
                });
    }

    public long requestCount() {
        return requests.get();
    }

    public Future<Void> stop() {
        Future<Void> closed = server == null ? Future.succeededFuture() : server.close();
        return closed.onComplete(x -> {
            if (workers != null) {
                workers.close();
            }
        });
    }
}
