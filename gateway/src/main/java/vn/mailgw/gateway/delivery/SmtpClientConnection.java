package vn.mailgw.gateway.delivery;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The line-level half of the blocking SMTP client: one socket to the next hop, commands out, replies in.
 * Protocol decisions (what to send, what a reply means) are in {@link SmtpRelay}.
 */
final class SmtpClientConnection implements Closeable {

    /** RFC 5321 4.5.3.1.5: a reply line is at most 512 octets; we allow more but not without bound. */
    private static final int MAX_REPLY_LINE = 4096;
    private static final int MAX_REPLY_LINES = 100;

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final String host;
    private final int port;
    private java.util.Set<String> extensions = java.util.Set.of();
    private boolean finalDotSent;
    private long idleSince = System.nanoTime();

    private SmtpClientConnection(Socket socket, String host, int port) throws IOException {
        this.socket = socket;
        this.host = host;
        this.port = port;
        attachStreams();
    }

    static SmtpClientConnection open(String host, int port, Duration connectTimeout, Duration readTimeout)
            throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), Math.toIntExact(connectTimeout.toMillis()));
            socket.setSoTimeout(Math.toIntExact(readTimeout.toMillis()));
            socket.setTcpNoDelay(true);
            return new SmtpClientConnection(socket, host, port);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private void attachStreams() throws IOException {
        in = new BufferedInputStream(socket.getInputStream(), 8192);
        out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    }

    void setExtensions(java.util.Set<String> keywords) {
        extensions = java.util.Set.copyOf(keywords);
    }

    /** The EHLO keywords of the next hop (upper case). */
    java.util.Set<String> extensions() {
        return extensions;
    }

    /** From here on a failure may mean the next hop has the message: never retried elsewhere. */
    void markFinalDotSent() {
        finalDotSent = true;
    }

    boolean finalDotSent() {
        return finalDotSent;
    }

    void markIdle() {
        finalDotSent = false;
        idleSince = System.nanoTime();
    }

    long idleFor() {
        return System.nanoTime() - idleSince;
    }

    void closeQuietly() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do: the connection is gone either way
        }
    }

    /** Says QUIT (waiting briefly for the reply) and closes. */
    void quitQuietly() {
        try {
            socket.setSoTimeout(2000);
            sendCommand("QUIT");
            readReply();
        } catch (IOException ignored) {
            // the next hop may already have closed the connection
        }
        closeQuietly();
    }

    void setReadTimeout(Duration timeout) throws IOException {
        socket.setSoTimeout(Math.toIntExact(timeout.toMillis()));
    }

    /** Wraps the socket in TLS after a 220 to STARTTLS. The old buffers are dropped (nothing may be pending). */
    void upgradeToTls(SSLSocketFactory factory, boolean verifyHostname) throws IOException {
        SSLSocket tls = (SSLSocket) factory.createSocket(socket, host, port, true);
        if (verifyHostname) {
            var params = tls.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(params);
        }
        tls.setUseClientMode(true);
        tls.startHandshake();
        socket = tls;
        attachStreams();
    }

    void sendCommand(String command) throws IOException {
        queueCommand(command);
        flush();
    }

    /** Buffers a command without sending it: pipelined commands (RFC 2920) go out together on {@link #flush}. */
    void queueCommand(String command) throws IOException {
        out.write((command + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    void flush() throws IOException {
        out.flush();
    }

    /** The raw data stream (for DATA content); the caller flushes. */
    OutputStream dataStream() {
        return out;
    }

    NextHopReply readReply() throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = readLine();
            if (line.length() < 3 || !Character.isDigit(line.charAt(0)) || !Character.isDigit(line.charAt(1))
                    || !Character.isDigit(line.charAt(2))) {
                throw new IOException("malformed reply from next hop: " + printable(line));
            }
            int code = Integer.parseInt(line.substring(0, 3));
            boolean more = line.length() > 3 && line.charAt(3) == '-';
            lines.add(line.length() > 4 ? line.substring(4) : "");
            if (!more) {
                return new NextHopReply(code, lines);
            }
            if (lines.size() > MAX_REPLY_LINES) {
                throw new IOException("next hop reply has too many lines");
            }
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("next hop closed the connection");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            if (line.size() >= MAX_REPLY_LINE) {
                throw new IOException("next hop reply line too long");
            }
            line.write(b);
        }
    }

    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < 300; i++) {
            char c = text.charAt(i);
            out.append(c >= 32 && c != 127 ? c : '?');
        }
        return out.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
