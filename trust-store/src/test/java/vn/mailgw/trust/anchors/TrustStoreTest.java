package vn.mailgw.trust.anchors;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustStoreTest {

    private static final Path VIETNAM = Path.of(System.getProperty("shared.dir", "../../shared"), "trust-anchors", "vietnam");
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void openShouldLoadAndChainVietnameseCasWhenFolderHasNoManifest() throws Exception {
        TrustSnapshot snapshot = TrustStore.open(TrustConfig.forFolder(VIETNAM), CLOCK).current();

        assertThat(snapshot.problems()).isEmpty();
        assertThat(snapshot.certificates()).hasSize(4);
        TrustedCertificate nationalRoot = snapshot
                .bySha256("BAC8BF609AB420A8EE1780D74F4DE5C7F7184959D2A7375B0A75E4C29F0908E7").orElseThrow();
        TrustedCertificate rootG2 = snapshot
                .bySha256("F04BA4B459A7C9A1B971AD9B1CB833E695A80C79AEA63B174B66A70EDFE2FDB8").orElseThrow();
        TrustedCertificate cpcaG2 = snapshot
                .bySha256("D8CAB7A4AEF92E6BB2509D7C61CEE7B44F3731B2D21074963530277B366FAE4B").orElseThrow();
        TrustedCertificate vnpt = snapshot
                .bySha256("7D6BA5245317F9ED5D8BC765A4634D26AC6340D36B9F584DF3B52D9C4A81A306").orElseThrow();

        assertThat(nationalRoot.anchor()).isTrue();
        assertThat(nationalRoot.family()).isEqualTo(AnchorFamily.NATIONAL_ROOT);
        assertThat(rootG2.anchor()).isTrue();
        assertThat(vnpt.anchor()).isFalse();
        assertThat(cpcaG2.anchor()).isFalse();
        assertThat(vnpt.family()).isEqualTo(AnchorFamily.PUBLIC_LICENSED);
        assertThat(cpcaG2.family()).isEqualTo(AnchorFamily.GOVERNMENT);
        // The chains are checked by signature, not by name.
        assertThat(AnchorListing.issuerOf(snapshot, vnpt)).contains(nationalRoot);
        assertThat(AnchorListing.issuerOf(snapshot, cpcaG2)).contains(rootG2);
        assertThat(AnchorListing.issuerOf(snapshot, nationalRoot)).isEmpty();
    }

    @Test
    void listShouldWarnWhenAnchorExpiredOrExpiringSoon(@TempDir Path dir) throws Exception {
        X509Certificate expired = TestCertificates.selfSignedCa("DEMO Expired", NOW.minus(Duration.ofDays(400)),
                NOW.minus(Duration.ofDays(1)));
        X509Certificate soon = TestCertificates.selfSignedCa("DEMO Soon", NOW.minus(Duration.ofDays(400)),
                NOW.plus(Duration.ofDays(10)));
        X509Certificate fine = TestCertificates.selfSignedCa("DEMO Fine", NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(1000)));
        Files.write(dir.resolve("expired.pem"), pem(expired));
        Files.write(dir.resolve("soon.der"), soon.getEncoded());
        Files.write(dir.resolve("fine.crt"), pem(fine));
        writeManifest(dir, "  - file: expired.pem\n    family: test\n  - file: soon.der\n    family: test\n"
                + "  - file: fine.crt\n    family: test\n");

        TrustSnapshot snapshot = TrustStore.open(TrustConfig.forFolder(dir), CLOCK).current();
        List<AnchorListing.Line> lines = AnchorListing.list(snapshot, NOW, Duration.ofDays(90));

        assertThat(lines).extracting(l -> l.certificate().sourceFile() + "=" + l.status())
                .containsExactlyInAnyOrder("expired.pem=EXPIRED", "soon.der=EXPIRING_SOON", "fine.crt=OK");
        assertThat(AnchorListing.warnings(snapshot, lines)).hasSize(2)
                .anySatisfy(w -> assertThat(w).contains("DEMO Expired").contains("EXPIRED"));
    }

    @Test
    void openShouldReadP7bAndPkcs12AndReportUntaggedAndBrokenFilesWhenManifestTagsSome(@TempDir Path dir)
            throws Exception {
        X509Certificate a = TestCertificates.selfSignedCa("DEMO A", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(9)));
        X509Certificate b = TestCertificates.selfSignedCa("DEMO B", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(9)));
        X509Certificate c = TestCertificates.selfSignedCa("DEMO C", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(9)));
        Files.write(dir.resolve("bundle.p7b"), CertificateFactory.getInstance("X.509")
                .generateCertPath(List.of(a, b)).getEncoded("PKCS7"));
        KeyStore p12 = KeyStore.getInstance("PKCS12");
        p12.load(null, null);
        p12.setCertificateEntry("c", c);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p12.store(out, "demo-only".toCharArray());
        Files.write(dir.resolve("store.p12"), out.toByteArray());
        Files.writeString(dir.resolve("broken.pem"), "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n");
        Files.write(dir.resolve("untagged.der"), TestCertificates.selfSignedCa("DEMO Untagged",
                NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(9))).getEncoded());
        writeManifest(dir, "  - file: bundle.p7b\n    family: government\n"
                + "  - file: store.p12\n    family: public-licensed\n    password: demo-only\n"
                + "  - file: broken.pem\n    family: test\n");

        TrustSnapshot snapshot = TrustStore.open(TrustConfig.forFolder(dir), CLOCK).current();

        assertThat(snapshot.certificates()).extracting(t -> t.family() + ":" + t.subject().replaceAll(".*CN=([^,]+).*", "$1"))
                .containsExactlyInAnyOrder("GOVERNMENT:DEMO A", "GOVERNMENT:DEMO B", "PUBLIC_LICENSED:DEMO C");
        assertThat(snapshot.problems()).hasSize(2)
                .anySatisfy(p -> assertThat(p).startsWith("broken.pem: cannot be read"))
                .anySatisfy(p -> assertThat(p).startsWith("untagged.der").contains("not tagged"));
    }

    @Test
    void reloadIfChangedShouldPublishNewSnapshotWhenFileAddedAndKeepOldWhenUnchanged(@TempDir Path dir) throws Exception {
        X509Certificate first = TestCertificates.selfSignedCa("DEMO First", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(9)));
        Files.write(dir.resolve("first.pem"), pem(first));
        writeManifest(dir, "  - file: first.pem\n    family: test\n  - file: second.pem\n    family: test\n");
        TrustStore store = TrustStore.open(TrustConfig.forFolder(dir), CLOCK);
        TrustSnapshot before = store.current();

        assertThat(store.reloadIfChanged()).isFalse();
        assertThat(store.current()).isSameAs(before);

        Path second = dir.resolve("second.pem");
        Files.write(second, pem(TestCertificates.selfSignedCa("DEMO Second", NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(9)))));
        Files.setLastModifiedTime(second, FileTime.from(NOW));

        assertThat(store.reloadIfChanged()).isTrue();
        assertThat(store.current().certificates()).hasSize(2);
        assertThat(store.current().generation()).isGreaterThan(before.generation());
        assertThat(before.certificates()).hasSize(1); // the old snapshot is immutable
    }

    private static void writeManifest(Path dir, String entries) throws Exception {
        Files.writeString(dir.resolve(TrustManifest.FILE_NAME), "entries:\n" + entries, StandardCharsets.UTF_8);
    }

    private static byte[] pem(X509Certificate cert) throws Exception {
        return ("-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(cert.getEncoded()) + "\n-----END CERTIFICATE-----\n").getBytes(StandardCharsets.US_ASCII);
    }
}
