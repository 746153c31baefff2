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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.mailgw.samples.LoopbackDnsServer;
import vn.mailgw.validation.verdict.SenderAuthentication;

/**
 * The DNS answer cache SPF, DKIM and DMARC share, against a real DNS responder on loopback that counts the
 * queries it receives: answers are reused within their TTL, asked again after it (or after the configured
 * cap), negative answers are kept only with an SOA (RFC 2308), temporary errors are never kept.
 */
class DnsCacheTest {

    LoopbackDnsServer dns;

    @BeforeEach
    void startDns() throws IOException {
        dns = new LoopbackDnsServer();
    }

    @AfterEach
    void stopDns() throws IOException {
        dns.close();
    }

    SenderAuthenticator authenticator(Duration maxTtl, int maxEntries) {
        return new SenderAuthenticator(new AuthConfig(dns.address(), Duration.ofSeconds(2), List.of(), "mailgw.test",
                maxTtl, maxEntries));
    }

    SenderAuthenticator authenticator() {
        return authenticator(Duration.ofHours(1), 1000);
    }

    static AuthenticationReport send(SenderAuthenticator auth, String from) throws IOException {
        byte[] message = ("From: " + from + "\r\nTo: vanthu@sonla.gov.vn\r\nSubject: Giay moi\r\n\r\nNoi dung.\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        return auth.authenticate(InetAddress.getByName("127.0.0.1"), "mx.test", from, from,
                new ByteArrayInputStream(message));
    }

    /** Sleeps past a TTL of {@code seconds}: dnsjava's cache counts in whole seconds. */
    static void waitPast(int seconds) throws InterruptedException {
        Thread.sleep(seconds * 1000L + 1100);
    }

    @Test
    void secondMessageShouldNotQueryAgainWhenWithinTtl() throws IOException {
        // With the zone's SOA, as a real server answers: jSPF's "no data" answers are cacheable too.
        dns.txt("daknong.gov.vn", "v=spf1 ip4:127.0.0.1 -all")
                .txt("_dmarc.daknong.gov.vn", "v=DMARC1; p=reject").soa("daknong.gov.vn", 60);
        SenderAuthenticator auth = authenticator();
        assertThat(send(auth, "stc@daknong.gov.vn").outcome()).isEqualTo(SenderAuthentication.DMARC_PASS);
        int spf = dns.queries("daknong.gov.vn");
        int dmarc = dns.queries("_dmarc.daknong.gov.vn");
        assertThat(spf).isPositive();
        assertThat(dmarc).isEqualTo(1);

        AuthenticationReport second = send(auth, "vanthu@daknong.gov.vn");

        assertThat(second.outcome()).isEqualTo(SenderAuthentication.DMARC_PASS);
        assertThat(dns.queries("daknong.gov.vn")).isEqualTo(spf);
        assertThat(dns.queries("_dmarc.daknong.gov.vn")).isEqualTo(1);
    }

    @Test
    void lookupShouldQueryAgainWhenRecordTtlPassed() throws Exception {
        dns.txtWithTtl("sonla.gov.vn", 1, "v=spf1 ip4:127.0.0.1 -all")
                .txtWithTtl("_dmarc.sonla.gov.vn", 1, "v=DMARC1; p=reject");
        SenderAuthenticator auth = authenticator();
        send(auth, "a@sonla.gov.vn");
        int spf = dns.queries("sonla.gov.vn");

        waitPast(1);
        AuthenticationReport again = send(auth, "a@sonla.gov.vn");

        assertThat(again.outcome()).isEqualTo(SenderAuthentication.DMARC_PASS);
        assertThat(dns.queries("sonla.gov.vn")).isGreaterThan(spf);
        assertThat(dns.queries("_dmarc.sonla.gov.vn")).isEqualTo(2);
    }

    @Test
    void lookupShouldQueryAgainWhenConfiguredMaxTtlPassedBeforeRecordTtl() throws Exception {
        dns.txtWithTtl("cantho.gov.vn", 86400, "v=spf1 ip4:127.0.0.1 -all")
                .txtWithTtl("_dmarc.cantho.gov.vn", 86400, "v=DMARC1; p=reject");
        SenderAuthenticator auth = authenticator(Duration.ofSeconds(1), 1000);
        send(auth, "a@cantho.gov.vn");

        waitPast(1);
        send(auth, "a@cantho.gov.vn");

        assertThat(dns.queries("_dmarc.cantho.gov.vn")).isEqualTo(2);
    }

    @Test
    void changedSpfRecordShouldBeSeenWhenItsTtlPassed() throws Exception {
        dns.txtWithTtl("tuyenquang.gov.vn", 1, "v=spf1 -all")
                .txt("_dmarc.tuyenquang.gov.vn", "v=DMARC1; p=reject");
        SenderAuthenticator auth = authenticator();
        assertThat(send(auth, "a@tuyenquang.gov.vn").spf()).isEqualTo("fail");

        dns.replaceTxt("tuyenquang.gov.vn", 1, "v=spf1 ip4:127.0.0.1 -all");
        waitPast(1);
        AuthenticationReport after = send(auth, "a@tuyenquang.gov.vn");

        assertThat(after.spf()).isEqualTo("pass");
        assertThat(after.outcome()).isEqualTo(SenderAuthentication.DMARC_PASS);
    }

    @Test
    void servFailShouldBeAskedAgainAndNotPoisonTheCache() throws IOException {
        dns.failWithServFail("broken.gov.vn").failWithServFail("_dmarc.broken.gov.vn");
        SenderAuthenticator auth = authenticator();
        assertThat(send(auth, "a@broken.gov.vn").outcome()).isEqualTo(SenderAuthentication.TEMP_ERROR);
        int spf = dns.queries("broken.gov.vn");
        int dmarc = dns.queries("_dmarc.broken.gov.vn");

        AuthenticationReport retry = send(auth, "a@broken.gov.vn");

        assertThat(retry.outcome()).isEqualTo(SenderAuthentication.TEMP_ERROR);
        assertThat(dns.queries("broken.gov.vn")).isGreaterThan(spf);
        assertThat(dns.queries("_dmarc.broken.gov.vn")).isGreaterThan(dmarc);

        // The server recovers: the next message sees the real records at once.
        dns.stopServFail("broken.gov.vn").stopServFail("_dmarc.broken.gov.vn")
                .txt("broken.gov.vn", "v=spf1 ip4:127.0.0.1 -all").txt("_dmarc.broken.gov.vn", "v=DMARC1; p=reject");
        assertThat(send(auth, "a@broken.gov.vn").outcome()).isEqualTo(SenderAuthentication.DMARC_PASS);
    }

    @Test
    void negativeAnswerShouldBeKeptForSoaMinimumOnlyWhenSoaPresent() throws Exception {
        // These domains have SPF but no DMARC record: the DMARC lookup gets NXDOMAIN for _dmarc.<domain>.
        dns.txt("hagiang.gov.vn", "v=spf1 ip4:127.0.0.1 -all").soa("hagiang.gov.vn", 60);
        dns.txt("dienbien.gov.vn", "v=spf1 ip4:127.0.0.1 -all").soa("dienbien.gov.vn", 1);
        dns.txt("laichau.gov.vn", "v=spf1 ip4:127.0.0.1 -all"); // no SOA in its negative answers
        SenderAuthenticator auth = authenticator();
        for (String domain : List.of("hagiang.gov.vn", "dienbien.gov.vn", "laichau.gov.vn")) {
            send(auth, "a@" + domain);
        }
        send(auth, "a@hagiang.gov.vn");
        send(auth, "a@laichau.gov.vn");

        assertThat(dns.queries("_dmarc.hagiang.gov.vn")).as("NXDOMAIN with SOA kept").isEqualTo(1);
        assertThat(dns.queries("_dmarc.laichau.gov.vn")).as("NXDOMAIN without SOA not kept").isEqualTo(2);
        waitPast(1);
        send(auth, "a@dienbien.gov.vn");
        assertThat(dns.queries("_dmarc.dienbien.gov.vn")).as("asked again after the SOA minimum").isEqualTo(2);
    }

    @Test
    void dkimKeyShouldBeFetchedOncePerTtl() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        KeyPair key = gen.generateKeyPair();
        dns.txt("mail._domainkey.stc.daknong.gov.vn",
                "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(key.getPublic().getEncoded()))
                .txt("_dmarc.daknong.gov.vn", "v=DMARC1; p=reject");
        SenderAuthenticator auth = authenticator();
        for (int i = 0; i < 2; i++) {
            byte[] message = ("From: stc@daknong.gov.vn\r\nTo: vanthu@sonla.gov.vn\r\nSubject: So " + i
                    + "\r\n\r\nNoi dung.\r\n").getBytes(StandardCharsets.US_ASCII);
            String header = new DKIMSigner("v=1; a=rsa-sha256; c=relaxed/relaxed; d=stc.daknong.gov.vn; s=mail; "
                    + "h=from:to:subject; bh=; b=;", key.getPrivate()).sign(new ByteArrayInputStream(message));
            byte[] signed = (header + "\r\n" + new String(message, StandardCharsets.US_ASCII))
                    .getBytes(StandardCharsets.US_ASCII);
            AuthenticationReport r = auth.authenticate(InetAddress.getByName("192.0.2.7"), "mx.test",
                    "bounce@other.example", "stc@daknong.gov.vn", new ByteArrayInputStream(signed));
            assertThat(r.dkim()).extracting(AuthenticationReport.Dkim::result).containsExactly("pass");
        }
        assertThat(dns.queries("mail._domainkey.stc.daknong.gov.vn")).isEqualTo(1);
    }

    @Test
    void zeroMaxEntriesShouldTurnTheCacheOff() throws IOException {
        dns.txt("daknong.gov.vn", "v=spf1 ip4:127.0.0.1 -all").txt("_dmarc.daknong.gov.vn", "v=DMARC1; p=reject");
        SenderAuthenticator auth = authenticator(Duration.ofHours(1), 0);
        send(auth, "a@daknong.gov.vn");
        send(auth, "a@daknong.gov.vn");
        assertThat(dns.queries("_dmarc.daknong.gov.vn")).isEqualTo(2);
    }
}
