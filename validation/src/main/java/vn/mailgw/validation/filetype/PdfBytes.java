package vn.mailgw.validation.filetype;

import java.io.IOException;
import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.io.RandomAccessReadView;

/**
 * Bytes already in memory, read by PDFBox's parsers: the PDF file itself, the decoded object streams and the
 * inflated page content the classifier reads.
 *
 * <p>Why not PDFBox's {@code RandomAccessReadBuffer}: its parsers read one byte at a time and look one byte ahead
 * ({@code peek} = read and step back), and every step back there is a seek that divides the position by the chunk
 * size twice and looks the chunk up in a list: about a tenth of a whole classification went into that division.
 * Here a byte is an array access and a step back is a subtraction. Same contract: reading past the end gives -1, a
 * seek past the end stops at the end, a negative one and any use after {@link #close} are errors.
 */
public final class PdfBytes implements RandomAccessRead {

    private final byte[] bytes;
    private final int start;
    private final int end;
    /** Index into {@link #bytes} of the next byte to read. */
    private int next;
    private boolean closed;

    public PdfBytes(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    /** Bytes {@code start} (position 0) up to {@code end} (exclusive) of {@code bytes}, which is not copied. */
    public PdfBytes(byte[] bytes, int start, int end) {
        this.bytes = bytes;
        this.start = start;
        this.end = end;
        this.next = start;
    }

    /** The same bytes from their start, for another reader (this one's position and state are left alone). */
    public PdfBytes fromStart() {
        return new PdfBytes(bytes, start, end);
    }

    @Override
    public int read() throws IOException {
        checkOpen();
        return next < end ? bytes[next++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        checkOpen();
        if (next >= end) {
            return -1;
        }
        int count = Math.min(length, end - next);
        System.arraycopy(bytes, next, into, offset, count);
        next += count;
        return count;
    }

    @Override
    public int peek() throws IOException {
        checkOpen();
        return next < end ? bytes[next] & 0xFF : -1;
    }

    @Override
    public void rewind(int count) throws IOException {
        seek(getPosition() - count);
    }

    @Override
    public void skip(int count) throws IOException {
        seek(getPosition() + count);
    }

    @Override
    public long getPosition() throws IOException {
        checkOpen();
        return next - start;
    }

    @Override
    public void seek(long position) throws IOException {
        checkOpen();
        if (position < 0) {
            throw new IOException("Invalid position " + position);
        }
        next = (int) Math.min(end, start + position);
    }

    @Override
    public long length() throws IOException {
        checkOpen();
        return end - start;
    }

    @Override
    public int available() throws IOException {
        checkOpen();
        return end - next;
    }

    @Override
    public boolean isEOF() throws IOException {
        checkOpen();
        return next >= end;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }

    /**
     * A stream's bytes inside the file. The view reads through a reader of its own, so reading a stream never moves
     * the position of the parser that is reading this one (PDFBox's buffer keeps a copy per thread for the same reason).
     */
    @Override
    public RandomAccessReadView createView(long startPosition, long streamLength) throws IOException {
        checkOpen();
        return new RandomAccessReadView(fromStart(), startPosition, streamLength, true);
    }

    private void checkOpen() throws IOException {
        if (closed) {
            throw new IOException("PDF bytes already closed");
        }
    }
}
