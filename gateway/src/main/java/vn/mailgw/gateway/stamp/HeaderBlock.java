package vn.mailgw.gateway.stamp;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The header block of a message read in bulk: the fields with their folding and line ends as received (each
 * ending with its line break; header bytes are UTF-8, RFC 6532), the bytes already read past the empty line,
 * which start the body, and where the body starts in the message ({@code length}: the header block with its
 * empty line). Reading in 8 kB chunks instead of a byte at a time is what makes stamping cheap.
 */
record HeaderBlock(List<String> fields, byte[] bodyStart, int length) {

    /** Reads up to and including the empty line (or to the end when there is none). */
    static HeaderBlock read(InputStream in) throws IOException {
        byte[] buf = new byte[8192];
        int length = 0;
        int lineStart = 0;
        int scanned = 0;
        List<String> fields = new ArrayList<>();
        StringBuilder current = null;
        while (true) {
            int lf = indexOf(buf, '\n', scanned, length);
            if (lf < 0) {
                scanned = length;
                if (length == buf.length) {
                    buf = Arrays.copyOf(buf, buf.length * 2);
                }
                int n = in.read(buf, length, buf.length - length);
                if (n > 0) {
                    length += n;
                    continue;
                }
                // End of input: a last line without a line break gets CRLF, as a field must end with one.
                if (lineStart < length) {
                    current = addLine(fields, current, new String(buf, lineStart, length - lineStart,
                            StandardCharsets.UTF_8) + "\r\n");
                }
                lineStart = length;
                break;
            }
            int lineLength = lf + 1 - lineStart;
            boolean empty = lineLength == 1 || (lineLength == 2 && buf[lineStart] == '\r');
            if (empty) {
                lineStart = lf + 1;
                break;
            }
            current = addLine(fields, current, new String(buf, lineStart, lineLength, StandardCharsets.UTF_8));
            lineStart = lf + 1;
            scanned = lineStart;
        }
        if (current != null) {
            fields.add(current.toString());
        }
        return new HeaderBlock(fields, Arrays.copyOfRange(buf, lineStart, length), lineStart);
    }

    /** A line starting with space or tab continues the field before it (RFC 5322 §2.2.3). */
    private static StringBuilder addLine(List<String> fields, StringBuilder current, String line) {
        boolean continuation = line.startsWith(" ") || line.startsWith("\t");
        if (continuation && current != null) {
            return current.append(line);
        }
        if (current != null) {
            fields.add(current.toString());
        }
        return new StringBuilder(line);
    }

    private static int indexOf(byte[] buf, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == c) {
                return i;
            }
        }
        return -1;
    }
}
