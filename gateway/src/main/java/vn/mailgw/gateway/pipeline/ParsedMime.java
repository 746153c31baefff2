package vn.mailgw.gateway.pipeline;

import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The message as Jakarta Mail parsed it from the spool file, or why it could not. */
public sealed interface ParsedMime permits ParsedMime.Parsed, ParsedMime.Unparseable {

    /**
     * Headers parsed; the body stays in the spool file (a shared stream), not in memory.
     *
     * @param message           the message; its content streams are views on the spool file
     * @param structureProblems what was wrong with the MIME structure (unclosed multipart, ...); the message
     *                          is still delivered as received
     * @param layout            the multipart tree when the message is well-formed (found by one fast scan); empty
     *                          otherwise, and then Jakarta Mail's parser is the one that walks it
     */
    record Parsed(MimeMessage message, List<String> structureProblems, Optional<MimeLayout> layout)
            implements ParsedMime {
        public Parsed {
            Objects.requireNonNull(message, "message");
            structureProblems = List.copyOf(structureProblems);
            Objects.requireNonNull(layout, "layout");
        }

        /** Without a fast layout: readers walk the multiparts with Jakarta Mail. */
        public Parsed(MimeMessage message, List<String> structureProblems) {
            this(message, structureProblems, Optional.empty());
        }
    }

    /** Not even the header block could be read; later steps that need MIME must decide without it. */
    record Unparseable(String reason) implements ParsedMime {
        public Unparseable {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
