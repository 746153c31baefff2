package vn.mailgw.gateway.delivery;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default when no next hop is configured: one Maildir per recipient address under a root
 * folder ({@code <root>/<address>/{tmp,new,cur}}), so {@code serve} works with nothing else installed.
 *
 * <p>Durability follows the Maildir protocol: each copy is written to {@code tmp/} and fsynced; only when
 * every recipient's copy is safe are they renamed into {@code new/} and the {@code new/} folders fsynced.
 * A crash before the renames leaves only files in tmp/ (a reader never sees half a message) and the client,
 * which got no 250, sends the message again. The file is the gateway's added header fields followed by the
 * message bytes exactly as received (CRLF line ends kept).
 *
 * <p>Mailbox folder names are the recipient address in lower case with anything outside
 * {@code [a-z0-9._+=@-]} percent-encoded as UTF-8 (so no address can name "..", a slash, or collide).
 */
public final class MaildirDelivery implements Delivery {

    private static final Logger LOG = LoggerFactory.getLogger(MaildirDelivery.class);
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final Path root;
    private final String hostname;

    public MaildirDelivery(Path root, String hostname) {
        this.root = Objects.requireNonNull(root, "root");
        this.hostname = Objects.requireNonNull(hostname, "hostname").replace('/', '_').replace(':', '_');
    }

    @Override
    public DeliveryOutcome deliver(OutgoingMessage message) {
        Set<String> mailboxes = new LinkedHashSet<>();
        for (String recipient : message.envelope().recipients()) {
            mailboxes.add(folderName(recipient));
        }
        List<Path[]> written = new ArrayList<>(); // {tmp file, new file}
        try {
            byte[] headers = message.headerBytes();
            for (String mailbox : mailboxes) {
                Path folder = root.resolve(mailbox);
                for (String sub : List.of("tmp", "new", "cur")) {
                    Files.createDirectories(folder.resolve(sub));
                }
                String name = uniqueName(message, headers.length);
                Path tmp = folder.resolve("tmp").resolve(name);
                written.add(new Path[] {tmp, folder.resolve("new").resolve(name)});
                writeDurably(tmp, headers, message.content());
            }
            if (message.abandoned().getAsBoolean()) {
                // The client was told 451 meanwhile and will send it again: do not make this copy visible.
                for (Path[] file : written) {
                    deleteQuietly(file[0]);
                }
                return new DeliveryOutcome.TempFailed(DeliveryReplies.localStorageFailure(),
                        "maildir " + root + ": not delivered, the pipeline deadline passed before the rename");
            }
            for (Path[] file : written) {
                Files.move(file[0], file[1], StandardCopyOption.ATOMIC_MOVE);
            }
            for (Path[] file : written) {
                fsyncDirectory(file[1].getParent());
            }
            return new DeliveryOutcome.Delivered("maildir " + root + " (" + mailboxes.size() + " mailbox"
                    + (mailboxes.size() == 1 ? "" : "es") + ")");
        } catch (IOException | RuntimeException e) {
            for (Path[] file : written) {
                deleteQuietly(file[0]);
            }
            LOG.error("maildir delivery failed under {}", root, e);
            return new DeliveryOutcome.TempFailed(DeliveryReplies.localStorageFailure(),
                    "maildir " + root + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** The mailbox folder name for an address: lower case, unsafe characters percent-encoded. */
    public static String folderName(String address) {
        String lower = address.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder();
        for (byte b : lower.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean safe = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '+' || c == '='
                    || c == '@' || c == '-' || (c == '.' && out.length() > 0);
            if (safe) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        if (out.length() == 0) {
            out.append("%00empty");
        }
        return out.toString();
    }

    /** "<seconds>.M<micros>P<pid>Q<sequence>_<queue id>.<host>,S=<size>" (Maildir + Dovecot's size field). */
    private String uniqueName(OutgoingMessage message, int headerLength) {
        long nowMicros = System.currentTimeMillis() * 1000 + (System.nanoTime() / 1000) % 1000;
        return (nowMicros / 1_000_000) + ".M" + (nowMicros % 1_000_000) + "P" + ProcessHandle.current().pid()
                + "Q" + SEQUENCE.incrementAndGet() + "_" + message.queueId().replaceAll("[^A-Za-z0-9]", "")
                + "." + hostname + ",S=" + (message.content().size() + headerLength);
    }

    private static void writeDurably(Path target, byte[] headers, MessageContent content) throws IOException {
        try (FileChannel channel = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            MessageContent.bytes(headers).writeTo(channel);
            content.writeTo(channel); // the spool file's bytes go file to file in the kernel
            channel.force(true);
        }
    }

    private static void fsyncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot remove {}", file, e);
        }
    }
}
