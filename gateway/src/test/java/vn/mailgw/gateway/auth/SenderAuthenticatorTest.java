package vn.mailgw.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.apache.james.jdkim.DKIMSigner;
import vn.mailgw.samples.LoopbackDnsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.mailgw.validation.verdict.SenderAuthentication;

/** SPF, DKIM and DMARC through real DNS queries to a responder on loopback. */
class SenderAuthenticatorTest {

    static LoopbackDnsServer dns;
    static KeyPair key;

    /** For other tests of this package that need the same zone. */
    static void startDnsForOthers() throws IOException {
        try {
            startDns();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    @BeforeAll
    static void startDns() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        key = gen.generateKeyPair();
        dns = new LoopbackDnsServer()
                .txt("daknong.gov.vn", "v=spf1 ip4:127.0.0.1 -all")
                .txt("_dmarc.daknong.gov.vn", "v=DMARC1; p=reject; adkim=r; aspf=r")
                .txt("evil.example", "v=spf1 ip4:127.0.0.0/8 -all")
                .txt("mail._domainkey.stc.daknong.gov.vn",
                        "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(key.getPublic().getEncoded()))
                .txt("mail._domainkey.evil.example",
                        "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(key.getPublic().getEncoded()))
                .txt("strict.gov.vn", "v=spf1 ip4:127.0.0.1 -all")
                .txt("_dmarc.strict.gov.vn", "v=DMARC1; p=reject; aspf=s")
                .failWithServFail("broken.gov.vn")
                .failWithServFail("_dmarc.broken.gov.vn");
    }

    @AfterAll
    static void stopDns() throws IOException {
        dns.close();
    }

    static SenderAuthenticator authenticator(List<String> relays) {
        return new SenderAuthenticator(new AuthConfig(dns.address(), Duration.ofSeconds(2), relays, "mailgw.test"));
    }

    static byte[] message(String from) {
        return ("From: " + from + "\r\nTo: vanthu@sonla.gov.vn\r\nSubject: Giay moi\r\n"
                + "Message-ID: <1@test>\r\n\r\nNoi dung.\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] dkimSigned(String domain, byte[] message) throws Exception {
        DKIMSigner signer = new DKIMSigner("v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + domain
                + "; s=mail; h=from:to:subject:message-id; bh=; b=;", key.getPrivate());
        String header = signer.sign(new ByteArrayInputStream(message));
        byte[] h = (header + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[h.length + message.length];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(message, 0, out, h.length, message.length);
        return out;
    }

    static AuthenticationReport run(SenderAuthenticator auth, String ip, String mailFrom, String from, byte[] msg)
            throws IOException {
        return auth.authenticate(InetAddress.getByName(ip), "mx.test", mailFrom, from, new ByteArrayInputStream(msg));
    }

    @Test
    void authenticateShouldPassWhenSpfPassesForAlignedDomain() throws IOException {
        AuthenticationReport r = run(authenticator(List.of()), "127.0.0.1", "stc@daknong.gov.vn", "stc@daknong.gov.vn",
                message("stc@daknong.gov.vn"));
        assertThat(r.outcome()).isEqualTo(SenderAuthentication.DMARC_PASS);
        assertThat(r.headerValue()).startsWith("mailgw.test; spf=pass smtp.mailfrom=stc@daknong.gov.vn")
                .contains("dkim=none", "dmarc=pass header.from=daknong.gov.vn");
    }

    @Test
    void authenticateShouldPassWhenDkimSubdomainAlignsRelaxed() throws Exception {
        byte[] signed = dkimSigned("stc.daknong.gov.vn", message("stc@daknong.gov.vn"));
        AuthenticationReport r = run(authenticator(List.of()), "192.0.2.7", "bounce@other.example",
                "stc@daknong.gov.vn", signed);
        assertThat(r.spf()).isNotEqualTo("pass");
        assertThat(r.dkim()).containsExactly(new AuthenticationReport.Dkim("stc.daknong.gov.vn", "mail", "pass"));
        assertThat(r.outcome()).isEqualTo(SenderAuthentication.DMARC_PASS);
        assertThat(r.headerValue()).contains("dkim=pass header.d=stc.daknong.gov.vn header.s=mail", "dmarc=pass");
    }

    @Test
    void authenticateShouldFailWhenOfficialFromIsForgedWithOwnSpfAndDkim() throws Exception {
        byte[] signed = dkimSigned("evil.example", message("stc@daknong.gov.vn"));
        AuthenticationReport r = run(authenticator(List.of()), "127.0.0.5", "x@evil.example", "stc@daknong.gov.vn",
                signed);
        assertThat(r.spf()).isEqualTo("pass");
        assertThat(r.dkim()).extracting(AuthenticationReport.Dkim::result).containsExactly("pass");
        assertThat(r.outcome()).isEqualTo(SenderAuthentication.FAIL);
        assertThat(r.headerValue()).contains("dmarc=fail header.from=daknong.gov.vn");
    }

    @Test
    void authenticateShouldFailWhenDkimBodyWasAltered() throws Exception {
        byte[] signed = dkimSigned("stc.daknong.gov.vn", message("stc@daknong.gov.vn"));
        String tampered = new String(signed, StandardCharsets.US_ASCII).replace("Noi dung.", "Noi dung da sua.");
        AuthenticationReport r = run(authenticator(List.of()), "192.0.2.7", "", "stc@daknong.gov.vn",
                tampered.getBytes(StandardCharsets.US_ASCII));
        assertThat(r.dkim()).extracting(AuthenticationReport.Dkim::result).containsExactly("fail");
        assertThat(r.outcome()).isEqualTo(SenderAuthentication.FAIL);
    }

    @Test
    void authenticateShouldRequireExactDomainWhenDmarcSaysStrictSpf() throws IOException {
        AuthenticationReport sub = run(authenticator(List.of()), "127.0.0.1", "a@strict.gov.vn", "b@x.strict.gov.vn",
                message("b@x.strict.gov.vn"));
        assertThat(sub.outcome()).isEqualTo(SenderAuthentication.FAIL);
        AuthenticationReport same = run(authenticator(List.of()), "127.0.0.1", "a@strict.gov.vn", "b@strict.gov.vn",
                message("b@strict.gov.vn"));
        assertThat(same.outcome()).isEqualTo(SenderAuthentication.DMARC_PASS);
    }

    @Test
    void authenticateShouldTrustRelayWhenClientInConfiguredNetwork() throws IOException {
        AuthenticationReport r = run(authenticator(List.of("10.20.0.0/16", "2001:db8::/32")), "10.20.3.4", "",
                "stc@daknong.gov.vn", message("stc@daknong.gov.vn"));
        assertThat(r.outcome()).isEqualTo(SenderAuthentication.TRUSTED_RELAY);
        assertThat(r.headerValue()).contains("x-trusted-relay=pass smtp.remote-ip=10.20.3.4");
        AuthenticationReport outside = run(authenticator(List.of("10.20.0.0/16")), "10.21.0.1", "", "stc@daknong.gov.vn",
                message("stc@daknong.gov.vn"));
        assertThat(outside.outcome()).isEqualTo(SenderAuthentication.FAIL);
    }

    @Test
    void authenticateShouldBeTempErrorWhenDnsFails() throws IOException {
        AuthenticationReport r = run(authenticator(List.of()), "127.0.0.1", "a@broken.gov.vn", "a@broken.gov.vn",
                message("a@broken.gov.vn"));
        assertThat(r.outcome()).isEqualTo(SenderAuthentication.TEMP_ERROR);
        assertThat(r.headerValue()).contains("spf=temperror", "dmarc=temperror");
    }

    @Test
    void headerShouldReplaceEveryUnsafeCharacterOnceWhenClientSentThemInMailFrom() throws IOException {
        AuthenticationReport r = run(authenticator(List.of()), "192.0.2.7", "x\"y; z\uD83D\uDE00@evil.example",
                "a@daknong.gov.vn", message("a@daknong.gov.vn"));
        assertThat(r.headerValue()).contains("smtp.mailfrom=x?y??z?@evil.example;");
    }

    @Test
    void organizationalDomainShouldStopAtGovVnWhenProvincialDomain() {
        assertThat(OrganizationalDomain.of("mail.stc.daknong.gov.vn")).isEqualTo("daknong.gov.vn");
        assertThat(OrganizationalDomain.aligned("sonla.gov.vn", "daknong.gov.vn", false)).isFalse();
        assertThat(OrganizationalDomain.of("gmail.com")).isEqualTo("gmail.com");
        assertThat(DmarcRecord.parse("p=reject; v=DMARC1")).isEmpty();
        assertThat(DmarcRecord.parse("v=DMARC1; p=quarantine; adkim=s").orElseThrow().strictDkim()).isTrue();
    }
}
