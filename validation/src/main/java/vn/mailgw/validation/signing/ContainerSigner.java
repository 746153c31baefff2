package vn.mailgw.validation.signing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.Date;

import eu.europa.esig.dss.alert.LogOnStatusAlert;
import eu.europa.esig.dss.asic.cades.ASiCWithCAdESSignatureParameters;
import eu.europa.esig.dss.asic.cades.signature.ASiCWithCAdESService;
import eu.europa.esig.dss.asic.xades.ASiCWithXAdESSignatureParameters;
import eu.europa.esig.dss.asic.xades.signature.ASiCWithXAdESService;
import eu.europa.esig.dss.cades.CAdESSignatureParameters;
import eu.europa.esig.dss.cades.signature.CAdESService;
import eu.europa.esig.dss.enumerations.ASiCContainerType;
import eu.europa.esig.dss.enumerations.EncryptionAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.enumerations.SignaturePackaging;
import eu.europa.esig.dss.signature.AbstractSignatureParameters;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;

/**
 * Makes signature containers with DSS for tests and the demo province: ASiC-S / ASiC-E with a CAdES
 * or XAdES signature, an enveloping CMS ({@code .p7m}) and a signed OpenDocument file (XAdES in
 * {@code META-INF/documentsignatures.xml}). The private key signs through plain JCA.
 */
public final class ContainerSigner {

    /** The signature inside an ASiC container (ETSI EN 319 162-1). */
    public enum Flavour { CADES, XADES }

    private ContainerSigner() {}

    /** An ASiC container holding {@code content} as {@code fileName}, signed (level B). */
    public static byte[] signAsic(byte[] content, String fileName, IssuedCertificate signer, SignOptions options,
                                  ASiCContainerType type, Flavour flavour) {
        DSSDocument document = new InMemoryDocument(content, fileName);
        if (flavour == Flavour.CADES) {
            ASiCWithCAdESSignatureParameters params = new ASiCWithCAdESSignatureParameters();
            params.setSignatureLevel(SignatureLevel.CAdES_BASELINE_B);
            params.aSiC().setContainerType(type);
            fill(params, signer, options);
            ASiCWithCAdESService service = new ASiCWithCAdESService(lenientVerifier());
            ToBeSigned toBeSigned = service.getDataToSign(document, params);
            return bytesOf(service.signDocument(document, params, sign(toBeSigned, signer, params.getSignatureAlgorithm())));
        }
        ASiCWithXAdESSignatureParameters params = new ASiCWithXAdESSignatureParameters();
        params.setSignatureLevel(SignatureLevel.XAdES_BASELINE_B);
        params.aSiC().setContainerType(type);
        fill(params, signer, options);
        ASiCWithXAdESService service = new ASiCWithXAdESService(lenientVerifier());
        ToBeSigned toBeSigned = service.getDataToSign(document, params);
        return bytesOf(service.signDocument(document, params, sign(toBeSigned, signer, params.getSignatureAlgorithm())));
    }

    /**
     * Signs an OpenDocument file in place the way LibreOffice does: DSS treats the package as an ASiC-E
     * container and adds {@code META-INF/documentsignatures.xml} covering every entry.
     */
    public static byte[] signOpenDocument(byte[] odf, String fileName, IssuedCertificate signer, SignOptions options) {
        return signAsic(odf, fileName, signer, options, ASiCContainerType.ASiC_E, Flavour.XADES);
    }

    /** An enveloping CMS SignedData (the {@code .p7m} Vietnamese signing tools produce): content inside. */
    public static byte[] signEnveloping(byte[] content, String fileName, IssuedCertificate signer, SignOptions options) {
        CAdESSignatureParameters params = new CAdESSignatureParameters();
        params.setSignatureLevel(SignatureLevel.CAdES_BASELINE_B);
        params.setSignaturePackaging(SignaturePackaging.ENVELOPING);
        fill(params, signer, options);
        CAdESService service = new CAdESService(lenientVerifier());
        DSSDocument document = new InMemoryDocument(content, fileName);
        ToBeSigned toBeSigned = service.getDataToSign(document, params);
        return bytesOf(service.signDocument(document, params, sign(toBeSigned, signer, params.getSignatureAlgorithm())));
    }

    private static void fill(AbstractSignatureParameters<?> params, IssuedCertificate signer,
                             SignOptions options) {
        params.setSigningCertificate(new CertificateToken(signer.certificate()));
        params.setCertificateChain(signer.chain().stream().map(CertificateToken::new).toList());
        params.setDigestAlgorithm(options.digest());
        params.setEncryptionAlgorithm(EncryptionAlgorithm.forKey(signer.certificate().getPublicKey()));
        params.bLevel().setSigningDate(Date.from(options.signingTime()));
    }

    /** As in {@link DocumentSigner}: the samples include expired and revoked signers on purpose. */
    private static CommonCertificateVerifier lenientVerifier() {
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        verifier.setAlertOnExpiredCertificate(new LogOnStatusAlert());
        verifier.setAlertOnNotYetValidCertificate(new LogOnStatusAlert());
        verifier.setAlertOnRevokedCertificate(new LogOnStatusAlert());
        verifier.setAlertOnMissingRevocationData(new LogOnStatusAlert());
        return verifier;
    }

    private static SignatureValue sign(ToBeSigned toBeSigned, IssuedCertificate signer, SignatureAlgorithm algorithm) {
        try {
            Signature jca = Signature.getInstance(algorithm.getJCEId());
            jca.initSign(signer.privateKey());
            jca.update(toBeSigned.getBytes());
            return new SignatureValue(algorithm, jca.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with " + algorithm, e);
        }
    }

    private static byte[] bytesOf(DSSDocument document) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.writeTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
