package vn.mailgw.gateway.delivery;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import vn.mailgw.gateway.message.Envelope;
import vn.mailgw.gateway.pipeline.HeaderField;

/**
 * What a {@link Delivery} sends: the client's envelope unchanged, the header fields the gateway adds, and
 * the spool file with the message bytes exactly as the client sent them. The delivered message is the
 * added fields followed by those bytes; nothing is re-serialised. {@code abandoned} turns true when the client has
 * been answered 451 meanwhile (pipeline deadline): the delivery must then stop before its commit point.
 */
public record OutgoingMessage(String queueId, Envelope envelope, List<HeaderField> addedHeaders, Path spoolFile,
                              long spoolSize, java.util.function.BooleanSupplier abandoned) {

    /** A message nobody abandons (tools, tests). */
    public OutgoingMessage(String queueId, Envelope envelope, List<HeaderField> addedHeaders, Path spoolFile,
                           long spoolSize) {
        this(queueId, envelope, addedHeaders, spoolFile, spoolSize, () -> false);
    }

    public OutgoingMessage {
        Objects.requireNonNull(abandoned, "abandoned");
        Objects.requireNonNull(queueId, "queueId");
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(spoolFile, "spoolFile");
        addedHeaders = List.copyOf(addedHeaders);
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
