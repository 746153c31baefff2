package vn.mailgw.gateway.smtp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import vn.mailgw.gateway.smtp.DecoderEvent.BadCommandLine;
import vn.mailgw.gateway.smtp.DecoderEvent.CommandLine;
import vn.mailgw.gateway.smtp.DecoderEvent.CommandLineDefect;
import vn.mailgw.gateway.smtp.DecoderEvent.DataChunk;
import vn.mailgw.gateway.smtp.DecoderEvent.DataDefect;
import vn.mailgw.gateway.smtp.DecoderEvent.DataDefectFound;
import vn.mailgw.gateway.smtp.DecoderEvent.EndOfData;
import vn.mailgw.gateway.smtp.DecoderEvent.NeedMoreInput;

/**
 * The server side of SMTP framing as a pure state machine (Netty-codec style, no sockets):
 * bytes go in with {@link #feed}, events come out one at a time with {@link #next}.
 *
 * <p>Pull, not push: the session stops pulling while a command's asynchronous work runs, so
 * pipelined commands wait in this buffer and their replies come out in order (RFC 2920). The
 * buffer stays small because the session also pauses the socket meanwhile.
 *
 * <p>Strict line ends. Only CRLF ends a line; only CRLF.CRLF ends DATA. A bare LF or bare CR is
 * never a line end (the SMTP-smuggling attack, CVE-2023-51764, relies on a relay and the next hop
 * disagreeing about that). In DATA such a message is consumed up to the real end and reported as
 * defective ({@link DataDefect#BARE_LINE_END}) so the session refuses it whole. In command mode a
 * bare LF ends the bad line at once with an error, so a client that sends LF-only commands gets a
 * clear refusal instead of waiting for a timeout; nothing before it runs.
 */
public final class SmtpDecoder {

    /** RFC 5321 4.5.3.1.4: a command line is at most 512 octets including CRLF. */
    public static final int MAX_COMMAND_LINE = 512;
    /** RFC 5321 4.5.3.1.6: a text line is at most 1000 octets including CRLF. */
    public static final int MAX_TEXT_LINE = 1000;

    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte DOT = '.';

    private enum Mode { COMMAND, DATA }


    private byte[] buffer = new byte[1024];
    private int start;
    private int end;

    private Mode mode = Mode.COMMAND;

    // command-mode scan state (kept across feeds so bytes are looked at once)
    private int scanPos;
    private int commandContentLength;
    private boolean commandPendingCr;
    private boolean commandBareLineEnd;
    private boolean commandDiscarding;

    // data-mode scan state
    private boolean atLineStart = true;
    private int textLineLength;
    private final Set<DataDefect> dataDefects = EnumSet.noneOf(DataDefect.class);
    private DataDefect defectToAnnounce;
    private boolean endOfDataSeen;

    /** Appends bytes received from the client. */
    public void feed(byte[] bytes) {
        feed(bytes, 0, bytes.length);
    }

    public void feed(byte[] bytes, int offset, int length) {
        feed(length, (dst, dstOffset) -> System.arraycopy(bytes, offset, dst, dstOffset, length));
    }

    /** Copies received bytes straight into the decoder's buffer (the caller's buffer type stays the caller's). */
    @FunctionalInterface
    public interface ByteSource {
        /** Copies exactly the announced number of bytes to {@code dst} at {@code offset}. */
        void copyTo(byte[] dst, int offset);
    }

    /** Appends {@code length} bytes that {@code source} copies in: one copy from the socket's buffer, not two. */
    public void feed(int length, ByteSource source) {
        ensureCapacity(length);
        source.copyTo(buffer, end);
        end += length;
    }

    /** How many received bytes wait to be decoded. */
    public int buffered() {
        return end - start;
    }

    /** Whether the decoder is inside DATA content. */
    public boolean inData() {
        return mode == Mode.DATA;
    }

    /**
     * Switches to DATA content: call after the 354 reply. Bytes already buffered after the DATA
     * command line are message content.
     */
    public void startData() {
        if (mode == Mode.DATA) {
            throw new IllegalStateException("already in DATA");
        }
        mode = Mode.DATA;
        atLineStart = true;
        textLineLength = 0;
        dataDefects.clear();
        defectToAnnounce = null;
        endOfDataSeen = false;
    }

    /**
     * Drops every buffered byte and returns to command mode. Used at STARTTLS: whatever the client
     * sent after the STARTTLS line in clear text must not be executed (CVE-2011-0411).
     */
    public void discardBuffered() {
        start = 0;
        end = 0;
        mode = Mode.COMMAND;
        resetCommandScan();
        endOfDataSeen = false;
        defectToAnnounce = null;
    }

    /** The next event, or {@link NeedMoreInput} when the buffered bytes do not complete one. */
    public DecoderEvent next() {
        return mode == Mode.COMMAND ? nextCommand() : nextData();
    }

    // ---------------------------------------------------------------- command mode

    private DecoderEvent nextCommand() {
        while (scanPos < end) {
            byte b = buffer[scanPos++];
            if (commandPendingCr) {
                commandPendingCr = false;
                if (b == LF) {
                    return finishCommandLine(scanPos - 2);
                }
                commandBareLineEnd = true; // a CR that is not part of CRLF
                commandContentLength++;
            }
            if (b == CR) {
                commandPendingCr = true;
            } else if (b == LF) {
                // Bare LF: end the bad line now, so the client gets an answer rather than a timeout.
                commandBareLineEnd = true;
                return finishCommandLine(scanPos - 1);
            } else {
                commandContentLength++;
            }
            if (commandContentLength > MAX_COMMAND_LINE - 2) {
                commandDiscarding = true;
            }
        }
        if (commandDiscarding) {
            // Keep memory bounded: the over-long line is dropped as it arrives; only a trailing CR matters.
            start = scanPos;
        }
        compact();
        return new NeedMoreInput();
    }

    private DecoderEvent finishCommandLine(int contentEnd) {
        DecoderEvent event;
        if (commandDiscarding) {
            event = new BadCommandLine(CommandLineDefect.TOO_LONG);
        } else if (commandBareLineEnd) {
            event = new BadCommandLine(CommandLineDefect.BARE_LINE_END);
        } else {
            event = decodeUtf8(start, contentEnd);
        }
        start = scanPos;
        resetCommandScan();
        return event;
    }

    private DecoderEvent decodeUtf8(int from, int to) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(buffer, from, to - from))
                    .toString();
            return new CommandLine(text);
        } catch (CharacterCodingException e) {
            return new BadCommandLine(CommandLineDefect.MALFORMED_UTF8);
        }
    }

    private void resetCommandScan() {
        scanPos = start;
        commandContentLength = 0;
        commandPendingCr = false;
        commandBareLineEnd = false;
        commandDiscarding = false;
    }

    // ---------------------------------------------------------------- data mode

    private DecoderEvent nextData() {
        if (defectToAnnounce != null) {
            DataDefect defect = defectToAnnounce;
            defectToAnnounce = null;
            return new DataDefectFound(defect);
        }
        if (endOfDataSeen) {
            EndOfData event = new EndOfData(dataDefects);
            mode = Mode.COMMAND;
            endOfDataSeen = false;
            resetCommandScan();
            return event;
        }
        int from = start;
        int consumedFrom = start;
        int contentEnd = scanData();
        if (contentEnd > from) {
            return new DataChunk(buffer, from, contentEnd - from);
        }
        if (start == consumedFrom && defectToAnnounce == null && !endOfDataSeen) {
            compact(); // nothing decidable buffered (at most ".", "\r" or ".\r" waiting for the next byte)
            return new NeedMoreInput();
        }
        return nextData();
    }

    /**
     * Scans buffered bytes until the buffer ends or CRLF.CRLF is seen, undoing the dot-stuffing in place (the
     * content is never longer than the bytes it came from); returns where the content written from the old
     * {@code start} ends.
     *
     * <p>A byte is consumed only when its meaning is decided: a CR at the end of the buffer (CRLF or a bare CR?),
     * a dot at a line start followed by nothing or by a lone CR (stuffing dot or the end?) stay buffered until
     * the next bytes arrive. So the result is the same as a byte-at-a-time scan whatever the split points.
     *
     * <p>Inside a line the only bytes that matter are CR and LF, so a run of other bytes is found with a
     * word-at-a-time search and left where it is (or moved down once a stuffing dot was dropped): this scan is
     * the gateway's hottest loop, 1.4 MB per message with a 1 MB attachment.
     */
    private int scanData() {
        int w = start; // write index, never ahead of pos
        int pos = start;
        while (pos < end) {
            if (!atLineStart) {
                int runEnd = indexOfCrOrLf(buffer, pos, end);
                int run = runEnd - pos;
                if (run > 0) {
                    if (w != pos) {
                        System.arraycopy(buffer, pos, buffer, w, run);
                    }
                    w += run;
                    pos = runEnd;
                    countLineOctets(run);
                    continue;
                }
            }
            byte b = buffer[pos];
            if (atLineStart) {
                atLineStart = false;
                if (b == DOT) {
                    if (end - pos < 2 || (buffer[pos + 1] == CR && end - pos < 3)) {
                        atLineStart = true;
                        break; // a stuffing dot or the end: the next bytes decide
                    }
                    if (buffer[pos + 1] == CR && buffer[pos + 2] == LF) {
                        pos += 3;
                        endOfDataSeen = true;
                        break;
                    }
                    pos++; // the leading dot is dropped (RFC 5321 4.5.2); it still counts toward the line's length
                    countLineOctets(1);
                    continue;
                }
            }
            if (b == CR) {
                if (end - pos < 2) {
                    break; // CRLF or a bare CR: the next byte decides
                }
                if (buffer[pos + 1] == LF) {
                    buffer[w++] = CR;
                    buffer[w++] = LF;
                    pos += 2;
                    countLineOctets(2);
                    textLineLength = 0;
                    atLineStart = true;
                    continue;
                }
                noteDefect(DataDefect.BARE_LINE_END); // CR <not LF>
            } else if (b == LF) {
                noteDefect(DataDefect.BARE_LINE_END); // never a line end: the next dot is not at a line start
            }
            buffer[w++] = b;
            pos++;
            countLineOctets(1);
        }
        start = pos;
        return w;
    }

    private void countLineOctets(int octets) {
        textLineLength += octets;
        if (textLineLength > MAX_TEXT_LINE) {
            noteDefect(DataDefect.LINE_TOO_LONG);
        }
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long CRS = 0x0D0D0D0D0D0D0D0DL;
    private static final long LFS = 0x0A0A0A0A0A0A0A0AL;

    /**
     * The index of the first CR or LF in {@code bytes[from, to)}, or {@code to} when there is none. Eight bytes
     * at a time: a byte of {@code word ^ CRS} is zero where the byte is a CR, and {@code (v - ONES) & ~v & HIGHS}
     * flags zero bytes; a borrow can flag a byte above a real zero byte but never below one, so the lowest
     * flag is the first CR or LF.
     */
    static int indexOfCrOrLf(byte[] bytes, int from, int to) {
        int i = from;
        for (; i <= to - Long.BYTES; i += Long.BYTES) {
            long word = (long) LONGS.get(bytes, i);
            long cr = word ^ CRS;
            long lf = word ^ LFS;
            long found = ((cr - ONES) & ~cr | (lf - ONES) & ~lf) & HIGHS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            byte b = bytes[i];
            if (b == CR || b == LF) {
                return i;
            }
        }
        return to;
    }

    private void noteDefect(DataDefect defect) {
        if (dataDefects.isEmpty()) {
            defectToAnnounce = defect;
        }
        dataDefects.add(defect);
    }

    // ---------------------------------------------------------------- buffer

    private void ensureCapacity(int extra) {
        if (end + extra <= buffer.length) {
            return;
        }
        compact();
        if (end + extra > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, end + extra));
        }
    }

    /** Moves unread bytes to the front so the buffer does not grow with the connection's lifetime. */
    private void compact() {
        if (start == 0) {
            return;
        }
        int shift = start;
        System.arraycopy(buffer, start, buffer, 0, end - start);
        end -= shift;
        start = 0;
        scanPos = Math.max(0, scanPos - shift); // scanPos only means something in command mode
    }
}
