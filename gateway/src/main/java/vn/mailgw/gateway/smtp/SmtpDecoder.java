package vn.mailgw.gateway.smtp;

import java.nio.ByteBuffer;
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

    /** Where DATA scanning stands relative to the current line. */
    private enum DataState { LINE_START, DOT_AT_START, DOT_CR, MIDDLE, CR }

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
    private DataState dataState = DataState.LINE_START;
    private int textLineLength;
    private final Set<DataDefect> dataDefects = EnumSet.noneOf(DataDefect.class);
    private DataDefect defectToAnnounce;
    private boolean endOfDataSeen;

    /** Appends bytes received from the client. */
    public void feed(byte[] bytes) {
        feed(bytes, 0, bytes.length);
    }

    public void feed(byte[] bytes, int offset, int length) {
        ensureCapacity(length);
        System.arraycopy(bytes, offset, buffer, end, length);
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
        dataState = DataState.LINE_START;
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
        if (start == end) {
            compact();
            return new NeedMoreInput();
        }
        byte[] content = scanData();
        if (content.length > 0) {
            return new DataChunk(content);
        }
        return nextData();
    }

    /**
     * Scans buffered bytes until the buffer ends or CRLF.CRLF is seen; returns the content, unstuffed.
     *
     * <p>Inside a line the only bytes that matter are CR and LF, so a run of other bytes is found with
     * a tight search and copied in one piece (this scan is the gateway's hottest loop: per-byte state
     * handling cost a quarter of the event loop's CPU). The byte that ends a run, and the first byte of
     * every line (a dot may be a stuffing dot or the end), still go through the per-byte state machine,
     * so the result is the same as a byte-at-a-time scan whatever the split points.
     */
    private byte[] scanData() {
        // One more byte than buffered at most: a CR held back from an earlier feed is emitted now.
        boolean crHeldBack = dataState == DataState.CR || dataState == DataState.DOT_CR;
        byte[] out = new byte[end - start + (crHeldBack ? 1 : 0)];
        int n = 0;
        int pos = start;
        while (pos < end && !endOfDataSeen) {
            if (dataState == DataState.MIDDLE) {
                int runEnd = indexOfCrOrLf(buffer, pos, end);
                int run = runEnd - pos;
                if (run > 0) {
                    System.arraycopy(buffer, pos, out, n, run);
                    n += run;
                    pos = runEnd;
                    textLineLength += run;
                    if (textLineLength > MAX_TEXT_LINE) {
                        noteDefect(DataDefect.LINE_TOO_LONG);
                    }
                    continue;
                }
            }
            byte b = buffer[pos++];
            textLineLength++;
            if (textLineLength > MAX_TEXT_LINE) {
                noteDefect(DataDefect.LINE_TOO_LONG);
            }
            switch (dataState) {
                case LINE_START -> {
                    if (b == DOT) {
                        dataState = DataState.DOT_AT_START; // held back: stuffing dot or the end
                    } else {
                        n = middle(b, out, n);
                    }
                }
                case DOT_AT_START -> {
                    if (b == CR) {
                        dataState = DataState.DOT_CR;
                    } else {
                        n = middle(b, out, n); // the leading dot is dropped (RFC 5321 4.5.2)
                    }
                }
                case DOT_CR -> {
                    if (b == LF) {
                        endOfDataSeen = true;
                    } else {
                        noteDefect(DataDefect.BARE_LINE_END); // "." CR <not LF>
                        out[n++] = CR;
                        dataState = DataState.MIDDLE;
                        n = middle(b, out, n);
                    }
                }
                case MIDDLE -> n = middle(b, out, n);
                case CR -> {
                    if (b == LF) {
                        out[n++] = CR;
                        out[n++] = LF;
                        dataState = DataState.LINE_START;
                        textLineLength = 0;
                    } else {
                        noteDefect(DataDefect.BARE_LINE_END);
                        out[n++] = CR;
                        dataState = DataState.MIDDLE;
                        n = middle(b, out, n);
                    }
                }
                default -> throw new IllegalStateException("unknown data state " + dataState);
            }
        }
        start = pos;
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /** The index of the first CR or LF in {@code bytes[from, to)}, or {@code to} when there is none. */
    static int indexOfCrOrLf(byte[] bytes, int from, int to) {
        int i = from;
        while (i < to) {
            byte b = bytes[i];
            if (b == CR || b == LF) {
                return i;
            }
            i++;
        }
        return to;
    }

    /** A byte in the middle of a line (or the first one that is not a dot). */
    private int middle(byte b, byte[] out, int n) {
        if (b == CR) {
            dataState = DataState.CR; // held back until we know whether LF follows
            return n;
        }
        if (b == LF) {
            noteDefect(DataDefect.BARE_LINE_END); // never a line end: the next dot is not at a line start
        }
        dataState = DataState.MIDDLE;
        out[n++] = b;
        return n;
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
