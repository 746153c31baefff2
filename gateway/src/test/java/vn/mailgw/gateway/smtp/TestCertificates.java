package vn.mailgw.gateway.smtp;

import io.vertx.core.net.SelfSignedCertificate;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A self-signed server certificate for STARTTLS tests, and a client SSLContext that trusts exactly it. */
final class TestCertificates {

    final SelfSignedCertificate certificate = SelfSignedCertificate.create("localhost");

    SmtpTlsConfig tlsConfig() {
        return new SmtpTlsConfig.PemFiles(Path.of(certificate.certificatePath()), Path.of(certificate.privateKeyPath()));
    }

    SSLContext clientContext() throws Exception {
        Certificate cert;
        try (InputStream in = Files.newInputStream(Path.of(certificate.certificatePath()))) {
            cert = CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("gateway", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    void delete() {
        certificate.delete();
    }
}
