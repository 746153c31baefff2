package vn.mailgw.gateway.http;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Year;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.mailgw.gateway.audit.AgencyStatistics;
import vn.mailgw.gateway.audit.AuditExport;
import vn.mailgw.gateway.audit.AuditIds;
import vn.mailgw.gateway.audit.AuditLog;
import vn.mailgw.gateway.audit.AuditQuery;
import vn.mailgw.gateway.audit.AuditRecord;
import vn.mailgw.gateway.audit.AuditStore;
import vn.mailgw.gateway.audit.MatchCount;
import vn.mailgw.gateway.audit.PageCursor;
import vn.mailgw.gateway.audit.RecordKind;
import vn.mailgw.gateway.audit.SearchPage;

/**
 * The auditor's routes: sign-in, search, record detail, export, chain status, statistics, violators.
 * Read-only: the only POSTs are sign-in and sign-out, both CSRF-checked. Database work runs on a worker pool.
 */
final class AuditorRoutes {

    private static final Logger LOG = LoggerFactory.getLogger(AuditorRoutes.class);
    private static final String USER = "user";
    private static final String CSRF = "csrf";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Checked when the user name is unknown, so an unknown name costs as much time as a wrong password. */
    private static final String DUMMY_HASH = PasswordHasher.hash("not-a-real-password".toCharArray(), 1000);

    private final AuditStore store;
    private final HttpConfig config;
    private final WorkerExecutor workers;
    private final LoginThrottle throttle;
    private final Clock clock;

    AuditorRoutes(AuditStore store, HttpConfig config, WorkerExecutor workers, Clock clock) {
        this.store = store;
        this.config = config;
        this.workers = workers;
        this.throttle = new LoginThrottle(config.maxFailedLogins(), config.lockout());
        this.clock = clock;
    }

    /** Mounts the routes; the router must already have the session handler. */
    void mount(Router router) {
        router.get("/login").handler(this::loginPage);
        router.post("/login").handler(BodyHandler.create().setBodyLimit(8 * 1024)).handler(this::login);
        router.route().handler(this::requireSignIn);
        router.post("/logout").handler(BodyHandler.create().setBodyLimit(8 * 1024)).handler(this::logout);
        router.get("/").handler(ctx -> redirect(ctx, "/audit"));
        router.get("/audit").handler(this::search);
        router.get("/audit/find").handler(this::find);
        router.get("/audit/records/:id").handler(this::record);
        router.get("/audit/export.csv").handler(ctx -> export(ctx, false));
        router.get("/audit/export.json").handler(ctx -> export(ctx, true));
        router.get("/audit/chain").handler(this::chain);
        router.get("/audit/stats").handler(this::statistics);
        router.get("/audit/violators").handler(this::violators);
    }

    private void loginPage(RoutingContext ctx) {
        if (ctx.session().get(USER) != null) {
            redirect(ctx, "/audit");
            return;
        }
        html(ctx, 200, AuditorPages.login(csrfToken(ctx.session()), null));
    }

    private void login(RoutingContext ctx) {
        Session session = ctx.session();
        MultiMap form = ctx.request().formAttributes();
        if (!csrfOk(session, form.get(CSRF))) {
            html(ctx, 403, AuditorPages.login(csrfToken(session), "Phiên đăng nhập đã hết hạn, vui lòng thử lại."
                    + " / The sign-in form expired, please try again."));
            return;
        }
        String user = Optional.ofNullable(form.get("username")).orElse("").strip();
        char[] password = Optional.ofNullable(form.get("password")).orElse("").toCharArray();
        String ip = ctx.request().remoteAddress() == null ? "?" : ctx.request().remoteAddress().hostAddress();
        Instant now = clock.instant();
        if (!throttle.allowed(config.users().containsKey(user) ? user : "(unknown)", ip, now)) {
            LOG.warn("auditor login refused: too many failures user={} ip={}", user, ip);
            html(ctx, 429, AuditorPages.login(csrfToken(session), "Quá nhiều lần đăng nhập sai. Vui lòng thử lại sau "
                    + config.lockout().toMinutes() + " phút. / Too many failed sign-ins; try again later."));
            return;
        }
        String hash = config.users().get(user);
        blocking(() -> PasswordHasher.verify(password, hash == null ? DUMMY_HASH : hash) && hash != null)
                .onSuccess(ok -> {
                    if (!ok) {
                        // Unknown names share one key, so guessing names cannot grow the throttle's memory.
                        throttle.failed(hash == null ? "(unknown)" : user, ip, clock.instant());
                        LOG.warn("auditor login failed user={} ip={}", user, ip);
                        html(ctx, 401, AuditorPages.login(csrfToken(session),
                                "Sai tên đăng nhập hoặc mật khẩu. / Wrong user name or password."));
                        return;
                    }
                    throttle.succeeded(user);
                    // A new session id at sign-in: a session id planted before sign-in is worth nothing after it.
                    session.regenerateId();
                    session.put(USER, user);
                    session.put(CSRF, newToken());
                    LOG.info("auditor signed in user={} ip={}", user, ip);
                    redirect(ctx, "/audit");
                })
                .onFailure(ctx::fail);
    }

    private void requireSignIn(RoutingContext ctx) {
        if (ctx.session() != null && ctx.session().get(USER) != null) {
            ctx.next();
        } else if ("GET".equals(ctx.request().method().name())) {
            redirect(ctx, "/login");
        } else {
            html(ctx, 401, AuditorPages.login(csrfToken(ctx.session()), "Cần đăng nhập. / Sign-in required."));
        }
    }

    private void logout(RoutingContext ctx) {
        if (!csrfOk(ctx.session(), ctx.request().getFormAttribute(CSRF))) {
            html(ctx, 403, AuditorPages.error(user(ctx), csrfToken(ctx.session()), "Yêu cầu không hợp lệ (CSRF)."));
            return;
        }
        ctx.session().destroy();
        redirect(ctx, "/login");
    }

    private void search(RoutingContext ctx) {
        Map<String, String> form = form(ctx);
        AuditQuery query;
        try {
            query = query(form, AuditQuery.DEFAULT_LIMIT, form.get("after"));
        } catch (IllegalArgumentException e) {
            badRequest(ctx, e);
            return;
        }
        String exportQuery = queryString(form);
        String user = user(ctx);
        String csrf = csrfToken(ctx.session()); // the session is read on the event loop, not on the worker
        blocking(() -> {
            long started = System.nanoTime();
            SearchPage page = store.search(query);
            // The count is bounded (cap, and what the search left of the page's time): the page keeps its goal of
            // 200 ms at p95 (bench/audit).
            Duration budget = MatchCount.budgetAfter(Duration.ofNanos(System.nanoTime() - started));
            MatchCount count = store.countMatches(query, budget)
                    .atLeastSeen(page.records().size() + (page.more() ? 1 : 0));
            return AuditorPages.search(user, csrf, form, query, page, count, exportQuery);
        }).onSuccess(body -> html(ctx, 200, body)).onFailure(ctx::fail);
    }

    private void find(RoutingContext ctx) {
        String id = Optional.ofNullable(ctx.request().getParam("id")).orElse("").strip();
        if (AuditIds.looksLikeRecordId(id)) {
            redirect(ctx, "/audit/records/" + id);
        } else {
            redirect(ctx, "/audit?q=" + URLEncoder.encode(id, StandardCharsets.UTF_8));
        }
    }

    private void record(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (!AuditIds.looksLikeRecordId(id)) {
            html(ctx, 404, AuditorPages.error(user(ctx), csrfToken(ctx.session()), "Mã bản ghi không hợp lệ: " + id));
            return;
        }
        blocking(() -> store.find(id).map(r -> Map.entry(r, r.kind() == RecordKind.MESSAGE
                ? store.children(r.id()) : List.<AuditRecord>of()))).onSuccess(found -> {
                    if (found.isEmpty()) {
                        html(ctx, 404, AuditorPages.error(user(ctx), csrfToken(ctx.session()),
                                "Không tìm thấy bản ghi " + id + ". / No such record."));
                    } else {
                        html(ctx, 200, AuditorPages.record(user(ctx), csrfToken(ctx.session()), found.get().getKey(),
                                found.get().getValue()));
                    }
                }).onFailure(ctx::fail);
    }

    private void export(RoutingContext ctx, boolean json) {
        Map<String, String> form = form(ctx);
        AuditQuery query;
        try {
            query = query(form, AuditQuery.MAX_LIMIT, null);
        } catch (IllegalArgumentException e) {
            badRequest(ctx, e);
            return;
        }
        LOG.info("auditor export user={} format={} query={}", user(ctx), json ? "json" : "csv", queryString(form));
        blocking(() -> {
            StringWriter out = new StringWriter();
            List<AuditRecord> records = store.search(query).records();
            if (json) {
                AuditExport.json(records, out);
            } else {
                out.write('\uFEFF'); // Excel reads UTF-8 (Vietnamese) only with a BOM
                AuditExport.csv(records, out);
            }
            return out.toString();
        }).onSuccess(body -> {
            String name = "mailgw-audit-" + LocalDate.now(clock.withZone(Html.VIETNAM)) + (json ? ".json" : ".csv");
            ctx.response().putHeader("Content-Type", json ? "application/json; charset=utf-8" : "text/csv; charset=utf-8")
                    .putHeader("Content-Disposition", "attachment; filename=\"" + name + "\"")
                    .end(body);
        }).onFailure(ctx::fail);
    }

    private void chain(RoutingContext ctx) {
        blocking(() -> AuditLog.verifyAll(store)).onSuccess(v -> html(ctx, 200,
                AuditorPages.chain(user(ctx), csrfToken(ctx.session()), v))).onFailure(ctx::fail);
    }

    private void statistics(RoutingContext ctx) {
        int year;
        try {
            String y = ctx.request().getParam("year");
            year = y == null || y.isBlank() ? Year.now(clock.withZone(Html.VIETNAM)).getValue() : Integer.parseInt(y.strip());
            if (year < 2000 || year > 2200) {
                throw new IllegalArgumentException("năm không hợp lệ / bad year: " + year);
            }
        } catch (IllegalArgumentException e) {
            badRequest(ctx, e);
            return;
        }
        boolean quarterly = !"year".equals(ctx.request().getParam("period"));
        List<String> labels = new ArrayList<>();
        List<Instant[]> ranges = new ArrayList<>();
        if (quarterly) {
            for (int q = 0; q < 4; q++) {
                labels.add("Quý " + (q + 1) + "/" + year);
                ranges.add(new Instant[] {startOfDay(LocalDate.of(year, q * 3 + 1, 1)),
                        startOfDay(LocalDate.of(year, q * 3 + 1, 1).plusMonths(3))});
            }
        } else {
            labels.add("Năm " + year);
            ranges.add(new Instant[] {startOfDay(LocalDate.of(year, 1, 1)), startOfDay(LocalDate.of(year + 1, 1, 1))});
        }
        blocking(() -> {
            List<List<AgencyStatistics>> out = new ArrayList<>();
            for (Instant[] r : ranges) {
                out.add(store.statistics(r[0], r[1]));
            }
            return out;
        }).onSuccess(stats -> html(ctx, 200, AuditorPages.statistics(user(ctx), csrfToken(ctx.session()), year,
                quarterly, labels, stats))).onFailure(ctx::fail);
    }

    private void violators(RoutingContext ctx) {
        Map<String, String> form = form(ctx);
        LocalDate today = LocalDate.now(clock.withZone(Html.VIETNAM));
        String from = form.getOrDefault("from", today.minusYears(1).toString());
        String to = form.getOrDefault("to", today.toString());
        Instant start;
        Instant end;
        try {
            start = parseTime(from, false);
            end = parseTime(to, true);
        } catch (IllegalArgumentException e) {
            badRequest(ctx, e);
            return;
        }
        blocking(() -> store.violators(start, end, 500)).onSuccess(v -> html(ctx, 200,
                AuditorPages.violators(user(ctx), csrfToken(ctx.session()), from, to, v))).onFailure(ctx::fail);
    }

    // ---- helpers ----

    private <T> Future<T> blocking(Callable<T> work) {
        return workers.executeBlocking(work, false);
    }

    private static Map<String, String> form(RoutingContext ctx) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String name : List.of("from", "to", "sender", "recipient", "agency", "verdict", "type", "kind", "q", "after")) {
            String v = ctx.request().getParam(name);
            if (v != null && !v.isBlank()) {
                form.put(name, v.strip());
            }
        }
        return form;
    }

    /** The search the form asks for; {@code after} is the page cursor of a "next page" link (null: first page). */
    static AuditQuery query(Map<String, String> form, int limit, String after) {
        Instant from = form.containsKey("from") ? parseTime(form.get("from"), false) : null;
        Instant to = form.containsKey("to") ? parseTime(form.get("to"), true) : null;
        RecordKind kind = null;
        if (form.containsKey("kind")) {
            try {
                kind = RecordKind.valueOf(form.get("kind"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("loại bản ghi không hợp lệ / bad kind: " + form.get("kind"));
            }
        }
        return new AuditQuery(from, to, form.get("sender"), form.get("recipient"), form.get("agency"),
                form.get("verdict"), form.get("type"), form.get("q"), kind, limit, 0,
                after == null ? null : PageCursor.parse(after));
    }

    /** A day (yyyy-MM-dd, Vietnam time; an end day is inclusive) or a local time (yyyy-MM-ddTHH:mm). */
    static Instant parseTime(String text, boolean end) {
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return startOfDay(end ? day.plusDays(1) : day);
            }
            return LocalDateTime.parse(text).atZone(Html.VIETNAM).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("ngày không hợp lệ / bad date: " + text);
        }
    }

    private static Instant startOfDay(LocalDate day) {
        return day.atStartOfDay(Html.VIETNAM).toInstant();
    }

    private static String queryString(Map<String, String> form) {
        StringBuilder b = new StringBuilder();
        form.forEach((k, v) -> {
            if (!"after".equals(k)) {
                b.append(b.length() == 0 ? "" : "&").append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        return b.toString();
    }

    private void badRequest(RoutingContext ctx, IllegalArgumentException e) {
        html(ctx, 400, AuditorPages.error(user(ctx), csrfToken(ctx.session()), e.getMessage()));
    }

    private static String user(RoutingContext ctx) {
        return ctx.session() == null ? null : ctx.session().get(USER);
    }

    static String csrfToken(Session session) {
        String token = session.get(CSRF);
        if (token == null) {
            token = newToken();
            session.put(CSRF, token);
        }
        return token;
    }

    private static boolean csrfOk(Session session, String given) {
        String expected = session == null ? null : session.get(CSRF);
        return expected != null && given != null
                && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII));
    }

    private static String newToken() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static void html(RoutingContext ctx, int status, String body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", "text/html; charset=utf-8").end(body);
    }

    private static void redirect(RoutingContext ctx, String location) {
        HttpServerResponse r = ctx.response();
        r.setStatusCode(303).putHeader("Location", location).end();
    }
}
