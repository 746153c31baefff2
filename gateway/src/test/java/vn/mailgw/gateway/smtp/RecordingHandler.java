package vn.mailgw.gateway.smtp;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import vn.mailgw.gateway.message.MessageHandler;
import vn.mailgw.gateway.message.ReceivedMessage;

/**
 * The collaborator the SMTP tests hand messages to: reads the spool file (on a worker), records the
 * message and its bytes, deletes the file as the contract says, and answers 250 with the queue id.
 * {@link #failNext} makes the next call fail, to test the 451 path.
 */
final class RecordingHandler implements MessageHandler {

    record Received(ReceivedMessage message, byte[] bytes) {}

    private final Vertx vertx;
    final List<Received> received = new CopyOnWriteArrayList<>();
    volatile boolean failNext;
    final AtomicInteger calls = new AtomicInteger();
    /** The threads the sessions called from: one event loop per SMTP listener instance in use. */
    final java.util.Set<String> callingThreads = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** When set, replies are held until the test completes this promise (to observe ordering and shutdown). */
    volatile Promise<Void> gate;

    RecordingHandler(Vertx vertx) {
        this.vertx = vertx;
    }

    @Override
    public Future<SmtpReply> handle(ReceivedMessage message) {
        calls.incrementAndGet();
        callingThreads.add(Thread.currentThread().getName());
        if (failNext) {
            failNext = false;
            return Future.failedFuture(new IllegalStateException("test failure"));
        }
        Promise<Void> held = gate;
        Future<Void> go = held == null ? Future.succeededFuture() : held.future();
        return go.compose(v -> vertx.executeBlocking(() -> {
            byte[] bytes = Files.readAllBytes(message.spoolFile());
            Files.delete(message.spoolFile());
            received.add(new Received(message, bytes));
            return SmtpReply.of(250, EnhancedStatus.of(2, 0, 0), "Ok: queued as " + message.queueId());
        }));
    }
}
