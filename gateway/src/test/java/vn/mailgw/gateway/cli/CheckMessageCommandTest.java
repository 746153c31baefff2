package vn.mailgw.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import vn.mailgw.samples.DemoProvince;
import vn.mailgw.samples.SampleMessage;

class CheckMessageCommandTest {

    static DemoProvince province;
    static List<SampleMessage> samples;

    @BeforeAll
    static void start() throws Exception {
        province = DemoProvince.start(Instant.now());
        samples = province.messages();
    }

    @AfterAll
    static void stop() throws Exception {
        province.close();
    }

    static String[] run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new CheckMessageCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(out));
        return new String[] {String.valueOf(cl.execute(args)), out.toString()};
    }

    static Path write(Path dir, String name) throws Exception {
        SampleMessage s = samples.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
        return Files.write(dir.resolve(name + ".eml"), s.eml());
    }

    @Test
    void checkShouldPrintPaperEquivalentAndWriteStampWhenValidSampleAuthenticated(@TempDir Path dir) throws Exception {
        Path trust = province.writeTrustFolder(dir.resolve("trust"));
        Path stamped = dir.resolve("stamped.eml");
        String[] r = run(write(dir, "01-hop-le").toString(), "--client-ip", "127.0.0.1", "--resolver",
                province.dnsResolver(), "--trust-folder", trust.toString(), "-o", stamped.toString());
        assertThat(r[1]).contains("X-Mailgw-Verdict: PAPER_EQUIVALENT; profile=daknong-2012", "spf=pass",
                "reasons=none");
        assertThat(r[0]).isEqualTo("0");
        // Each attachment's document type next to its verdict, in the header and the per-document line.
        assertThat(r[1]).contains("Quyết định số 15.pdf: PAPER_EQUIVALENT", "loại văn bản / document type: Quyết định",
                "document-type*=utf-8''Quy%E1%BA%BFt");
        assertThat(Files.readString(stamped)).contains("X-Mailgw-Verdict: PAPER_EQUIVALENT",
                "document-type*=utf-8''Quy%E1%BA%BFt");
    }

    @Test
    void checkShouldPrintSignerAndPaperEquivalentWhenUnitSignedDocxUnderDaknong(@TempDir Path dir) throws Exception {
        Path trust = province.writeTrustFolder(dir.resolve("trust"));
        Path stamped = dir.resolve("stamped.eml");
        String[] r = run(write(dir, "08-word-ky-so").toString(), "--client-ip", "127.0.0.1", "--resolver",
                province.dnsResolver(), "--trust-folder", trust.toString(), "-o", stamped.toString());
        // daknong-2012 Art 9.2(a): an editable file counts with the unit's own signature.
        assertThat(r[1]).contains("X-Mailgw-Verdict: PAPER_EQUIVALENT; profile=daknong-2012", "type=DOCX",
                "Kế hoạch 21-KH-STC.docx: PAPER_EQUIVALENT", "reasons=none");
        assertThat(r[0]).isEqualTo("0");
        // The banner of the stamped message names the signer read from the Word file's package signature.
        jakarta.mail.internet.MimeMessage m = new jakarta.mail.internet.MimeMessage(
                jakarta.mail.Session.getInstance(new java.util.Properties()), Files.newInputStream(stamped));
        jakarta.mail.internet.MimeMultipart banner = (jakarta.mail.internet.MimeMultipart)
                ((jakarta.mail.internet.MimeMultipart) m.getContent()).getBodyPart(0).getContent();
        assertThat((String) banner.getBodyPart(0).getContent()).contains("SỞ TÀI CHÍNH TỈNH ĐẮK NÔNG", "[HỢP LỆ]");
        // tuyenquang-2013 Art 7.2(c): the same signed Word file stays not paper-equivalent (editable format).
        String[] tq = run(write(dir, "08-word-ky-so").toString(), "--client-ip", "127.0.0.1", "--resolver",
                province.dnsResolver(), "--trust-folder", trust.toString(), "--profile", "tuyenquang-2013");
        assertThat(tq[1]).contains("NOT_PAPER_EQUIVALENT", "EDITABLE_FORMAT", "tuyenquang-2013 Art 7.2(c)");
        assertThat(tq[0]).isEqualTo("1");
        // `check FILE.eml` (offline: the sender cannot be authenticated) still reads the Word file's signature.
        StringWriter out = new StringWriter();
        CommandLine check = new CommandLine(new CheckCommand());
        check.setOut(new PrintWriter(out));
        check.setErr(new PrintWriter(out));
        int exit = check.execute(write(dir, "08-word-ky-so").toString(), "--trust", trust.toString());
        assertThat(out.toString()).contains("type=DOCX", "SENDER_NOT_CHECKED").doesNotContain("UNSIGNED_EDITABLE",
                "SIGNATURE_INVALID", "SIGNATURE_NOT_CHECKED");
        assertThat(exit).isEqualTo(1);
    }

    @Test
    void checkShouldFailClosedWhenNoClientIpOrWrongAgency(@TempDir Path dir) throws Exception {
        Path trust = province.writeTrustFolder(dir.resolve("trust"));
        String[] offline = run(write(dir, "01-hop-le").toString(), "--trust-folder", trust.toString());
        assertThat(offline[0]).isEqualTo("1");
        assertThat(offline[1]).contains("SENDER_NOT_CHECKED", "daknong-2012 Art 3.4");
        String[] wrong = run(write(dir, "06-sai-co-quan").toString(), "--client-ip", "127.0.0.1", "--resolver",
                province.dnsResolver(), "--trust-folder", trust.toString());
        assertThat(wrong[0]).isEqualTo("1");
        assertThat(wrong[1]).contains("SIGNER_NOT_SENDING_AGENCY", "Sở Nội vụ", "Sở Tài chính");
    }

    @Test
    void checkShouldGiveTheOfflineMessageVerdictWhenTheFileIsAnEml(@TempDir Path dir) throws Exception {
        Path trust = province.writeTrustFolder(dir.resolve("trust"));
        StringWriter out = new StringWriter();
        CommandLine cl = new CommandLine(new CheckCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(out));
        int exit = cl.execute(write(dir, "01-hop-le").toString(), "--trust", trust.toString());
        // Offline, the sender cannot be authenticated: the stamp says so and nothing counts (fail closed).
        assertThat(out.toString()).contains("X-Mailgw-Verdict:", "SENDER_NOT_CHECKED");
        assertThat(exit).isEqualTo(1);
    }

    @Test
    void checkShouldJudgeWithTheDeploymentsConfigurationWhenGivenTheFile(@TempDir Path dir) throws Exception {
        Path trust = province.writeTrustFolder(dir.resolve("trust"));
        Path config = Files.writeString(dir.resolve("mailgw.yaml"), "verdict:\n  profile: tuyenquang-2013\n"
                + "  trustFolder: " + trust + "\n  resolver: " + province.dnsResolver() + "\n");
        // The file's profile, trust folder and resolver are used: the signed Word file is editable, which
        // tuyenquang-2013 Art 7.2(c) does not accept (under the default daknong-2012 it would pass).
        String[] fromFile = run(write(dir, "08-word-ky-so").toString(), "--config", config.toString(),
                "--client-ip", "127.0.0.1");
        assertThat(fromFile[1]).contains("profile=tuyenquang-2013", "EDITABLE_FORMAT", "spf=pass");
        assertThat(fromFile[0]).isEqualTo("1");
        // An explicit option wins over the file.
        String[] option = run(write(dir, "08-word-ky-so").toString(), "--config", config.toString(),
                "--client-ip", "127.0.0.1", "--profile", "daknong-2012");
        assertThat(option[1]).contains("X-Mailgw-Verdict: PAPER_EQUIVALENT; profile=daknong-2012");
        assertThat(option[0]).isEqualTo("0");
        // The deployment's attachment limit: the PDF over it is neither classified nor signature-checked.
        String[] limited = run(write(dir, "01-hop-le").toString(), "--config", config.toString(),
                "--client-ip", "127.0.0.1", "--set", "verdict.profile=daknong-2012", "--set",
                "classify.maxAttachmentSize=8kB");
        assertThat(limited[1]).contains("SIGNATURE_NOT_CHECKED").doesNotContain("X-Mailgw-Verdict: PAPER_EQUIVALENT");
        assertThat(limited[0]).isEqualTo("1");
    }

    @Test
    void checkShouldNameTheFileAndKeyWhenTheConfigurationIsBad(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("bad.yaml"), "classify:\n  maxAttachmentSize: huge\n");
        String[] r = run(write(dir, "01-hop-le").toString(), "--config", config.toString());
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[1]).contains("bad configuration", "bad.yaml", "classify.maxAttachmentSize");
        String[] badProfile = run(write(dir, "01-hop-le").toString(), "--profile", "hanoi-2099");
        assertThat(badProfile[0]).isEqualTo("2");
        assertThat(badProfile[1]).contains("verdict.profile", "hanoi-2099");
    }
}
