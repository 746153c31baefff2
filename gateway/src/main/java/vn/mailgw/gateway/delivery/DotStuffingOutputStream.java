package vn.mailgw.gateway.delivery;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes message bytes for SMTP DATA (RFC 5321 4.5.2): a '.' at the start of a line gets a second '.',
 * and {@link #finish()} ends the last line and writes the terminating ".\r\n". A line starts after any LF,
 * not only after CRLF: a lenient next hop that takes a bare LF as a line end must never see "LF . CRLF"
 * as the end of data (SMTP smuggling, CVE-2023-51764). Everything else passes through byte for byte.
 */
final class DotStuffingOutputStream extends FilterOutputStream {

    private boolean atLineStart = true;
    private int previous = -1;
    private int last = -1;

    DotStuffingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        if (atLineStart && b == '.') {
            out.write('.');
        }
        out.write(b);
        atLineStart = b == '\n';
        previous = last;
        last = b & 0xff;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        // Copy runs between dots-at-line-start in bulk; the per-byte path above is too slow for 30 MB.
        int runStart = off;
        int end = off + len;
        for (int i = off; i < end; i++) {
            byte c = b[i];
            if (atLineStart && c == '.') {
                out.write(b, runStart, i - runStart);
                out.write('.');
                runStart = i;
            }
            atLineStart = c == '\n';
        }
        out.write(b, runStart, end - runStart);
        if (len >= 2) {
            previous = b[end - 2] & 0xff;
            last = b[end - 1] & 0xff;
        } else if (len == 1) {
            previous = last;
            last = b[end - 1] & 0xff;
        }
    }

    /** Ends the last line with CRLF if the message did not, then writes ".\r\n" and flushes. */
    void finish() throws IOException {
        if (!(previous == '\r' && last == '\n') && last != -1) {
            out.write(new byte[] {'\r', '\n'});
        }
        out.write(new byte[] {'.', '\r', '\n'});
        out.flush();
    }
}
