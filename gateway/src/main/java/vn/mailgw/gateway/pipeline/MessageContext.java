package vn.mailgw.gateway.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.mailgw.gateway.message.ReceivedMessage;

/**
 * What the steps of one message share: the received message, typed attributes earlier steps left for
 * later ones, the header fields to put in front of the message on delivery, findings for the log and the
 * audit, and resources (open files) the runner closes when the message is done.
 * One context per message, used by one worker thread at a time: not thread-safe, and need not be.
 */
public final class MessageContext implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MessageContext.class);

    private final ReceivedMessage message;
    private final Map<Attribute<?>, Object> attributes = new HashMap<>();
    private final List<HeaderField> addedHeaders = new ArrayList<>();
    private final List<String> findings = new ArrayList<>();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private Optional<String> delivered = Optional.empty();
    private final java.util.function.BooleanSupplier abandoned;

    public MessageContext(ReceivedMessage message) {
        this(message, () -> false);
    }

    /** @param abandoned true once the client has been answered without this run (the pipeline deadline passed) */
    public MessageContext(ReceivedMessage message, java.util.function.BooleanSupplier abandoned) {
        this.message = Objects.requireNonNull(message, "message");
        this.abandoned = Objects.requireNonNull(abandoned, "abandoned");
    }

    /**
     * True once the client was told 451 for this message (the pipeline deadline passed): a step must not commit
     * anything the client will send again, above all not deliver it (the retry would arrive twice).
     */
    public boolean abandoned() {
        return abandoned.getAsBoolean();
    }

    public ReceivedMessage message() {
        return message;
    }

    public String queueId() {
        return message.queueId();
    }

    public <T> void put(Attribute<T> key, T value) {
        attributes.put(key, key.type().cast(Objects.requireNonNull(value, key.name())));
    }

    public <T> Optional<T> get(Attribute<T> key) {
        return Optional.ofNullable(attributes.get(key)).map(key.type()::cast);
    }

    /** For a value an earlier step must have produced; a missing one is a pipeline-order bug. */
    public <T> T require(Attribute<T> key) {
        return get(key).orElseThrow(() -> new IllegalStateException(
                "attribute '" + key.name() + "' missing: the step producing it must run earlier"));
    }

    /**
     * Adds a header field in front of the message. Fields are written in the order added, so the trace
     * field ({@code Received:}) is added first and stays on top as RFC 5321 4.4 wants.
     */
    public void addHeader(HeaderField field) {
        addedHeaders.add(Objects.requireNonNull(field));
    }

    public List<HeaderField> addedHeaders() {
        return List.copyOf(addedHeaders);
    }

    /** Something worth recording about this message (e.g. "mime-unparseable: ..."), kept for log and audit. */
    public void addFinding(String finding) {
        findings.add(Objects.requireNonNull(finding));
    }

    public List<String> findings() {
        return List.copyOf(findings);
    }

    /**
     * Marks the message as safe: the next hop said 250 or the Maildir file is durable. The runner answers
     * 250 only when this was called (fail closed: a pipeline without a delivery step never says 250).
     *
     * @param where for the log, e.g. "relay mx.example:25" or "maildir (2 mailboxes)"
     */
    public void markDelivered(String where) {
        delivered = Optional.of(Objects.requireNonNull(where));
    }

    public Optional<String> delivered() {
        return delivered;
    }

    /** Registers something to close when the message is done (e.g. the shared file stream under the MIME tree). */
    public void closeWhenDone(AutoCloseable resource) {
        resources.add(Objects.requireNonNull(resource));
    }

    @Override
    public void close() {
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.warn("cannot close {}", resources.get(i), e);
            }
        }
        resources.clear();
    }
}
