package vn.mailgw.gateway.delivery;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import vn.mailgw.gateway.message.Envelope;
import vn.mailgw.gateway.pipeline.HeaderField;

/**
 * What a {@link Delivery} sends: the client's envelope unchanged, the header fields the gateway adds, and
 * the message bytes (the spool file exactly as the client sent it, or the stamped copy). The delivered
 * message is the added fields followed by those bytes; nothing is re-serialised. {@code abandoned} turns true
 * when the client has been answered 451 meanwhile (pipeline deadline): the delivery must then stop before its
 * commit point.
 */
public record OutgoingMessage(String queueId, Envelope envelope, List<HeaderField> addedHeaders,
                              MessageContent content, BooleanSupplier abandoned) {
    public OutgoingMessage {
        Objects.requireNonNull(queueId, "queueId");
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(abandoned, "abandoned");
        addedHeaders = List.copyOf(addedHeaders);
    }

    /** A message nobody abandons (tools, notifications, tests). */
    public OutgoingMessage(String queueId, Envelope envelope, List<HeaderField> addedHeaders, MessageContent content) {
        this(queueId, envelope, addedHeaders, content, () -> false);
    }

    /** The bytes of a file (the spool file) of the given size, nobody abandons it. */
    public OutgoingMessage(String queueId, Envelope envelope, List<HeaderField> addedHeaders, Path spoolFile,
                           long spoolSize) {
        this(queueId, envelope, addedHeaders, MessageContent.file(spoolFile, spoolSize));
    }

    /** The added header fields as wire bytes, in order. */
    public byte[] headerBytes() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (HeaderField field : addedHeaders) {
            out.writeBytes(field.toWire());
        }
        return out.toByteArray();
    }
}
