package vn.mailgw.validation.classify;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OCR through the Tesseract command line (Debian packages tesseract-ocr and tesseract-ocr-vie).
 * The page goes in on stdin as PNG and the text comes back on stdout, so no temporary files are left
 * behind; the process is killed when the budget runs out.
 */
public final class TesseractOcr implements OcrEngine {

    private static final Logger LOG = LoggerFactory.getLogger(TesseractOcr.class);
    public static final String DEFAULT_EXECUTABLE = "tesseract";
    public static final String DEFAULT_LANGUAGES = "vie";

    private final String executable;
    private final String languages;
    private final boolean available;

    public TesseractOcr() {
        this(DEFAULT_EXECUTABLE, DEFAULT_LANGUAGES);
    }

    public TesseractOcr(String executable, String languages) {
        this.executable = executable;
        this.languages = languages;
        this.available = probe();
    }

    @Override
    public boolean available() {
        return available;
    }

    private boolean probe() {
        try {
            Process process = new ProcessBuilder(executable, "--list-langs").redirectErrorStream(true).start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            for (String language : languages.split("\\+")) {
                if (out.lines().map(String::trim).noneMatch(language::equals)) {
                    LOG.warn("Tesseract found but language data '{}' missing: install tesseract-ocr-{}", language, language);
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            LOG.info("Tesseract not installed ({}): scanned documents will not be OCRed", e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public OcrOutcome recognise(BufferedImage page, Duration budget) {
        if (!available) {
            return new OcrOutcome.Unavailable("tesseract with language '" + languages + "' is not installed");
        }
        Process process = null;
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            ImageIO.write(page, "png", png);
            // --psm 3: automatic page segmentation, what a scanned letter needs. One thread: the gateway's
            // validation workers already use the cores in parallel.
            ProcessBuilder builder = new ProcessBuilder(List.of(executable, "stdin", "stdout", "-l", languages, "--psm", "3"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("OMP_THREAD_LIMIT", "1");
            process = builder.start();
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(png.toByteArray());
            }
            Process running = process;
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            Thread reader = new Thread(() -> copy(running.getInputStream(), text), "tesseract-stdout");
            reader.setDaemon(true);
            reader.start();
            if (!process.waitFor(budget.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return new OcrOutcome.TimedOut(budget);
            }
            reader.join(1000);
            if (process.exitValue() != 0) {
                return new OcrOutcome.Failed("tesseract exited with " + process.exitValue());
            }
            return new OcrOutcome.Recognised(text.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new OcrOutcome.Failed(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new OcrOutcome.Failed("interrupted");
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException e) {
            // The process was killed (budget exceeded): the partial text is discarded by the caller.
        }
    }
}
