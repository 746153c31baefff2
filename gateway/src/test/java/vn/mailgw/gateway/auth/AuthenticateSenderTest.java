package vn.mailgw.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.mailgw.gateway.config.FreemailConfig;
import vn.mailgw.gateway.freemail.FreemailPolicy;
import vn.mailgw.gateway.pipeline.MessageContext;
import vn.mailgw.gateway.pipeline.ParseMime;
import vn.mailgw.gateway.testing.TestMail;
import vn.mailgw.validation.verdict.SenderAuthentication;

/** The step on a spooled, MIME-parsed message: DKIM is read from the file only when the header block has a signature. */
class AuthenticateSenderTest {

    static vn.mailgw.samples.LoopbackDnsServer dns;

    @TempDir
    Path spool;

    @BeforeAll
    static void startDns() throws IOException {
        SenderAuthenticatorTest.startDnsForOthers();
        dns = SenderAuthenticatorTest.dns;
    }

    @AfterAll
    static void stopDns() throws IOException {
        SenderAuthenticatorTest.stopDns();
    }

    private AuthenticateSender.SenderCheck run(byte[] content) throws Exception {
        AuthenticateSender step = new AuthenticateSender(new SenderAuthenticator(new AuthConfig(dns.address(),
                Duration.ofSeconds(2), List.of(), "mailgw.test")), FreemailPolicy.fromConfig(FreemailConfig.DEFAULTS));
        try (MessageContext context = new MessageContext(TestMail.builder().from("bounce@other.example")
                .content(content).spoolInto(spool))) {
            new ParseMime().apply(context);
            step.apply(context);
            return context.require(AuthenticateSender.SENDER);
        }
    }

    @Test
    void applyShouldVerifyDkimFromTheSpoolFileWhenHeaderHasASignature() throws Exception {
        byte[] signed = SenderAuthenticatorTest.dkimSigned("stc.daknong.gov.vn",
                SenderAuthenticatorTest.message("stc@daknong.gov.vn"));

        AuthenticateSender.SenderCheck check = run(signed);

        assertThat(check.report().dkim()).containsExactly(
                new AuthenticationReport.Dkim("stc.daknong.gov.vn", "mail", "pass"));
        assertThat(check.facts().authentication()).isEqualTo(SenderAuthentication.DMARC_PASS);
    }

    @Test
    void applyShouldReportDkimNoneWithoutReadingBodyWhenHeaderHasNoSignature() throws Exception {
        AuthenticateSender.SenderCheck check = run(SenderAuthenticatorTest.message("stc@daknong.gov.vn"));

        assertThat(check.report().dkim()).isEmpty();
        assertThat(check.report().headerValue()).contains("dkim=none");
        // SPF for other.example does not align with daknong.gov.vn: no DKIM, so not proven.
        assertThat(check.facts().authentication()).isNotEqualTo(SenderAuthentication.DMARC_PASS);
    }

    @Test
    void mayCarryDkimSignatureShouldBeTrueWhenMimeWasNotParsed() {
        assertThat(AuthenticateSender.mayCarryDkimSignature(java.util.Optional.empty())).isTrue();
        assertThat(AuthenticateSender.mayCarryDkimSignature(java.util.Optional.of(
                new vn.mailgw.gateway.pipeline.ParsedMime.Unparseable("no header block")))).isTrue();
    }
}
