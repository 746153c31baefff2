package vn.mailgw.gateway.pipeline;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The multipart tree of a well-formed message held in memory, found with one fast scan per multipart body: which
 * body parts each multipart holds, and where each leaf's undecoded body lies in the message bytes. The parts are
 * Jakarta Mail {@link MimeBodyPart}s (Jakarta parses their headers, so file names, dispositions and encodings mean
 * exactly what they meant before) whose content is a view on the message bytes: nothing is copied or decoded until
 * a step reads it, and the attachment extractor decodes base64 straight from the message bytes.
 *
 * <p>Why not Jakarta Mail's own {@code MimeMultipart}: its boundary search reads the spool file a few dozen bytes at a
 * time through a synchronized, seeking stream and was the largest CPU cost of the pipeline besides the signature
 * engine (JFR, 1.4 MB message). Here the body is one array, searched with Boyer-Moore-Horspool.
 *
 * <p>Only for what RFC 2046 5.1.1 calls well-formed: every multipart has a boundary parameter, at least one part and
 * its close delimiter, every part's header block holds only header fields, and the nesting stays within
 * {@link ParseMime#MAX_DEPTH}. Anything else yields no layout, and
 * the steps fall back to Jakarta Mail's lenient parser, which records the structure problems as before.
 */
public final class MimeLayout {

    /** Where a leaf part's undecoded body lies: {@code message[start, end)}. */
    public record Body(byte[] message, int start, int end) {}

    private final Map<Part, List<BodyPart>> children;
    private final Map<Part, Body> bodies;

    private MimeLayout(Map<Part, List<BodyPart>> children, Map<Part, Body> bodies) {
        this.children = children;
        this.bodies = bodies;
    }

    /** The body parts of a multipart of this message; empty when the part is not a multipart of this layout. */
    public Optional<List<BodyPart>> children(Part multipart) {
        return Optional.ofNullable(children.get(multipart));
    }

    /** The undecoded body of a leaf part of this message; empty when the part is not a leaf of this layout. */
    public Optional<Body> body(Part leaf) {
        return Optional.ofNullable(bodies.get(leaf));
    }

    /**
     * The layout of {@code root}, parsed by Jakarta Mail from {@code shared}, a stream over all of {@code message}; empty
     * when the message is not a multipart or anything about its structure is not well-formed.
     */
    public static Optional<MimeLayout> scan(MimeMessage root, byte[] message, SharedByteArrayInputStream shared) {
        return scan(root, message, message.length, shared);
    }

    /**
     * As {@link #scan(MimeMessage, byte[], SharedByteArrayInputStream)} for a message that is {@code message[0, length)}
     * (a reused buffer: nothing at or after {@code length} is read).
     */
    public static Optional<MimeLayout> scan(MimeMessage root, byte[] message, int length,
                                            SharedByteArrayInputStream shared) {
        try {
            if (!root.isMimeType("multipart/*")) {
                return Optional.empty();
            }
            MimeLayout layout = new MimeLayout(new IdentityHashMap<>(), new IdentityHashMap<>());
            int size = root.getSize();
            return size > 0 && size <= length && layout.scanMultipart(root, message, shared, length - size, length, 0)
                    ? Optional.of(layout) : Optional.empty();
        } catch (MessagingException | RuntimeException notWellFormed) {
            return Optional.empty();
        }
    }

    /**
     * Adds the parts of the multipart whose body is {@code message[start, end)}, and of multiparts inside it; false
     * when not well-formed. A part's body is the last {@code getSize()} bytes of its range: where Jakarta Mail's own
     * header parser stopped.
     */
    private boolean scanMultipart(Part multipart, byte[] message, SharedByteArrayInputStream shared, int start,
                                  int end, int depth) throws MessagingException {
        if (depth >= ParseMime.MAX_DEPTH) {
            return false;
        }
        String boundary = new ContentType(multipart.getContentType()).getParameter("boundary");
        if (boundary == null || boundary.isEmpty()) {
            return false;
        }
        List<int[]> ranges = partRanges(message, start, end, ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1));
        if (ranges.isEmpty()) {
            return false;
        }
        List<BodyPart> parts = new ArrayList<>(ranges.size());
        for (int[] range : ranges) {
            MimeBodyPart part = new MimeBodyPart(shared.newStream(range[0], range[1]));
            int size = Math.max(0, part.getSize()); // -1: empty body
            int bodyStart = range[1] - size;
            if (!endsWithBlankLine(message, range[0], bodyStart) || !plainHeaderBlock(message, range[0], bodyStart)) {
                return false;
            }
            if (part.isMimeType("multipart/*")) {
                if (size == 0 || !scanMultipart(part, message, shared, bodyStart, range[1], depth + 1)) {
                    return false;
                }
            } else {
                bodies.put(part, new Body(message, bodyStart, range[1]));
            }
            parts.add(part);
        }
        children.put(multipart, List.copyOf(parts));
        return true;
    }

    /**
     * Where each part lies in the multipart body {@code message[start, end)}: [from, to) from the line after a
     * delimiter to the line break before the next one. Empty unless the body has an opening delimiter, at least one
     * part and a close delimiter.
     */
    static List<int[]> partRanges(byte[] message, int start, int end, byte[] dashBoundary) {
        Horspool delimiter = new Horspool(dashBoundary);
        List<int[]> ranges = new ArrayList<>();
        int partStart = -1;
        int from = start;
        while (true) {
            int at = delimiter.indexIn(message, from, end);
            if (at < 0) {
                return List.of(); // no close delimiter: not well-formed
            }
            from = at + 1;
            if (at > start && message[at - 1] != '\n') {
                continue; // a delimiter starts a line
            }
            int after = at + dashBoundary.length;
            boolean close = after + 1 < end && message[after] == '-' && message[after + 1] == '-';
            int lineEnd = close ? after + 2 : endOfPadding(message, after, end);
            if (!close && lineEnd < 0) {
                continue; // "--boundary" followed by other text: an ordinary line
            }
            if (partStart >= 0) {
                ranges.add(new int[] {partStart, lineBreakBefore(message, at, partStart)});
            }
            if (close) {
                return partStart < 0 ? List.of() : ranges;
            }
            partStart = lineEnd;
        }
    }

    /**
     * True when every line of a part's header block is a header field or its continuation. A delimiter-like line in a
     * header block (or any other stray line) is read differently by different parsers: Jakarta Mail takes it as a bad
     * header line and keeps the part whole, this scan would end the part there, and mail clients go either way. Such
     * mail takes the old path (Jakarta Mail, structure problems reported) rather than one silent interpretation.
     */
    private static boolean plainHeaderBlock(byte[] message, int from, int to) {
        int line = from;
        while (line < to) {
            int end = line;
            while (end < to && message[end] != '\n') {
                end++;
            }
            int content = end > line && message[end - 1] == '\r' ? end - 1 : end;
            if (content > line) {
                byte first = message[line];
                boolean continuation = first == ' ' || first == '\t';
                if (!continuation && (first == '-' || !hasColon(message, line, content))) {
                    return false;
                }
            }
            line = end + 1;
        }
        return true;
    }

    /**
     * True when the header block {@code message[from, to)} is closed by its empty line (or is only that line). A part
     * whose headers run into the next delimiter has no body separator, and parsers disagree about where it ends.
     */
    private static boolean endsWithBlankLine(byte[] message, int from, int to) {
        int n = to - from;
        boolean lf = n >= 1 && message[to - 1] == '\n';
        boolean emptyBlock = n == 1 && lf || n == 2 && lf && message[from] == '\r';
        boolean closed = n >= 2 && lf && (message[to - 2] == '\n'
                || n >= 3 && message[to - 2] == '\r' && message[to - 3] == '\n');
        return emptyBlock || closed;
    }

    private static boolean hasColon(byte[] message, int from, int to) {
        for (int i = from; i < to; i++) {
            if (message[i] == ':') {
                return true;
            }
        }
        return false;
    }

    /**
     * Boyer-Moore-Horspool search: a boundary is 20-70 characters, so the search looks at a few bytes per boundary
     * length instead of every byte, which matters because it runs once per message and is rarely JIT-compiled.
     */
    static final class Horspool {
        private final byte[] pattern;
        private final int[] shift = new int[256];

        Horspool(byte[] pattern) {
            this.pattern = pattern;
            java.util.Arrays.fill(shift, pattern.length);
            for (int i = 0; i < pattern.length - 1; i++) {
                shift[pattern[i] & 0xFF] = pattern.length - 1 - i;
            }
        }

        /** The first index in {@code text[from, end)} where the whole pattern lies, or -1. */
        int indexIn(byte[] text, int from, int end) {
            int last = pattern.length - 1;
            for (int i = from; i + last < end; i += shift[text[i + last] & 0xFF]) {
                int j = last;
                while (j >= 0 && text[i + j] == pattern[j]) {
                    j--;
                }
                if (j < 0) {
                    return i;
                }
            }
            return -1;
        }
    }

    /** After optional spaces and tabs (transport padding), the index after the line end; -1 if other text follows. */
    private static int endOfPadding(byte[] body, int i, int end) {
        while (i < end && (body[i] == ' ' || body[i] == '\t')) {
            i++;
        }
        if (i + 1 < end && body[i] == '\r' && body[i + 1] == '\n') {
            return i + 2;
        }
        if (i < end && body[i] == '\n') {
            return i + 1;
        }
        return -1;
    }

    /** The line break before a delimiter belongs to the delimiter (RFC 2046 5.1.1), not to the part before it. */
    private static int lineBreakBefore(byte[] body, int delimiterStart, int partStart) {
        int end = delimiterStart;
        if (end > partStart && body[end - 1] == '\n') {
            end--;
            if (end > partStart && body[end - 1] == '\r') {
                end--;
            }
        }
        return end;
    }
}
