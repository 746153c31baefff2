package vn.mailgw.validation.signature;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.cert.ocsp.jcajce.JcaBasicOCSPRespBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import vn.mailgw.validation.signing.CertificateAuthority;

/**
 * A real OCSP responder and CRL server over HTTP on 127.0.0.1 (ephemeral port), for revocation
 * tests: DSS's online sources fetch from it exactly as from a CA. Lives in test code because the
 * validation module opens no server sockets.
 */
final class DemoRevocationServer implements AutoCloseable {

    enum Status { GOOD, REVOKED, UNKNOWN }

    private final HttpServer server;
    private final Map<String, CertificateAuthority> crlIssuers = new ConcurrentHashMap<>();
    private final Map<BigInteger, Status> statuses = new ConcurrentHashMap<>();
    private final Map<BigInteger, Instant> revokedAt = new ConcurrentHashMap<>();
    private volatile CertificateAuthority ocspIssuer;
    final AtomicInteger ocspRequests = new AtomicInteger();

    DemoRevocationServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ocsp", this::ocsp);
        server.createContext("/crl/", this::crl);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String ocspUrl() {
        return baseUrl() + "/ocsp";
    }

    String crlUrl(String name) {
        return baseUrl() + "/crl/" + name + ".crl";
    }

    void serveCrl(String name, CertificateAuthority issuer) {
        crlIssuers.put(name, issuer);
    }

    void answerOcspFor(CertificateAuthority issuer) {
        ocspIssuer = issuer;
    }

    void setStatus(X509Certificate cert, Status status, Instant revocationTime) {
        statuses.put(cert.getSerialNumber(), status);
        if (status == Status.REVOKED) {
            revokedAt.put(cert.getSerialNumber(), revocationTime);
        }
    }

    private void crl(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String name = path.substring("/crl/".length()).replace(".crl", "");
        CertificateAuthority issuer = crlIssuers.get(name);
        if (issuer == null) {
            send(exchange, 404, new byte[0], "text/plain");
            return;
        }
        Instant now = Instant.now();
        Map<BigInteger, Instant> revoked = new ConcurrentHashMap<>();
        revokedAt.forEach((serial, when) -> revoked.put(serial, when));
        byte[] crl;
        try {
            crl = issuer.crl(revoked, now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofDays(1))).getEncoded();
        } catch (java.security.cert.CRLException e) {
            throw new IOException(e);
        }
        send(exchange, 200, crl, "application/pkix-crl");
    }

    private void ocsp(HttpExchange exchange) throws IOException {
        ocspRequests.incrementAndGet();
        try (InputStream in = exchange.getRequestBody()) {
            OCSPReq request = new OCSPReq(in.readAllBytes());
            CertificateAuthority issuer = ocspIssuer;
            X509Certificate issuerCert = issuer.certificate().certificate();
            BasicOCSPRespBuilder builder = new JcaBasicOCSPRespBuilder(issuerCert.getPublicKey(),
                    new JcaDigestCalculatorProviderBuilder().build().get(RespID.HASH_SHA1));
            Instant now = Instant.now();
            for (Req r : request.getRequestList()) {
                BigInteger serial = r.getCertID().getSerialNumber();
                Status status = statuses.getOrDefault(serial, Status.UNKNOWN);
                CertificateStatus answer = switch (status) {
                    case GOOD -> CertificateStatus.GOOD;
                    case REVOKED -> new RevokedStatus(Date.from(revokedAt.get(serial)), CRLReason.keyCompromise);
                    case UNKNOWN -> new UnknownStatus();
                };
                builder.addResponse(r.getCertID(), answer, Date.from(now.minus(Duration.ofMinutes(1))),
                        Date.from(now.plus(Duration.ofHours(1))), null);
            }
            var nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
            if (nonce != null) {
                builder.setResponseExtensions(new Extensions(nonce));
            }
            BasicOCSPResp basic = builder.build(new JcaContentSignerBuilder("SHA256withRSA")
                    .build(issuer.certificate().privateKey()),
                    new X509CertificateHolder[] {new JcaX509CertificateHolder(issuerCert)}, Date.from(now));
            byte[] body = new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
            send(exchange, 200, body, "application/ocsp-response");
        } catch (Exception e) {
            send(exchange, 500, new byte[0], "text/plain");
        }
    }

    private static void send(HttpExchange exchange, int code, byte[] body, String type) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
