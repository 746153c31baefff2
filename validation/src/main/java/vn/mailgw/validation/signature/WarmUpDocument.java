package vn.mailgw.validation.signature;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import eu.europa.esig.dss.enumerations.ASiCContainerType;

import vn.mailgw.trust.anchors.AnchorFamily;
import vn.mailgw.trust.anchors.TrustSnapshot;
import vn.mailgw.trust.anchors.TrustedCertificate;
import vn.mailgw.validation.signing.CertificateAuthority;
import vn.mailgw.validation.signing.CertificateProfile;
import vn.mailgw.validation.signing.ContainerSigner;
import vn.mailgw.validation.signing.DocumentSigner;
import vn.mailgw.validation.signing.IssuedCertificate;
import vn.mailgw.validation.signing.OfficeSigner;
import vn.mailgw.validation.signing.SampleOfficeWriter;
import vn.mailgw.validation.signing.SamplePdfWriter;
import vn.mailgw.validation.signing.SignOptions;
import vn.mailgw.validation.signing.VnSubject;

/**
 * Throw-away signed documents and a trust snapshot to warm the engine with: a PDF (every DSS and PDFBox path of a
 * real one), a .docx and an ASiC-E (the POI/xmlsec and DSS container paths).
 */
final class WarmUpDocument {

    private static final Instant NOW = Instant.now();
    private static final CertificateAuthority ROOT = CertificateAuthority.root(
            VnSubject.ca("DEMO Warm-up Root", "mailgw DEMO"),
            CertificateProfile.valid(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(3650))),
            CertificateAuthority.seededRandom("mailgw warm-up"));

    private WarmUpDocument() {}

    /** One signer for all warm-up documents: RSA key generation is the slow part of the warm-up. */
    private static IssuedCertificate signer() {
        return SIGNER;
    }

    private static final IssuedCertificate SIGNER = newSigner();

    private static IssuedCertificate newSigner() {
        return ROOT.issue(VnSubject.agency("DEMO Sở Khởi động", "Ủy ban nhân dân tỉnh Demo", "Demo",
                        "warmup@demo.gov.vn", "0000000000", "0000000"),
                CertificateProfile.valid(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(365))));
    }

    static byte[] signedPdf() {
        return DocumentSigner.signPdf(SamplePdfWriter.vietnameseDecision("1/2026/QĐ-DEMO", "DEMO"), signer(),
                SignOptions.at(NOW));
    }

    /** A signed .docx (POI + xmlsec path) and the same file in a signed ASiC-E (DSS container path). */
    static List<byte[]> signedOfficeAndContainer() {
        IssuedCertificate signer = signer();
        byte[] docx = SampleOfficeWriter.docx("KẾ HOẠCH khởi động");
        return List.of(OfficeSigner.signOoxml(docx, signer, SignOptions.at(NOW)),
                ContainerSigner.signAsic(docx, "warm-up.docx", signer, SignOptions.at(NOW), ASiCContainerType.ASiC_E,
                        ContainerSigner.Flavour.XADES));
    }

    static TrustSnapshot trust() {
        return TrustSnapshot.of("warm-up", List.of(TrustedCertificate.of(ROOT.certificate().certificate(),
                AnchorFamily.TEST, "warm-up", true)), NOW);
    }
}
