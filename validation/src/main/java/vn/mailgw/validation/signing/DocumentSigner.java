package vn.mailgw.validation.signing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Date;

import eu.europa.esig.dss.alert.LogOnStatusAlert;
import eu.europa.esig.dss.cades.signature.CAdESService;
import eu.europa.esig.dss.cades.CAdESSignatureParameters;
import eu.europa.esig.dss.enumerations.EncryptionAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.enumerations.SignaturePackaging;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.pades.PAdESSignatureParameters;
import eu.europa.esig.dss.pades.SignatureFieldParameters;
import eu.europa.esig.dss.pades.SignatureImageParameters;
import eu.europa.esig.dss.pades.SignatureImageTextParameters;
import eu.europa.esig.dss.pades.signature.PAdESService;
import eu.europa.esig.dss.pdf.PdfPermissionsChecker;
import eu.europa.esig.dss.pdf.PdfSignatureFieldPositionChecker;
import eu.europa.esig.dss.pdf.pdfbox.PdfBoxNativeObjectFactory;
import eu.europa.esig.dss.signature.AbstractSignatureParameters;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;

/**
 * Signs documents with DSS for tests and the demo province: PAdES in a PDF (call again on the
 * result for a second signature: the official, then the agency) and detached CAdES (.p7s). The
 * private key signs through plain JCA, so no DSS token module is needed.
 */
public final class DocumentSigner {

    private DocumentSigner() {}

    /** Adds one PAdES signature (BASELINE-B, or -T with a TSA) as an incremental update. */
    public static byte[] signPdf(byte[] pdf, IssuedCertificate signer, SignOptions options) {
        PAdESSignatureParameters params = new PAdESSignatureParameters();
        params.setSignatureLevel(options.timestamp().isPresent() ? SignatureLevel.PAdES_BASELINE_T
                : SignatureLevel.PAdES_BASELINE_B);
        fill(params, signer, options);
        params.setReason(options.reason());
        options.certification().ifPresent(params::setPermission);
        params.setImageParameters(imageParameters(options));
        PAdESService service = new PAdESService(lenientVerifier());
        service.setPdfObjFactory(permissivePdfFactory());
        options.timestamp().ifPresent(service::setTspSource);
        DSSDocument document = new InMemoryDocument(pdf, "document.pdf");
        ToBeSigned toBeSigned = service.getDataToSign(document, params);
        SignatureValue value = sign(toBeSigned, signer, params.getSignatureAlgorithm());
        return bytesOf(service.signDocument(document, params, value));
    }

    private static SignatureImageParameters imageParameters(SignOptions options) {
        SignatureImageParameters image = new SignatureImageParameters();
        SignatureFieldParameters field = new SignatureFieldParameters();
        options.box().ifPresent(box -> {
            field.setPage(box.page());
            field.setOriginX(box.left());
            field.setOriginY(box.top());
            field.setWidth(box.width());
            field.setHeight(box.height());
            SignatureImageTextParameters text = new SignatureImageTextParameters();
            text.setText(box.text());
            image.setTextParameters(text);
        });
        image.setFieldParameters(field);
        return image;
    }

    /** A detached CAdES signature over {@code content}: the bytes of a {@code .p7s} file. */
    public static byte[] signDetached(byte[] content, String fileName, IssuedCertificate signer, SignOptions options) {
        CAdESSignatureParameters params = new CAdESSignatureParameters();
        params.setSignatureLevel(options.timestamp().isPresent() ? SignatureLevel.CAdES_BASELINE_T
                : SignatureLevel.CAdES_BASELINE_B);
        params.setSignaturePackaging(SignaturePackaging.DETACHED);
        fill(params, signer, options);
        CAdESService service = new CAdESService(lenientVerifier());
        options.timestamp().ifPresent(service::setTspSource);
        DSSDocument document = new InMemoryDocument(content, fileName);
        ToBeSigned toBeSigned = service.getDataToSign(document, params);
        SignatureValue value = sign(toBeSigned, signer, params.getSignatureAlgorithm());
        return bytesOf(service.signDocument(document, params, value));
    }

    /**
     * DSS refuses by default to sign with an expired or revoked certificate; the samples need exactly
     * such signatures (to show they are refused on validation), so the signer only logs.
     */
    static CommonCertificateVerifier lenientVerifier() {
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        verifier.setAlertOnExpiredCertificate(new LogOnStatusAlert());
        verifier.setAlertOnNotYetValidCertificate(new LogOnStatusAlert());
        verifier.setAlertOnRevokedCertificate(new LogOnStatusAlert());
        verifier.setAlertOnMissingRevocationData(new LogOnStatusAlert());
        return verifier;
    }

    /**
     * DSS also refuses to place a signature box over an existing annotation or to sign a certified
     * (DocMDP P=1) document; the attack samples (sneaky signature, certified then signed) need exactly
     * that, and the validator must catch it, so the signer only logs here too.
     */
    private static PdfBoxNativeObjectFactory permissivePdfFactory() {
        PdfBoxNativeObjectFactory factory = new PdfBoxNativeObjectFactory();
        PdfSignatureFieldPositionChecker position = new PdfSignatureFieldPositionChecker();
        position.setAlertOnSignatureFieldOverlap(new LogOnStatusAlert());
        position.setAlertOnSignatureFieldOutsidePageDimensions(new LogOnStatusAlert());
        factory.setPdfSignatureFieldPositionChecker(position);
        PdfPermissionsChecker permissions = new PdfPermissionsChecker();
        permissions.setAlertOnForbiddenSignatureCreation(new LogOnStatusAlert());
        factory.setPdfPermissionsChecker(permissions);
        return factory;
    }

    static void fill(AbstractSignatureParameters<?> params, IssuedCertificate signer, SignOptions options) {
        params.setSigningCertificate(new CertificateToken(signer.certificate()));
        params.setCertificateChain(signer.chain().stream().map(CertificateToken::new).toList());
        params.setDigestAlgorithm(options.digest());
        params.setEncryptionAlgorithm(EncryptionAlgorithm.forKey(signer.certificate().getPublicKey()));
        params.bLevel().setSigningDate(Date.from(options.signingTime()));
    }

    static SignatureValue sign(ToBeSigned toBeSigned, IssuedCertificate signer, SignatureAlgorithm algorithm) {
        try {
            Signature jca = Signature.getInstance(algorithm.getJCEId());
            jca.initSign(signer.privateKey());
            jca.update(toBeSigned.getBytes());
            return new SignatureValue(algorithm, jca.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with " + algorithm, e);
        }
    }

    static byte[] bytesOf(DSSDocument document) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.writeTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
