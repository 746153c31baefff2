package vn.mailgw.validation.signature;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import vn.mailgw.trust.anchors.AnchorFamily;
import vn.mailgw.trust.anchors.TrustSnapshot;
import vn.mailgw.trust.anchors.TrustedCertificate;
import vn.mailgw.validation.signing.CertificateAuthority;
import vn.mailgw.validation.signing.CertificateProfile;
import vn.mailgw.validation.signing.DemoTimestampAuthority;
import vn.mailgw.validation.signing.IssuedCertificate;
import vn.mailgw.validation.signing.VnSubject;

/**
 * A demo PKI for tests, shaped like Vietnam's: a DEMO government root, an intermediate issuing
 * agency certificates (with OCSP and CRL on a loopback server), a TSA, and odd certificates
 * (expired, SHA-1, encryption-only, from an untrusted root). Built once per test class (RSA keys are slow).
 */
final class DemoPki implements AutoCloseable {

    final Instant now = Instant.now();
    final DemoRevocationServer revocation;
    final CertificateAuthority root;
    final CertificateAuthority agencyCa;
    final IssuedCertificate agency;
    final IssuedCertificate official;
    final IssuedCertificate revoked;
    final IssuedCertificate unknownStatus;
    final IssuedCertificate expired;
    final IssuedCertificate sha1;
    final IssuedCertificate encryptionOnly;
    final IssuedCertificate responderDown;
    final IssuedCertificate untrusted;
    final DemoTimestampAuthority tsa;

    DemoPki() throws IOException {
        revocation = new DemoRevocationServer();
        Instant from = now.minus(Duration.ofDays(30));
        Instant to = now.plus(Duration.ofDays(365));
        root = CertificateAuthority.root(VnSubject.ca("DEMO RootCA Chính phủ", "Ban Cơ yếu Chính phủ DEMO"),
                CertificateProfile.valid(from, to.plus(Duration.ofDays(3650))), CertificateAuthority.seededRandom("demo-root"));
        agencyCa = root.intermediate(VnSubject.ca("DEMO CA phục vụ các cơ quan Nhà nước", "Ban Cơ yếu Chính phủ DEMO"),
                CertificateProfile.valid(from, to.plus(Duration.ofDays(1000))).withRevocationUrls(null, revocation.crlUrl("root")));
        revocation.serveCrl("root", root);
        revocation.serveCrl("agency-ca", agencyCa);
        revocation.answerOcspFor(agencyCa);

        CertificateProfile withOcsp = CertificateProfile.valid(from, to)
                .withRevocationUrls(revocation.ocspUrl(), revocation.crlUrl("agency-ca"));
        agency = agencyCa.issue(VnSubject.agency("Sở Tài chính", "Ủy ban nhân dân tỉnh Demo", "Demo", "stc@demo.gov.vn",
                "0100000001", "1000001"), withOcsp);
        official = agencyCa.issue(VnSubject.person("Nguyễn Văn An", "Demo", "001090000001")
                .withOrganizationalUnit("Sở Tài chính"), withOcsp);
        revoked = agencyCa.issue(VnSubject.agency("Sở Thu hồi", "Ủy ban nhân dân tỉnh Demo", "Demo", "sth@demo.gov.vn",
                "0100000002", "1000002"), withOcsp);
        unknownStatus = agencyCa.issue(VnSubject.ca("Sở Không rõ", "Ủy ban nhân dân tỉnh Demo"),
                CertificateProfile.valid(from, to).withRevocationUrls(revocation.ocspUrl(), null));
        expired = agencyCa.issue(VnSubject.ca("Sở Hết hạn", "Ủy ban nhân dân tỉnh Demo"),
                CertificateProfile.valid(from, now.minus(Duration.ofDays(2))).withRevocationUrls(revocation.ocspUrl(),
                        revocation.crlUrl("agency-ca")));
        sha1 = agencyCa.issue(VnSubject.ca("Sở SHA1", "Ủy ban nhân dân tỉnh Demo"), withOcsp);
        encryptionOnly = agencyCa.issue(VnSubject.ca("Sở Chỉ mã hóa", "Ủy ban nhân dân tỉnh Demo"), withOcsp.notForSigning());
        responderDown = agencyCa.issue(VnSubject.ca("Sở Mất kết nối", "Ủy ban nhân dân tỉnh Demo"),
                CertificateProfile.valid(from, to).withRevocationUrls("http://127.0.0.1:9/ocsp", "http://127.0.0.1:9/crl.crl"));
        CertificateAuthority rogue = CertificateAuthority.root(VnSubject.ca("DEMO Rogue Root", "Không tin cậy"),
                CertificateProfile.valid(from, to), CertificateAuthority.seededRandom("demo-rogue"));
        untrusted = rogue.issue(VnSubject.ca("Sở Giả mạo", "Ủy ban nhân dân tỉnh Demo"), CertificateProfile.valid(from, to));
        tsa = new DemoTimestampAuthority(root.issueTimestampUnit(VnSubject.ca("DEMO TSA", "Ban Cơ yếu Chính phủ DEMO"),
                CertificateProfile.valid(from, to).withRevocationUrls(null, revocation.crlUrl("root"))), Instant::now);

        for (IssuedCertificate good : List.of(agency, official, sha1, encryptionOnly, expired)) {
            revocation.setStatus(good.certificate(), DemoRevocationServer.Status.GOOD, null);
        }
        revocation.setStatus(revoked.certificate(), DemoRevocationServer.Status.REVOKED, now.minus(Duration.ofDays(1)));
    }

    TrustSnapshot trust() {
        return TrustSnapshot.of("demo", List.of(TrustedCertificate.of(root.certificate().certificate(),
                AnchorFamily.GOVERNMENT, "demo-root.pem", true)), now);
    }

    @Override
    public void close() {
        revocation.close();
    }
}
