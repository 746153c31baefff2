package vn.mailgw.samples;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Publishes the demo CAs' CRLs over HTTP on loopback (the JDK's own server), so the signature engine checks
 * revocation of demo certificates online exactly as it does for real Vietnamese CAs.
 */
public final class DemoCrlServer implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, byte[]> crls = new ConcurrentHashMap<>();

    public DemoCrlServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = crls.get(exchange.getRequestURI().getPath());
            try (OutputStream out = exchange.getResponseBody()) {
                if (body == null) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                exchange.getResponseHeaders().set("Content-Type", "application/pkix-crl");
                exchange.sendResponseHeaders(200, body.length);
                out.write(body);
            }
        });
        server.start();
    }

    /** The URL a certificate's CRL distribution point names for {@code name}, e.g. "sub" → http://127.0.0.1:p/sub.crl. */
    public String url(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name + ".crl";
    }

    public void publish(String name, X509CRL crl) {
        try {
            crls.put("/" + name + ".crl", crl.getEncoded());
        } catch (CRLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
