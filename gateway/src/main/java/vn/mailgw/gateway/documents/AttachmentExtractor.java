package vn.mailgw.gateway.documents;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import vn.mailgw.gateway.pipeline.MimeLayout;
import vn.mailgw.gateway.pipeline.ParsedMime;
import vn.mailgw.validation.filetype.FileTypeSniffer;

/**
 * The one walker that decides which parts of a message are documents; classification, signature validation,
 * the stamp and the audit all see the same list, decoded and hashed once per message.
 *
 * <p>The rule, the same at every depth (a single-part message included):
 * <ul>
 *   <li>multipart containers are walked, at most {@value #MAX_DEPTH} levels deep (as {@code ParseMime}, which
 *       records deeper nesting as a structure problem);</li>
 *   <li>a leaf part is a document when it has a file name, or is marked {@code Content-Disposition: attachment},
 *       or is anything but text/plain and text/html (a bare PDF body, a nested message/rfc822);</li>
 *   <li>an unnamed, unmarked text/plain or text/html part is the message text, not a document;</li>
 *   <li>a document larger than the limit (daknong-2012 Art 5.2: 25 MB) is hashed in full but not kept: it is
 *       returned flagged {@link Attachment#oversized()} so the steps report it and never call it paper-equivalent.</li>
 * </ul>
 */
public final class AttachmentExtractor {

    /** Deeper multipart nesting is not walked (same limit as ParseMime). */
    public static final int MAX_DEPTH = 20;

    /**
     * More documents than this in one message ({@code classify.maxAttachments}): {@link TooManyAttachments}, the
     * message is refused, not half-checked. 20 000 empty attachments kept a worker busy for ~40 s (stamp, report,
     * audit of each).
     */
    public static final int DEFAULT_MAX_ATTACHMENTS = 1000;

    /** The message has more documents than the limit; the walk stops there. */
    public static final class TooManyAttachments extends RuntimeException {
        private final int max;

        TooManyAttachments(int max) {
            super("more than " + max + " attachments in one message");
            this.max = max;
        }

        /** The limit that was passed. */
        public int max() {
            return max;
        }
    }

    /** File names are cut to this many characters (NTFS and ext4 allow 255): headers, banner and audit stay small. */
    static final int MAX_FILE_NAME_CHARS = 255;

    private final long maxBytes;
    private final int maxAttachments;

    /**
     * Where each pipeline thread removes the line breaks of a base64 body before decoding, reused from message to
     * message: a new array per attachment was a 1.4 MB "humongous" allocation for G1 (over half a heap region)
     * per 1 MB PDF, and those start concurrent GC cycles. Bodies over {@link #SCRATCH_MAX_BYTES} get their own
     * array, so a rare huge attachment does not stay pinned to a thread.
     */
    private static final ThreadLocal<byte[]> SCRATCH = new ThreadLocal<>();
    static final int SCRATCH_MAX_BYTES = 4 * 1024 * 1024;

    /** @param maxBytes largest attachment decoded (daknong-2012 Art 5.2: 25 MB); bigger ones are flagged. */
    public AttachmentExtractor(long maxBytes) {
        this(maxBytes, DEFAULT_MAX_ATTACHMENTS);
    }

    /**
     * @param maxBytes       largest attachment decoded; bigger ones are flagged
     * @param maxAttachments most documents in one message; more: {@link TooManyAttachments}
     */
    public AttachmentExtractor(long maxBytes, int maxAttachments) {
        if (maxBytes < 1 || maxBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxBytes must be 1 byte .. 2 GB");
        }
        if (maxAttachments < 1) {
            throw new IllegalArgumentException("maxAttachments must be at least 1");
        }
        this.maxBytes = maxBytes;
        this.maxAttachments = maxAttachments;
    }

    public int maxAttachments() {
        return maxAttachments;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public List<Attachment> extract(MimeMessage message) throws MessagingException, IOException {
        return extract(message, Optional.empty());
    }

    /** The same, over the multipart tree ParseMime found when it has one (no second parse of the message). */
    public List<Attachment> extract(ParsedMime.Parsed parsed) throws MessagingException, IOException {
        return extract(parsed.message(), parsed.layout());
    }

    private List<Attachment> extract(MimeMessage message, Optional<MimeLayout> layout)
            throws MessagingException, IOException {
        List<Attachment> found = new ArrayList<>();
        walk(message, layout, found, 0);
        return found;
    }

    private void walk(Part part, Optional<MimeLayout> layout, List<Attachment> found, int depth)
            throws MessagingException, IOException {
        if (part.isMimeType("multipart/*")) {
            if (depth >= MAX_DEPTH) {
                return;
            }
            for (BodyPart child : children(part, layout)) {
                walk(child, layout, found, depth + 1);
            }
            return;
        }
        String fileName = safeFileName(part);
        boolean markedAttachment = Part.ATTACHMENT.equalsIgnoreCase(disposition(part));
        boolean messageText = part.isMimeType("text/plain") || part.isMimeType("text/html");
        if (fileName.isEmpty() && !markedAttachment && messageText) {
            return;
        }
        if (found.size() == maxAttachments) {
            throw new TooManyAttachments(maxAttachments);
        }
        found.add(decodeOrFlag(part, fileName, layout.flatMap(l -> l.body(part))));
    }

    /**
     * A part whose base64 or quoted-printable is damaged (Jakarta Mail's decoder throws an IOException mid-stream) is
     * flagged, not fatal: the other attachments are still checked and the message is still delivered as received.
     */
    private Attachment decodeOrFlag(Part part, String fileName, Optional<MimeLayout.Body> body)
            throws MessagingException, IOException {
        try {
            return decode(part, fileName, body);
        } catch (IOException damaged) {
            MessageDigest digest = newSha256();
            long size = 0;
            try (InputStream raw = rawBody(part)) {
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = raw.read(buffer)) > 0) {
                    digest.update(buffer, 0, n);
                    size += n;
                }
            }
            return Attachment.undecodable(fileName, HexFormat.of().formatHex(digest.digest()), size,
                    damaged.getClass().getSimpleName() + ": " + damaged.getMessage());
        }
    }

    private static InputStream rawBody(Part part) throws MessagingException {
        return part instanceof MimeBodyPart b ? b.getRawInputStream() : ((MimeMessage) part).getRawInputStream();
    }

    private static List<BodyPart> children(Part multipart, Optional<MimeLayout> layout)
            throws MessagingException, IOException {
        Optional<List<BodyPart>> known = layout.flatMap(l -> l.children(multipart));
        if (known.isPresent()) {
            return known.get();
        }
        List<BodyPart> parts = new ArrayList<>();
        if (multipart.getContent() instanceof Multipart parsed) {
            for (int i = 0; i < parsed.getCount(); i++) {
                parts.add(parsed.getBodyPart(i));
            }
        }
        return parts;
    }

    /** Decodes the part once: bytes, SHA-256 and sniffed type; an oversized part is hashed but not kept. */
    private Attachment decode(Part part, String fileName, Optional<MimeLayout.Body> body)
            throws MessagingException, IOException {
        Optional<byte[]> fast = fastBase64(part, body);
        if (fast.isPresent()) {
            byte[] bytes = fast.get();
            if (bytes.length <= maxBytes) {
                return new Attachment(fileName, bytes, sha256(bytes), FileTypeSniffer.sniff(bytes));
            }
            return new Attachment(fileName, new byte[0], sha256(bytes),
                    FileTypeSniffer.sniff(Arrays.copyOf(bytes, (int) maxBytes)), bytes.length, true);
        }
        MessageDigest digest = newSha256();
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        long size = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = part.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
                long room = maxBytes - kept.size();
                if (room > 0) {
                    kept.write(buffer, 0, (int) Math.min(room, n));
                }
                size += n;
            }
        }
        String hash = HexFormat.of().formatHex(digest.digest());
        byte[] head = kept.toByteArray();
        if (size <= maxBytes) {
            return new Attachment(fileName, head, hash, FileTypeSniffer.sniff(head));
        }
        return new Attachment(fileName, new byte[0], hash, FileTypeSniffer.sniff(head), size, true);
    }

    /**
     * Base64 parts (nearly every attachment) decoded in one call of the JDK's decoder instead of Jakarta Mail's
     * byte-at-a-time stream, which profiling showed costing more than a tenth of the gateway's CPU per 1 MB PDF.
     * The line breaks are removed and the JDK's strict decoder does the rest, so any body the two decoders could
     * read differently (characters outside the alphabet, a stray CR or LF, data after the padding, a dangling last
     * character) makes it throw, and Jakarta Mail's lenient decoder decides as before. With the message in memory
     * ({@link MimeLayout}) the body is read straight from the message bytes. Empty also when not base64 or the raw
     * body is too large to hold in memory.
     */
    private Optional<byte[]> fastBase64(Part part, Optional<MimeLayout.Body> body) throws MessagingException, IOException {
        String encoding = part instanceof MimeBodyPart b ? b.getEncoding()
                : part instanceof MimeMessage m ? m.getEncoding() : null;
        if (encoding == null || !encoding.equalsIgnoreCase("base64")) {
            return Optional.empty();
        }
        long rawLimit = 2 * maxBytes + 64 * 1024; // base64 is 4/3 of the data plus line breaks
        byte[] raw;
        int length;
        if (body.isPresent()) {
            MimeLayout.Body b = body.get();
            if (b.end() - b.start() > rawLimit) {
                return Optional.empty();
            }
            raw = scratch(b.end() - b.start());
            length = withoutLineBreaks(b.message(), b.start(), b.end(), raw);
        } else {
            try (InputStream in = part instanceof MimeBodyPart b ? b.getRawInputStream()
                    : ((MimeMessage) part).getRawInputStream()) {
                raw = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, rawLimit + 1));
            }
            if (raw.length > rawLimit) {
                return Optional.empty();
            }
            length = withoutLineBreaks(raw, 0, raw.length, raw);
        }
        try {
            ByteBuffer decoded = Base64.getDecoder().decode(ByteBuffer.wrap(raw, 0, length));
            byte[] bytes = decoded.array();
            return Optional.of(decoded.arrayOffset() == 0 && decoded.remaining() == bytes.length ? bytes
                    : Arrays.copyOfRange(bytes, decoded.arrayOffset(), decoded.arrayOffset() + decoded.remaining()));
        } catch (IllegalArgumentException notStrictBase64) {
            return Optional.empty();
        }
    }

    /** An array of at least {@code length} bytes whose content does not matter; see {@link #SCRATCH}. */
    private static byte[] scratch(int length) {
        if (length > SCRATCH_MAX_BYTES) {
            return new byte[length];
        }
        byte[] scratch = SCRATCH.get();
        if (scratch == null || scratch.length < length) {
            scratch = new byte[Math.max(length, 2 * 1024 * 1024)];
            SCRATCH.set(scratch);
        }
        return scratch;
    }

    /**
     * Copies the lines of {@code src[from, end)} into {@code dst} (which may be {@code src} when {@code from} is 0)
     * without their LF or CRLF; returns the length copied. Line by line with {@code System.arraycopy}, not byte by
     * byte: a 1 MB attachment has 18,000 lines and this runs once per message, often before the JIT compiles it.
     * Base64 lines all have the same length, so the next line break is looked for where the last one was; a guess
     * that lands on another LF can only leave a line break in the data, which the strict decoder then refuses.
     */
    static int withoutLineBreaks(byte[] src, int from, int end, byte[] dst) {
        int length = 0;
        int lineLength = -1;
        while (from < end) {
            int guess = lineLength < 0 ? -1 : from + lineLength;
            int newline = guess >= 0 && guess < end && src[guess] == '\n' ? guess : indexOfNewline(src, from, end);
            int stop = newline < 0 ? end : newline;
            int lineEnd = stop > from && src[stop - 1] == '\r' ? stop - 1 : stop;
            System.arraycopy(src, from, dst, length, lineEnd - from);
            length += lineEnd - from;
            lineLength = stop - from;
            from = stop + 1;
        }
        return length;
    }

    private static int indexOfNewline(byte[] bytes, int from, int end) {
        for (int i = from; i < end; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static String disposition(Part part) {
        try {
            String d = part.getDisposition();
            return d == null ? "" : d.toLowerCase(Locale.ROOT);
        } catch (MessagingException e) {
            return "";
        }
    }

    private static String safeFileName(Part part) {
        try {
            String name = part.getFileName();
            if (name == null) {
                return "";
            }
            int rawMax = 16 * MAX_FILE_NAME_CHARS; // room for encoded words, cut before decoding them
            if (name.length() > rawMax) {
                name = name.substring(0, rawMax / 2) + name.substring(name.length() - rawMax / 2);
            }
            try {
                name = MimeUtility.decodeText(name);
            } catch (java.io.UnsupportedEncodingException ignored) {
                // keep the raw name
            }
            // Names go into headers, banners and the audit: bounded, no control characters, no paths. (A regex
            // ".*[/\\\\]" here was quadratic: a 250 kB RFC 2231 name held a pipeline worker for minutes.)
            name = name.replaceAll("[\\p{Cntrl}]", "");
            name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).strip();
            if (name.length() > MAX_FILE_NAME_CHARS) {
                // Keep the end too: the extension is what a clerk (and the type check) looks at.
                name = name.substring(0, MAX_FILE_NAME_CHARS - 41) + "…" + name.substring(name.length() - 40);
            }
            return name;
        } catch (MessagingException | RuntimeException e) {
            return "";
        }
    }

    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(newSha256().digest(bytes));
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
