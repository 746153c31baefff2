package vn.mailgw.validation.signing;


import eu.europa.esig.dss.asic.cades.ASiCWithCAdESSignatureParameters;
import eu.europa.esig.dss.asic.cades.signature.ASiCWithCAdESService;
import eu.europa.esig.dss.asic.xades.ASiCWithXAdESSignatureParameters;
import eu.europa.esig.dss.asic.xades.signature.ASiCWithXAdESService;
import eu.europa.esig.dss.cades.CAdESSignatureParameters;
import eu.europa.esig.dss.cades.signature.CAdESService;
import eu.europa.esig.dss.enumerations.ASiCContainerType;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.enumerations.SignaturePackaging;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.ToBeSigned;

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
            DocumentSigner.fill(params, signer, options);
            ASiCWithCAdESService service = new ASiCWithCAdESService(DocumentSigner.lenientVerifier());
            ToBeSigned toBeSigned = service.getDataToSign(document, params);
            return DocumentSigner.bytesOf(service.signDocument(document, params,
                    DocumentSigner.sign(toBeSigned, signer, params.getSignatureAlgorithm())));
        }
        ASiCWithXAdESSignatureParameters params = new ASiCWithXAdESSignatureParameters();
        params.setSignatureLevel(SignatureLevel.XAdES_BASELINE_B);
        params.aSiC().setContainerType(type);
        DocumentSigner.fill(params, signer, options);
        ASiCWithXAdESService service = new ASiCWithXAdESService(DocumentSigner.lenientVerifier());
        ToBeSigned toBeSigned = service.getDataToSign(document, params);
        return DocumentSigner.bytesOf(service.signDocument(document, params,
                DocumentSigner.sign(toBeSigned, signer, params.getSignatureAlgorithm())));
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
        DocumentSigner.fill(params, signer, options);
        CAdESService service = new CAdESService(DocumentSigner.lenientVerifier());
        DSSDocument document = new InMemoryDocument(content, fileName);
        ToBeSigned toBeSigned = service.getDataToSign(document, params);
        return DocumentSigner.bytesOf(service.signDocument(document, params,
                DocumentSigner.sign(toBeSigned, signer, params.getSignatureAlgorithm())));
    }
}
