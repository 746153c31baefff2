package vn.mailgw.gateway.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.mailgw.trust.anchors.TrustConfig;
import vn.mailgw.trust.anchors.TrustStore;
import vn.mailgw.validation.signing.CertificateAuthority;
import vn.mailgw.validation.signing.CertificateProfile;
import vn.mailgw.validation.signing.VnSubject;

/** The gateway sees a certificate added to the trust folder, but looks at the folder at most once per interval. */
class WatchedTrustFolderTest {

    @Test
    void getShouldPublishANewAnchorOnlyAfterTheReloadInterval(@TempDir Path folder) throws Exception {
        Instant start = Instant.parse("2026-11-22T08:00:00Z");
        AtomicReference<Instant> now = new AtomicReference<>(start);
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        TrustStore store = TrustStore.open(new TrustConfig(folder, Duration.ofSeconds(30),
                TrustConfig.DEFAULT_EXPIRY_WARNING), clock);
        WatchedTrustFolder trust = new WatchedTrustFolder(store, clock);
        assertThat(trust.get().certificates()).isEmpty();

        CertificateAuthority root = CertificateAuthority.root(VnSubject.ca("DEMO Reload Root", "DEMO"),
                CertificateProfile.valid(start.minus(Duration.ofDays(1)), start.plus(Duration.ofDays(365))),
                CertificateAuthority.seededRandom("reload"));
        Files.write(folder.resolve("reload-root.cer"), root.certificate().certificate().getEncoded());
        Files.writeString(folder.resolve("trust-manifest.yaml"), "entries:\n  - file: reload-root.cer\n    family: test\n");

        now.set(start.plusSeconds(10));
        assertThat(trust.get().certificates()).as("not looked at again within the interval").isEmpty();
        now.set(start.plusSeconds(31));
        assertThat(trust.get().certificates()).singleElement()
                .satisfies(c -> assertThat(c.subject()).contains("DEMO Reload Root"));
    }
}
