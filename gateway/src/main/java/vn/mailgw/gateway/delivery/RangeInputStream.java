package vn.mailgw.gateway.delivery;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Exactly {@code limit} bytes of the stream under it, then end of stream; an {@link EOFException} when the stream
 * under it ends sooner (a message is never sent shorter than announced).
 */
final class RangeInputStream extends FilterInputStream {
    private long left;

    RangeInputStream(InputStream in, long limit) {
        super(in);
        this.left = limit;
    }

    @Override
    public int read() throws IOException {
        if (left <= 0) {
            return -1;
        }
        int b = super.read();
        if (b < 0) {
            throw early();
        }
        left--;
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (left <= 0) {
            return -1;
        }
        int n = super.read(b, off, (int) Math.min(len, left));
        if (n < 0) {
            throw early();
        }
        left -= n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(Math.min(n, left));
        left -= skipped;
        return skipped;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(super.available(), left);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private EOFException early() {
        return new EOFException("the file ended " + left + " bytes before the end of its range");
    }
}
