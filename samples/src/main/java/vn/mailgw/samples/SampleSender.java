package vn.mailgw.samples;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.Properties;

/**
 * Replays a sample message into a running gateway over SMTP (Jakarta Mail) and reports the final reply,
 * refusals included, so a demo shows exactly what a sending MTA would see.
 */
public final class SampleSender {

    /** The SMTP outcome of one replay: the reply code and text the gateway gave at the end. */
    public record Reply(int code, String text) {
        public Reply {
            // Angus reads replies as ISO-8859-1; the gateway's Vietnamese replies are UTF-8 (RFC 6531).
            byte[] raw = text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            String utf8 = new String(raw, java.nio.charset.StandardCharsets.UTF_8);
            if (text.chars().allMatch(c -> c < 256) && !utf8.contains("\uFFFD")) {
                text = utf8;
            }
        }
    }

    private final String host;
    private final int port;

    public SampleSender(String host, int port) {
        this.host = host;
        this.port = port;
    }

    public Reply send(SampleMessage sample) {
        Properties props = new Properties();
        props.put("mail.smtp.host", host);
        props.put("mail.smtp.port", String.valueOf(port));
        props.put("mail.smtp.from", sample.mailFrom());
        props.put("mail.smtp.localhost", "demo-client.daknong.gov.vn");
        props.put("mail.smtp.connectiontimeout", "10000");
        props.put("mail.smtp.timeout", "120000");
        Session session = Session.getInstance(props);
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect();
            MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(sample.eml()));
            InternetAddress[] to = sample.recipients().stream().map(SampleSender::address).toArray(InternetAddress[]::new);
            transport.sendMessage(message, to);
            String last = ((org.eclipse.angus.mail.smtp.SMTPTransport) transport).getLastServerResponse();
            return new Reply(((org.eclipse.angus.mail.smtp.SMTPTransport) transport).getLastReturnCode(),
                    last == null ? "" : last.strip());
        } catch (jakarta.mail.SendFailedException e) {
            return fromException(e);
        } catch (MessagingException e) {
            return fromException(e);
        }
    }

    private static Reply fromException(MessagingException e) {
        Throwable t = e;
        while (t != null) {
            if (t instanceof org.eclipse.angus.mail.smtp.SMTPSenderFailedException s) {
                return new Reply(s.getReturnCode(), s.getMessage());
            }
            if (t instanceof org.eclipse.angus.mail.smtp.SMTPAddressFailedException a) {
                return new Reply(a.getReturnCode(), a.getMessage());
            }
            if (t instanceof org.eclipse.angus.mail.smtp.SMTPSendFailedException f) {
                return new Reply(f.getReturnCode(), f.getMessage());
            }
            t = t instanceof MessagingException m && m.getNextException() != null ? m.getNextException() : t.getCause();
        }
        return new Reply(-1, String.valueOf(e.getMessage()));
    }

    private static InternetAddress address(String a) {
        try {
            return new InternetAddress(a);
        } catch (jakarta.mail.internet.AddressException e) {
            throw new IllegalArgumentException("bad sample address " + a, e);
        }
    }

    /**
     * Replays saved samples into a running gateway: {@code SampleSender HOST PORT FILE.eml...}. The envelope
     * sender comes from {@code FILE.mailfrom} beside each file (written by {@code mailgw demo}), else the From.
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: SampleSender HOST PORT FILE.eml...");
            System.exit(2);
        }
        SampleSender sender = new SampleSender(args[0], Integer.parseInt(args[1]));
        for (int i = 2; i < args.length; i++) {
            java.nio.file.Path file = java.nio.file.Path.of(args[i]);
            byte[] eml = java.nio.file.Files.readAllBytes(file);
            java.nio.file.Path side = file.resolveSibling(file.getFileName().toString().replaceAll("\\.eml$", "") + ".mailfrom");
            String mailFrom;
            if (java.nio.file.Files.exists(side)) {
                mailFrom = java.nio.file.Files.readString(side).strip();
            } else {
                MimeMessage m = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(eml));
                mailFrom = ((InternetAddress) m.getFrom()[0]).getAddress();
            }
            SampleMessage sample = new SampleMessage(file.getFileName().toString(), "", mailFrom,
                    java.util.List.of(DemoProvince.RECIPIENT), eml, 250, "", java.util.List.of());
            Reply reply = sender.send(sample);
            System.out.println(file.getFileName() + ": " + reply.code() + " " + reply.text());
        }
    }
}
