package vn.mailgw.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.io.File;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import vn.mailgw.gateway.audit.AuditConfig;
import vn.mailgw.gateway.audit.AuditLog;
import vn.mailgw.gateway.audit.DocumentAudit;
import vn.mailgw.gateway.audit.MessageAudit;
import vn.mailgw.gateway.audit.Outcome;
import vn.mailgw.gateway.audit.SignatureDetail;

/**
 * The auditor pages in a real headless Chromium (Debian chromium + chromium-driver, driven by Selenium),
 * against the real HTTP server and a real SQLite audit store. Screenshots go to docs/screenshots/.
 */
class AuditorWebTest {

    private static final String PASSWORD = "Kiểm-toán-2026!";
    private static final Instant T0 = Instant.parse("2026-04-15T02:30:00Z");

    /** Deleted by JUnit after the class (the gateway is stopped first, in @AfterAll). */

    @TempDir

    private static Path dir;
    private static Vertx vertx;
    private static AuditLog log;
    private static GatewayHttpServer server;
    private static String base;
    private static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        log = AuditLog.open(AuditConfig.sqlite(dir.resolve("audit.sqlite"), "gw1", dir));
        appendSamples();
        vertx = Vertx.vertx();
        HttpConfig config = new HttpConfig("127.0.0.1", 0, Duration.ofMinutes(30),
                Map.of("kiemtoan", PasswordHasher.hash(PASSWORD.toCharArray(), 10_000)), 5, Duration.ofMinutes(15), false, "");
        server = new GatewayHttpServer(vertx, config, log.store());
        int port = server.start().toCompletionStage().toCompletableFuture().get();
        base = "http://127.0.0.1:" + port;
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1400,1000",
                "--lang=vi",
                // the profile inside the class's temporary folder, so it is deleted with it
                "--user-data-dir=" + dir.resolve("chromium-profile").toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        server.stop().toCompletionStage().toCompletableFuture().get();
        vertx.close().toCompletionStage().toCompletableFuture().get();
        log.close();
    }

    private static void appendSamples() {
        SignatureDetail person = new SignatureDetail("CN=Trần Thị Bình, T=Giám đốc, O=Sở Nội vụ tỉnh Sơn La",
                "CN=Cục Chứng thực số và Bảo mật thông tin", "government", T0.minusSeconds(7200), "VALID");
        SignatureDetail agency = new SignatureDetail("CN=Sở Nội vụ tỉnh Sơn La", "CN=Cục Chứng thực số và Bảo mật thông tin",
                "government", T0.minusSeconds(7000), "VALID");
        DocumentAudit decision = new DocumentAudit("QĐ-115-2025-QĐ-UBND.pdf", "ab".repeat(32), "PDF",
                "PAPER_EQUIVALENT", List.of(), "QĐ", "sonla-2025", List.of("tuyenquang-2013 Art 7.2"),
                List.of(person, agency), List.of());
        DocumentAudit draft = new DocumentAudit("du-thao-ke-hoach.docx", "cd".repeat(32), "DOCX",
                "NOT_PAPER_EQUIVALENT", List.of("UNSIGNED_EDITABLE daknong-2012 Art 9.2(a)"), "KH", "sonla-2025",
                List.of("daknong-2012 Art 9.2(a)"), List.of(), List.of());
        log.append(new MessageAudit(T0, "Q7F3A1", "<a1@snv.sonla.gov.vn>", "snv@sonla.gov.vn", "snv@sonla.gov.vn",
                List.of("ubnd@sonla.gov.vn"), "10.1.2.3", "mail.snv.sonla.gov.vn", 182_331L, "spf=pass; dkim=pass",
                "Sở Nội vụ", "sonla-2025", "NOT_PAPER_EQUIVALENT", List.of(), Outcome.DELIVERED,
                "250 2.0.0 Ok: queued as Q7F3A1", List.of(), List.of(decision, draft)));
        for (int i = 0; i < 4; i++) {
            log.append(new MessageAudit(T0.plusSeconds(600 + i), "QR" + i, null, "canbo.snv@gmail.com",
                    "canbo.snv@gmail.com", List.of("ubnd@sonla.gov.vn"), "203.0.113.5", "mail-ot1.google.com", 5000L,
                    null, null, "sonla-2025", "REFUSED", List.of("FREEMAIL_SENDER daknong-2012 Art 9.4"),
                    Outcome.REFUSED, "550 5.7.1 Không nhận thư từ hộp thư miễn phí (daknong-2012 Art 9.4)",
                    List.of(), List.of()));
        }
        log.append(new MessageAudit(T0.minusSeconds(90L * 24 * 3600), "QOLD1", "<b@stc>", "vanthu@stc.sonla.gov.vn",
                null, List.of("snv@sonla.gov.vn"), "10.1.2.9", "stc", 800L, null, "Sở Tài chính", "sonla-2025", null,
                List.of(), Outcome.FAILED, "451 4.4.1 Máy chủ kế tiếp không trả lời",
                List.of("java.net.ConnectException: Connection refused"), List.of()));
    }

    private static void shot(String name) throws IOException {
        File f = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Path target = Path.of(System.getProperty("user.dir")).getParent().resolve("docs/screenshots/" + name);
        Files.createDirectories(target.getParent());
        Files.copy(f.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void signIn(String password) {
        browser.get(base + "/login");
        browser.findElement(By.id("username")).sendKeys("kiemtoan");
        browser.findElement(By.id("password")).sendKeys(password);
        clickAndWaitForNextPage(By.id("signin"));
    }

    @Test
    void auditorShouldSignInSearchOpenARecordAndExportWhenUsingTheBrowser() throws Exception {
        browser.get(base + "/audit");
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        shot("audit-login.png");

        signIn("sai-mat-khau");
        assertThat(browser.findElement(By.id("login-error")).getText()).contains("Sai tên đăng nhập hoặc mật khẩu");

        signIn(PASSWORD);
        assertThat(browser.getCurrentUrl()).endsWith("/audit");
        assertThat(browser.findElements(By.cssSelector("#results tr"))).hasSize(1 + 8);
        // How many records match, above the results (issue 6: the auditor judges a query and an export by it).
        assertThat(browser.findElement(By.id("match-count")).getText()).isEqualTo("8 bản ghi khớp");
        shot("audit-search.png");

        browser.findElement(By.id("f-sender")).sendKeys("SNV@sonla.gov.vn");
        browser.findElement(By.id("f-kind")).sendKeys("DOCUMENT");
        clickAndWaitForNextPage(By.id("search"));
        List<String> ids = browser.findElements(By.cssSelector("#results a.record-link")).stream()
                .map(e -> e.getText()).toList();
        assertThat(ids).containsExactlyInAnyOrder("gw1.Q7F3A1.1", "gw1.Q7F3A1.2");
        assertThat(browser.findElement(By.id("match-count")).getText()).isEqualTo("2 bản ghi khớp");

        clickAndWaitForNextPage(By.linkText("gw1.Q7F3A1.1"));
        assertThat(browser.findElement(By.id("record-title")).getText()).isEqualTo("gw1.Q7F3A1.1");
        assertThat(browser.findElement(By.id("record-verdict")).getText()).contains("Tương đương văn bản giấy");
        String signatures = browser.findElement(By.id("signatures")).getText();
        assertThat(signatures).contains("Trần Thị Bình").contains("Sở Nội vụ tỉnh Sơn La").contains("government");
        shot("audit-record.png");

        // The stamp's id leads to the record: the id box and the URL both find it.
        browser.get(base + "/audit");
        browser.findElement(By.id("record-id")).sendKeys("gw1.Q7F3A1");
        clickAndWaitForNextPage(By.id("find"));
        assertThat(browser.getCurrentUrl()).endsWith("/audit/records/gw1.Q7F3A1");
        assertThat(browser.findElements(By.cssSelector("#results a.record-link"))).hasSize(2);

        // Export with the browser's own session: the filtered search as CSV and JSON.
        browser.get(base + "/audit?sender=canbo.snv%40gmail.com");
        assertThat(browser.findElement(By.id("match-count")).getText()).isEqualTo("4 bản ghi khớp");
        assertThat(browser.findElement(By.id("export-scope")).getText()).isEqualTo("(tệp xuất gồm đủ 4 bản ghi)");
        String csvHref = browser.findElement(By.id("export-csv")).getAttribute("href");
        String jsonHref = browser.findElement(By.id("export-json")).getAttribute("href");
        HttpResponse<String> csv = getWithBrowserSession(csvHref);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Disposition")).get().asString().contains("attachment");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines).hasSize(1 + 4);
        assertThat(lines.get(0)).startsWith("\uFEFFid,node,seq");
        assertThat(lines.get(1)).contains("canbo.snv@gmail.com").contains("daknong-2012 Art 9.4");
        HttpResponse<String> json = getWithBrowserSession(jsonHref);
        assertThat(json.body()).contains("\"envelopeSender\" : \"canbo.snv@gmail.com\"").contains("Không nhận thư");

        browser.get(base + "/audit/chain");
        assertThat(browser.findElement(By.id("chain")).getText()).contains("Nguyên vẹn");
        shot("audit-chain.png");

        browser.get(base + "/audit/stats?year=2026&period=quarter");
        assertThat(browser.findElement(By.id("chart")).findElement(By.tagName("svg"))).isNotNull();
        assertThat(browser.getPageSource()).contains("Quý 2/2026").contains("Sở Nội vụ");
        shot("audit-stats.png");

        browser.get(base + "/audit/violators?from=2026-01-01&to=2026-12-31");
        String violators = browser.findElement(By.id("violators")).getText();
        assertThat(violators).contains("canbo.snv@gmail.com").contains("Báo cáo thủ trưởng");
        shot("audit-violators.png");

        clickAndWaitForNextPage(By.id("logout"));
        browser.get(base + "/audit");
        assertThat(browser.getCurrentUrl()).endsWith("/login");
    }

    private static HttpResponse<String> getWithBrowserSession(String url) throws Exception {
        Cookie session = browser.manage().getCookieNamed("mailgw.session");
        HttpRequest req = HttpRequest.newBuilder(URI.create(url))
                .header("Cookie", session.getName() + "=" + session.getValue()).build();
        return HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    // ---- the HTTP rules, checked with a plain HTTP client ----

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private static HttpClient client() {
        return HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    private static HttpResponse<String> get(HttpClient c, String path) throws Exception {
        return c.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> postLogin(HttpClient c, String csrf, String user, String password) throws Exception {
        String form = "csrf=" + enc(csrf) + "&username=" + enc(user) + "&password=" + enc(password);
        return c.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String csrfFrom(HttpResponse<String> page) {
        Matcher m = CSRF.matcher(page.body());
        assertThat(m.find()).as("page has a CSRF token").isTrue();
        return m.group(1);
    }

    @Test
    void serverShouldServeOnlyHealthWhenNotSignedIn() throws Exception {
        HttpClient c = client();
        HttpResponse<String> health = get(c, "/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("UP");
        for (String path : List.of("/audit", "/audit/records/gw1.Q7F3A1", "/audit/export.csv", "/audit/export.json",
                "/audit/chain", "/audit/stats", "/audit/violators", "/metrics", "/anything")) {
            HttpResponse<String> r = get(c, path);
            assertThat(r.statusCode()).as(path).isEqualTo(303);
            assertThat(r.headers().firstValue("Location")).as(path).contains("/login");
            assertThat(r.body()).as(path).doesNotContain("gw1.");
        }
        assertThat(get(c, "/login").headers().firstValue("Content-Security-Policy")).get().asString()
                .contains("frame-ancestors 'none'");
    }

    @Test
    void loginShouldBeRefusedWhenTheCsrfTokenIsMissingOrWrong() throws Exception {
        HttpClient c = client();
        get(c, "/login");

        HttpResponse<String> r = postLogin(c, "forged-token", "kiemtoan", PASSWORD);

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(get(c, "/audit").statusCode()).isEqualTo(303);
    }

    @Test
    void loginShouldBeLockedWhenTooManyPasswordsWereWrongEvenIfTheNextIsRight() throws Exception {
        HttpClient c = client();
        String csrf = csrfFrom(get(c, "/login"));
        for (int i = 0; i < 5; i++) {
            assertThat(postLogin(c, csrf, "kiemtoan-locked", "wrong-" + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> locked = postLogin(c, csrf, "kiemtoan-locked", "wrong-again");
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.body()).contains("Quá nhiều lần đăng nhập sai");
    }

    @Test
    void sessionShouldEndWhenItWasIdleLongerThanItsTtl() throws Exception {
        Vertx v = Vertx.vertx();
        HttpConfig shortTtl = new HttpConfig("127.0.0.1", 0, Duration.ofSeconds(1),
                Map.of("kiemtoan", PasswordHasher.hash(PASSWORD.toCharArray(), 10_000)), 5, Duration.ofMinutes(15), false, "");
        GatewayHttpServer s = new GatewayHttpServer(v, shortTtl, log.store());
        int port = s.start().toCompletionStage().toCompletableFuture().get();
        try {
            HttpClient c = client();
            String root = "http://127.0.0.1:" + port;
            String csrf = csrfFrom(c.send(HttpRequest.newBuilder(URI.create(root + "/login")).build(),
                    HttpResponse.BodyHandlers.ofString()));
            String form = "csrf=" + enc(csrf) + "&username=kiemtoan&password=" + enc(PASSWORD);
            HttpResponse<String> login = c.send(HttpRequest.newBuilder(URI.create(root + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).as(login.body()).isEqualTo(303);
            assertThat(c.send(HttpRequest.newBuilder(URI.create(root + "/audit")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

            Thread.sleep(2500);

            HttpResponse<String> after = c.send(HttpRequest.newBuilder(URI.create(root + "/audit")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(after.statusCode()).isEqualTo(303);
        } finally {
            s.stop().toCompletionStage().toCompletableFuture().get();
            v.close().toCompletionStage().toCompletableFuture().get();
        }
    }

    /**
     * Clicks an element that leads to another page and waits until the old page is gone: Selenium's click
     * can return before the navigation it started has finished, and the next read would see the old page.
     * Gone is "stale" or, caught in the middle of the navigation, Chrome's "Node with given id does not belong to
     * the document" (a plain WebDriverException, which {@code ExpectedConditions.stalenessOf} lets through: seen once
     * in CI on a loaded machine).
     */
    private static void clickAndWaitForNextPage(By target) {
        WebElement oldPage = browser.findElement(By.tagName("html"));
        browser.findElement(target).click();
        new WebDriverWait(browser, java.time.Duration.ofSeconds(15)).until(d -> {
            try {
                oldPage.isEnabled();
                return false;
            } catch (WebDriverException gone) {
                return true;
            }
        });
        new WebDriverWait(browser, java.time.Duration.ofSeconds(15)).until(d -> "complete".equals(
                ((org.openqa.selenium.JavascriptExecutor) d).executeScript("return document.readyState")));
    }
}
