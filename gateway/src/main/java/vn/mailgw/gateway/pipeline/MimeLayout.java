package vn.mailgw.gateway.pipeline;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The multipart tree of a well-formed message, found with one fast scan per multipart body: which body parts each
 * multipart holds. The parts are Jakarta Mail {@link MimeBodyPart}s (Jakarta parses their headers, so file names,
 * dispositions and encodings mean exactly what they meant before), whose content is a view on the multipart's raw
 * bytes: nothing is decoded or copied until a step reads it.
 *
 * <p>Why not Jakarta Mail's own {@code MimeMultipart}: its boundary search reads the spool file a few dozen bytes at a
 * time through a synchronized, seeking stream and was the largest CPU cost of the pipeline besides the signature
 * engine (JFR, 1.4 MB message). Here the whole body is in one array and searched with Boyer-Moore-Horspool.
 *
 * <p>Only for what RFC 2046 5.1.1 calls well-formed: every multipart has a boundary parameter, at least one part and
 * its close delimiter, and the nesting stays within {@link ParseMime#MAX_DEPTH}. Anything else yields no layout, and
 * the steps fall back to Jakarta Mail's lenient parser, which records the structure problems as before.
 */
public final class MimeLayout {

    /** Larger multipart bodies are left to Jakarta Mail, which streams them from the spool file. */
    static final int MAX_BODY_BYTES = 64 * 1024 * 1024;

    private final Map<Part, List<BodyPart>> children;

    private MimeLayout(Map<Part, List<BodyPart>> children) {
        this.children = children;
    }

    /** The body parts of a multipart of this message; empty when the part is not a multipart of this layout. */
    public Optional<List<BodyPart>> children(Part multipart) {
        return Optional.ofNullable(children.get(multipart));
    }

    /**
     * The layout of {@code root} (a message whose content is the spool file), or empty when the message is not a
     * multipart or anything about its structure is not well-formed.
     */
    public static Optional<MimeLayout> scan(Part root) {
        try {
            if (!root.isMimeType("multipart/*")) {
                return Optional.empty();
            }
            Map<Part, List<BodyPart>> children = new IdentityHashMap<>();
            return scanMultipart(root, rawBody(root), 0, children) ? Optional.of(new MimeLayout(children))
                    : Optional.empty();
        } catch (MessagingException | IOException | RuntimeException notWellFormed) {
            return Optional.empty();
        }
    }

    /** Adds the parts of one multipart (and of multiparts inside it) to {@code children}; false when not well-formed. */
    private static boolean scanMultipart(Part multipart, byte[] body, int depth, Map<Part, List<BodyPart>> children)
            throws MessagingException, IOException {
        if (body == null || depth >= ParseMime.MAX_DEPTH) {
            return false;
        }
        String boundary = new ContentType(multipart.getContentType()).getParameter("boundary");
        if (boundary == null || boundary.isEmpty()) {
            return false;
        }
        List<int[]> ranges = partRanges(body, ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1));
        if (ranges.isEmpty()) {
            return false;
        }
        SharedByteArrayInputStream shared = new SharedByteArrayInputStream(body);
        List<BodyPart> parts = new ArrayList<>(ranges.size());
        for (int[] range : ranges) {
            MimeBodyPart part = new MimeBodyPart(shared.newStream(range[0], range[1]));
            if (part.isMimeType("multipart/*") && !scanMultipart(part, rawBody(part), depth + 1, children)) {
                return false;
            }
            parts.add(part);
        }
        children.put(multipart, List.copyOf(parts));
        return true;
    }

    /**
     * Where each part lies in a multipart body: [start, end) from the line after a delimiter to the line break before
     * the next one. Empty unless the body has an opening delimiter, at least one part and a close delimiter.
     */
    static List<int[]> partRanges(byte[] body, byte[] dashBoundary) {
        Horspool delimiter = new Horspool(dashBoundary);
        List<int[]> ranges = new ArrayList<>();
        int partStart = -1;
        int from = 0;
        while (true) {
            int at = delimiter.indexIn(body, from);
            if (at < 0) {
                return List.of(); // no close delimiter: not well-formed
            }
            from = at + 1;
            if (at > 0 && body[at - 1] != '\n') {
                continue; // a delimiter starts a line
            }
            int after = at + dashBoundary.length;
            boolean close = after + 1 < body.length && body[after] == '-' && body[after + 1] == '-';
            int lineEnd = close ? after + 2 : endOfPadding(body, after);
            if (!close && lineEnd < 0) {
                continue; // "--boundary" followed by other text: an ordinary line
            }
            if (partStart >= 0) {
                ranges.add(new int[] {partStart, lineBreakBefore(body, at, partStart)});
            }
            if (close) {
                return partStart < 0 ? List.of() : ranges;
            }
            partStart = lineEnd;
        }
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

        /** The first index at or after {@code from} where the pattern starts, or -1. */
        int indexIn(byte[] text, int from) {
            int last = pattern.length - 1;
            for (int i = from; i + last < text.length; i += shift[text[i + last] & 0xFF]) {
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
    private static int endOfPadding(byte[] body, int i) {
        while (i < body.length && (body[i] == ' ' || body[i] == '\t')) {
            i++;
        }
        if (i + 1 < body.length && body[i] == '\r' && body[i + 1] == '\n') {
            return i + 2;
        }
        if (i < body.length && body[i] == '\n') {
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

    /** The undecoded body of a part or message; null when it is too large for the fast path. */
    private static byte[] rawBody(Part part) throws MessagingException, IOException {
        InputStream raw = part instanceof MimeBodyPart b ? b.getRawInputStream()
                : part instanceof jakarta.mail.internet.MimeMessage m ? m.getRawInputStream() : null;
        if (raw == null) {
            return null;
        }
        try (raw) {
            byte[] body = raw.readNBytes(MAX_BODY_BYTES + 1);
            return body.length > MAX_BODY_BYTES ? null : body;
        }
    }
}
