package vn.mailgw.gateway.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A full disk while DATA streams: the client gets 451 4.3.0 (it keeps the message and retries), the
 * partial file is deleted, the pipeline never sees it. Needs a real full file system: a 64 KiB tmpfs,
 * which only root can mount, so the test is skipped (and says so) where mounting is not allowed.
 */
class SmtpSpoolFullTest extends SmtpServerTestBase {

    private static boolean run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    @Test
    void dataShouldAnswer451AndDeletePartialFileWhenDiskIsFull() throws Exception {
        Path tiny = Files.createTempDirectory("smtp-full");
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", tiny.toString()),
                "cannot mount a small tmpfs here (not root?): full-disk test not run");
        try {
            start(config().withSpoolDirectory(tiny));
            String line = "x".repeat(998) + "\r\n";
            try (RawSmtpClient c = connect()) {
                c.command("EHLO x");
                c.command("MAIL FROM:<a@sonla.gov.vn>");
                c.command("RCPT TO:<b@sonla.gov.vn>");
                assertThat(c.command("DATA")).startsWith("354");
                c.send(line.repeat(300) + ".\r\n"); // 300 kB into 64 KiB
                assertThat(c.reply()).startsWith("451 4.3.0");
                assertThat(c.command("NOOP")).isEqualTo("250 2.0.0 Ok");
            }
            assertThat(handler.calls.get()).isZero();
            eventually(() -> {
                try (var files = Files.list(tiny)) {
                    return files.count() == 0;
                } catch (Exception e) {
                    return false;
                }
            });
        } finally {
            if (server != null) {
                await(server.close());
                server = null;
            }
            run("umount", tiny.toString());
            Files.deleteIfExists(tiny);
        }
    }
}
