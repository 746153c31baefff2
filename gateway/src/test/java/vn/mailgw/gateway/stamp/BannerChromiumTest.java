package vn.mailgw.gateway.stamp;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMultipart;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Opens the stamped message's HTML banner in real headless Chromium (Debian package {@code chromium}) and checks
 * that the banner is rendered and visible at the top of the page. The screenshot is kept in target/ (and copied
 * to docs/stamp-banner.png for the documentation).
 */
class BannerChromiumTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @Test
    void bannerShouldBeVisibleAtTopWhenOpenedInChromium() throws Exception {
        assertThat(CHROMIUM).as("Debian package chromium (scripts/debian-packages.txt)").isExecutable();
        MimeMultipart top = (MimeMultipart) StamperTest.parse(StamperTest.stamp()).getContent();
        MimeMultipart banner = (MimeMultipart) top.getBodyPart(0).getContent();
        String html = (String) banner.getBodyPart(1).getContent();
        Path dir = Files.createDirectories(Path.of("target", "chromium"));
        Path page = dir.resolve("banner.html").toAbsolutePath();
        Files.writeString(page, html, StandardCharsets.UTF_8);
        Path shot = dir.resolve("stamp-banner.png").toAbsolutePath();
        Files.deleteIfExists(shot);

        String dom = run(dir, "--dump-dom", page.toUri().toString());
        assertThat(dom).contains("id=\"mailgw-banner\"", "Không có giá trị tương đương văn bản giấy", "audit-2026-000042");

        run(dir, "--screenshot=" + shot, "--window-size=1100,520", "--hide-scrollbars", page.toUri().toString());
        BufferedImage image = ImageIO.read(shot.toFile());
        assertThat(image).isNotNull();
        // The banner's red background (#fdecea, NOT_PAPER_EQUIVALENT) must fill a large share of the top rows.
        int bannerColour = 0xfdecea;
        long hits = 0;
        long total = 0;
        for (int y = 0; y < Math.min(120, image.getHeight()); y++) {
            for (int x = 0; x < image.getWidth(); x += 4) {
                total++;
                if ((image.getRGB(x, y) & 0xffffff) == bannerColour) {
                    hits++;
                }
            }
        }
        assertThat(hits * 100 / total).as("percentage of banner-coloured pixels in the top 120 rows").isGreaterThan(30);
    }

    private static String run(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--user-data-dir=" + dir.resolve("profile").toAbsolutePath()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(dir.resolve("chromium.log").toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(p.exitValue()).as("chromium exit code, see target/chromium/chromium.log").isZero();
        return out;
    }
}
