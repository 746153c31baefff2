package vn.mailgw.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MainTest {

    private static String[] run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));
        int code = cli.execute(args);
        return new String[] {Integer.toString(code), out.toString()};
    }

    @Test
    void versionShouldPrintTheProductNameAndExitZero() {
        String[] result = run("--version");
        assertThat(result[0]).isEqualTo("0");
        assertThat(result[1]).startsWith("mailgw ");
    }

    @Test
    void helpShouldListTheServeCommand() {
        String[] result = run("--help");
        assertThat(result[0]).isEqualTo("0");
        assertThat(result[1]).contains("serve").contains("document-exchange mail gateway");
    }

    @Test
    void serveShouldExitWithTwoWhenTheConfigurationIsBad(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("gw.yaml");
        Files.writeString(file, "smtp:\n  prot: 1\n");
        assertThat(run("serve", "--config", file.toString())[0]).isEqualTo("2");
        assertThat(run("serve", "--set", "smtp.port=abc")[0]).isEqualTo("2");
    }

    @Test
    void serveShouldExitWithTwoWhenTheTrustFolderDoesNotExist(@TempDir Path dir) {
        String[] result = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
                () -> run("serve", "--set", "smtp.port=0", "--set", "http.port=0", "--set",
                        "audit.sqliteFile=" + dir.resolve("a.sqlite"), "--set", "audit.keyDir=" + dir, "--set",
                        "spoolDir=" + dir.resolve("spool"), "--set", "verdict.trustFolder=" + dir.resolve("missing")));
        assertThat(result[0]).isEqualTo("2");
    }
}
