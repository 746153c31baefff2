package vn.mailgw.gateway.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import vn.mailgw.gateway.testing.SmtpData;

/**
 * The load generator of {@link VerdictLoadRun}: a plain SMTP client on a socket that sends one prepared message
 * (dot-stuffed once, at construction) and checks every reply. It shares the two cores with the gateway it
 * measures, so it should cost next to nothing: Jakarta Mail's client parsed the message again and wrote it
 * byte by byte through its CRLF and dot-stuffing streams for every send, which JFR showed as almost a fifth of
 * the CPU of the gateway phase. The gateway receives byte for byte the same DATA as from Jakarta Mail.
 */
final class BenchSmtpClient {

    private final InetSocketAddress server;
    private final String helo;
    private final String mailFrom;
    private final List<String> recipients;
    /** The DATA payload as sent: dot-stuffed, CRLF line ends, ending with CRLF "." CRLF. */
    private final byte[] data;

    BenchSmtpClient(String host, int port, String helo, String mailFrom, List<String> recipients, byte[] eml) {
        this.server = new InetSocketAddress(host, port);
        this.helo = helo;
        this.mailFrom = mailFrom;
        this.recipients = List.copyOf(recipients);
        this.data = dataPayload(eml);
    }

    /** Sends the message once on a new connection; returns the final reply (code and text) to DATA. */
    String send() {
        try (Socket socket = new Socket()) {
            socket.connect(server, 10_000);
            socket.setSoTimeout(120_000);
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            expect(in, 220, "greeting");
            command(out, in, "EHLO " + helo, 250);
            command(out, in, "MAIL FROM:<" + mailFrom + "> SIZE=" + data.length, 250);
            for (String rcpt : recipients) {
                command(out, in, "RCPT TO:<" + rcpt + ">", 250);
            }
            command(out, in, "DATA", 354);
            out.write(data);
            out.flush();
            String reply = readReply(in);
            command(out, in, "QUIT", 221);
            return reply;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void command(OutputStream out, InputStream in, String line, int expected) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        expect(in, expected, line);
    }

    private static void expect(InputStream in, int expected, String after) throws IOException {
        String reply = readReply(in);
        if (!reply.startsWith(String.valueOf(expected))) {
            throw new IOException("after " + after + ": expected " + expected + ", got " + reply);
        }
    }

    /** A whole reply, multi-line ones ("250-...") included; returns the last line. */
    private static String readReply(InputStream in) throws IOException {
        while (true) {
            String line = readLine(in);
            if (line.length() < 4 || line.charAt(3) != '-') {
                return line;
            }
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("connection closed mid-reply: " + line.toString(StandardCharsets.UTF_8));
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    /** RFC 5321 4.5.2: a line starting with "." gets another "."; bare LF becomes CRLF; then CRLF "." CRLF. */
    static byte[] dataPayload(byte[] eml) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(eml.length + eml.length / 50 + 8);
        try {
            SmtpData.writeDotStuffed(eml, out, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
        }
        return out.toByteArray();
    }
}
