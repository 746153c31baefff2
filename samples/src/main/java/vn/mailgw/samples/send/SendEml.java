package vn.mailgw.samples.send;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Sends .eml files to a running gateway byte for byte (the message is parsed but never re-serialised, so
 * what arrives is what is in the file) and prints the gateway's reply.
 *
 * <pre>
 * java -cp "gateway/target/lib/*" vn.mailgw.samples.send.SendEml --server 127.0.0.1:2525 \
 *      --from vanthu@sonoivu.daknong.gov.vn --to vanthu@ubnd.daknong.gov.vn message.eml [more.eml ...]
 * </pre>
 * Exit code 0 when every file got a 2xx reply, 1 when one was refused, 2 on bad arguments.
 */
public final class SendEml {

    private SendEml() {}

    public static void main(String[] args) {
        String server = "127.0.0.1:2525";
        String from = null;
        List<String> to = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--server" -> server = value(args, ++i);
                case "--from" -> from = value(args, ++i);
                case "--to" -> to.add(value(args, ++i));
                case "--help", "-h" -> {
                    usage();
                    return;
                }
                default -> files.add(Path.of(args[i]));
            }
        }
        if (from == null || to.isEmpty() || files.isEmpty()) {
            usage();
            System.exit(2);
        }
        int colon = server.lastIndexOf(':');
        String host = colon < 0 ? server : server.substring(0, colon);
        int port = colon < 0 ? 25 : Integer.parseInt(server.substring(colon + 1));
        int refused = 0;
        for (Path file : files) {
            try {
                System.out.println(file + ": " + send(host, port, from, to, file));
            } catch (MessagingException | IOException e) {
                // Angus reads reply text as ISO-8859-1; the gateway writes UTF-8 (Vietnamese).
                String text = new String(String.valueOf(e.getMessage()).getBytes(StandardCharsets.ISO_8859_1),
                        StandardCharsets.UTF_8);
                System.out.println(file + ": refused: " + text.strip());
                refused++;
            }
        }
        System.exit(refused == 0 ? 0 : 1);
    }

    /** Sends one file; returns the server's reply to the end of data. */
    public static String send(String host, int port, String from, List<String> to, Path file)
            throws MessagingException, IOException {
        Properties props = new Properties();
        props.setProperty("mail.smtp.host", host);
        props.setProperty("mail.smtp.port", Integer.toString(port));
        props.setProperty("mail.smtp.from", from);
        props.setProperty("mail.smtp.allow8bitmime", "true");
        props.setProperty("mail.smtp.connectiontimeout", "30000");
        props.setProperty("mail.smtp.timeout", "300000");
        Session session = Session.getInstance(props);
        Address[] recipients = new Address[to.size()];
        for (int i = 0; i < to.size(); i++) {
            recipients[i] = new InternetAddress(to.get(i), true);
        }
        try (InputStream in = Files.newInputStream(file);
             SMTPTransport transport = (SMTPTransport) session.getTransport("smtp")) {
            MimeMessage message = new MimeMessage(session, in);
            transport.connect();
            transport.sendMessage(message, recipients); // no saveChanges(): the file's bytes go out unchanged
            return transport.getLastServerResponse().strip();
        }
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            usage();
            System.exit(2);
        }
        return args[i];
    }

    private static void usage() {
        System.out.println("usage: SendEml [--server host:port] --from ADDRESS --to ADDRESS [--to ...] FILE.eml [...]");
    }
}
