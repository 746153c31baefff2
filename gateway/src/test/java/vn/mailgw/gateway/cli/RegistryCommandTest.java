package vn.mailgw.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RegistryCommandTest {

    static String[] run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new RegistryCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(out));
        int code = cl.execute(args);
        return new String[] {String.valueOf(code), out.toString()};
    }

    @Test
    void lintShouldExitOneAndExplainWhenAddressesBreakProfile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("r.yaml");
        Files.writeString(file, """
                agencies:
                  - address: STC@daknong.gov.vn
                    name: Sở Tài chính
                    kind: unit
                  - address: ketoan.snv@daknong.gov.vn
                    name: Phòng Kế toán
                    kind: sub-unit
                    parent: stc@daknong.gov.vn
                """, StandardCharsets.UTF_8);
        String[] r = run("lint", file.toString(), "--profile", "daknong-2012");
        assertThat(r[0]).isEqualTo("1");
        assertThat(r[1]).contains("ADDRESS_NOT_LOWER_CASE (daknong-2012 Art 5.1)", "chữ thường",
                "ADDRESS_PARENT_MISMATCH", "2 mục / entries");
    }

    @Test
    void lintShouldExitZeroWhenRegistryIsClean(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("r.yaml");
        Files.writeString(file, """
                agencies:
                  - address: stc@daknong.gov.vn
                    name: Sở Tài chính
                    kind: unit
                    publishedOnPortal: true
                    identity: {mst: ["6400111111"]}
                """, StandardCharsets.UTF_8);
        assertThat(run("lint", file.toString(), "-p", "daknong-2012")[0]).isEqualTo("0");
        assertThat(run("lint", dir.resolve("missing.yaml").toString())[0]).isEqualTo("2");
        assertThat(run("lint", file.toString(), "-p", "hanoi-2020")[0]).isEqualTo("2");
    }
}
