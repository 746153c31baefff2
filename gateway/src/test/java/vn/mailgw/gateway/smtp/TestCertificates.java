package vn.mailgw.gateway.smtp;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed server certificate for STARTTLS tests, made with BouncyCastle (EC P-256: instant,
 * unlike RSA key generation on a busy machine), written as PEM files and as a PKCS#12 key store,
 * and a client SSLContext that trusts exactly this certificate.
 */
final class TestCertificates {

    static final String KEY_STORE_PASSWORD = "changeit";

    private final Path directory;
    private final X509Certificate certificate;
    private final Path certificatePem;
    private final Path privateKeyPem;
    private final Path keyStore;

    TestCertificates() {
        try {
            directory = Files.createTempDirectory("smtp-tls");
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            X500Name name = new X500Name("CN=localhost");
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), name, pair.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            certificatePem = directory.resolve("cert.pem");
            privateKeyPem = directory.resolve("key.pem");
            writePem(certificatePem, certificate);
            writePem(privateKeyPem, new JcaPKCS8Generator(pair.getPrivate(), null)); // "PRIVATE KEY" (PKCS#8)
            keyStore = directory.resolve("server.p12");
            KeyStore p12 = KeyStore.getInstance("PKCS12");
            p12.load(null, null);
            p12.setKeyEntry("server", pair.getPrivate(), KEY_STORE_PASSWORD.toCharArray(), new Certificate[] {certificate});
            try (OutputStream out = Files.newOutputStream(keyStore)) {
                p12.store(out, KEY_STORE_PASSWORD.toCharArray());
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the test certificate", e);
        }
    }

    private static void writePem(Path file, Object object) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII); JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(object);
        }
    }

    SmtpTlsConfig tlsConfig() {
        return new SmtpTlsConfig.PemFiles(certificatePem, privateKeyPem);
    }

    SmtpTlsConfig keyStoreConfig() {
        return new SmtpTlsConfig.KeyStoreFile(keyStore, KEY_STORE_PASSWORD, "PKCS12");
    }

    SSLContext clientContext() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("gateway", certificate);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    void delete() {
        for (Path p : new Path[] {certificatePem, privateKeyPem, keyStore, directory}) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // a temp file left behind is harmless
            }
        }
    }
}
