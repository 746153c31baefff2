package vn.mailgw.validation.signing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Date;

import javax.xml.crypto.MarshalException;
import javax.xml.crypto.dsig.XMLSignatureException;

import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.poifs.crypt.HashAlgorithm;
import org.apache.poi.poifs.crypt.dsig.SignatureConfig;
import org.apache.poi.poifs.crypt.dsig.SignatureInfo;

/**
 * Signs Office Open XML packages (.docx, .xlsx, .pptx) the way Word's "Add a digital signature" does:
 * an XML-DSig package signature with XAdES properties in {@code /_xmlsignatures/}, made with Apache
 * POI. For tests and the demo province (demo keys only).
 */
public final class OfficeSigner {

    private OfficeSigner() {}

    /** Adds one package signature; call again on the result for a second signer. */
    public static byte[] signOoxml(byte[] ooxml, IssuedCertificate signer, SignOptions options) {
        SignatureConfig config = new SignatureConfig();
        config.setKey(signer.privateKey());
        config.setSigningCertificateChain(signer.fullChain());
        config.setExecutionTime(Date.from(options.signingTime()));
        config.setDigestAlgo(HashAlgorithm.sha256);
        config.setAllowMultipleSignatures(true);
        config.setSignatureDescription(options.reason());
        try (OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(ooxml));
             ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            SignatureInfo info = new SignatureInfo();
            info.setSignatureConfig(config);
            info.setOpcPackage(pkg);
            info.confirmSignature();
            pkg.save(out);
            return out.toByteArray();
        } catch (IOException | InvalidFormatException | XMLSignatureException | MarshalException e) {
            throw new IllegalStateException("cannot sign the OOXML package: " + e.getMessage(), e);
        }
    }
}
