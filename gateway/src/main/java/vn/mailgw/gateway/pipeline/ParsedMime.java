package vn.mailgw.gateway.pipeline;

import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Objects;

/** The message as Jakarta Mail parsed it from the spool file, or why it could not. */
public sealed interface ParsedMime permits ParsedMime.Parsed, ParsedMime.Unparseable {

    /**
     * Headers parsed; the body stays in the spool file (a shared stream), not in memory.
     *
     * @param message           the message; its content streams are views on the spool file
     * @param structureProblems what was wrong with the MIME structure (unclosed multipart, ...); the message
     *                          is still delivered as received
     */
    record Parsed(MimeMessage message, List<String> structureProblems) implements ParsedMime {
        public Parsed {
            Objects.requireNonNull(message, "message");
            structureProblems = List.copyOf(structureProblems);
        }
    }

    /** Not even the header block could be read; later steps that need MIME must decide without it. */
    record Unparseable(String reason) implements ParsedMime {
        public Unparseable {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
