package vn.mailgw.validation.signature;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import vn.mailgw.trust.anchors.AnchorFamily;
import vn.mailgw.trust.anchors.TrustSnapshot;
import vn.mailgw.trust.anchors.TrustedCertificate;
import vn.mailgw.validation.signing.CertificateAuthority;
import vn.mailgw.validation.signing.CertificateProfile;
import vn.mailgw.validation.signing.DocumentSigner;
import vn.mailgw.validation.signing.IssuedCertificate;
import vn.mailgw.validation.signing.SamplePdfWriter;
import vn.mailgw.validation.signing.SignOptions;
import vn.mailgw.validation.signing.VnSubject;

/** A throw-away signed PDF and trust snapshot to warm the engine with (every DSS and PDFBox path of a real one). */
final class WarmUpDocument {

    private static final Instant NOW = Instant.now();
    private static final CertificateAuthority ROOT = CertificateAuthority.root(
            VnSubject.ca("DEMO Warm-up Root", "mailgw DEMO"),
            CertificateProfile.valid(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(3650))),
            CertificateAuthority.seededRandom("mailgw warm-up"));

    private WarmUpDocument() {}

    static byte[] signedPdf() {
        IssuedCertificate signer = ROOT.issue(VnSubject.agency("DEMO Sở Khởi động", "Ủy ban nhân dân tỉnh Demo", "Demo",
                        "warmup@demo.gov.vn", "0000000000", "0000000"),
                CertificateProfile.valid(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(365))));
        return DocumentSigner.signPdf(SamplePdfWriter.vietnameseDecision("1/2026/QĐ-DEMO", "DEMO"), signer,
                SignOptions.at(NOW));
    }

    static TrustSnapshot trust() {
        return TrustSnapshot.of("warm-up", List.of(TrustedCertificate.of(ROOT.certificate().certificate(),
                AnchorFamily.TEST, "warm-up", true)), NOW);
    }
}
