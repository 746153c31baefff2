package vn.mailgw.gateway.smtp;

import java.util.Set;

/** What {@link SmtpDecoder} makes of the bytes a client sent: one event per pull. */
public sealed interface DecoderEvent {

    /** Not enough bytes buffered for the next event: feed more. */
    record NeedMoreInput() implements DecoderEvent {}

    /** A complete command line, CRLF removed. */
    record CommandLine(String text) implements DecoderEvent {}

    /**
     * A command line the decoder refused; the bytes up to its end were consumed and nothing of it runs.
     * The session answers with a 500 and stays in its state.
     */
    record BadCommandLine(CommandLineDefect defect) implements DecoderEvent {}

    /**
     * Message bytes inside DATA, dot-stuffing undone, line ends as sent: {@code array[offset, offset + length)}, a
     * view on the decoder's buffer that is valid until the next call to the decoder (copy it before). Passing a
     * view instead of a new array saves a copy and a 1 MB allocation per message.
     */
    record DataChunk(byte[] array, int offset, int length) implements DecoderEvent {
        public DataChunk {
            if (length <= 0 || offset < 0 || offset + length > array.length) {
                throw new IllegalArgumentException("a data chunk is never empty and lies inside its array");
            }
        }

        /** A copy of the content. */
        public byte[] bytes() {
            return java.util.Arrays.copyOfRange(array, offset, offset + length);
        }
    }

    /**
     * The first defect found in the current DATA (reported once, as soon as it is seen, so the session
     * can stop spooling); the decoder still consumes up to the real CRLF.CRLF.
     */
    record DataDefectFound(DataDefect defect) implements DecoderEvent {}

    /** The terminating CRLF.CRLF was seen; {@code defects} is empty for a clean message. */
    record EndOfData(Set<DataDefect> defects) implements DecoderEvent {
        public EndOfData {
            defects = Set.copyOf(defects);
        }

        public boolean clean() {
            return defects.isEmpty();
        }
    }

    /** Why a command line was refused. */
    enum CommandLineDefect {
        /** Longer than 512 octets including CRLF (RFC 5321 4.5.3.1.4). */
        TOO_LONG,
        /** A CR not followed by LF, or an LF not preceded by CR (RFC 5321 2.3.8). */
        BARE_LINE_END,
        /** Not valid UTF-8. */
        MALFORMED_UTF8
    }

    /** Why a message (DATA content) is refused after its real end. */
    enum DataDefect {
        /** A CR not followed by LF, or an LF not preceded by CR: the SMTP-smuggling vector (CVE-2023-51764). */
        BARE_LINE_END,
        /** A text line longer than 1000 octets including CRLF (RFC 5321 4.5.3.1.6). */
        LINE_TOO_LONG
    }
}
