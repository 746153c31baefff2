package vn.mailgw.gateway.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A next hop that answers chosen commands with chosen replies (e.g. RCPT → "550 5.1.1 no such user").
 * A fake, used only where GreenMail cannot give the reply a test needs: GreenMail accepts everything.
 * With the key CLOSE_AFTER_DOT it drops the connection after each message (without QUIT).
 * Every other command gets 250 (354 for DATA); the data is read up to the final dot. Replies are written after
 * each line, so a client may pipeline (RFC 2920) when the EHLO reply (key EHLO) offers PIPELINING. With the key
 * DATA_DELAY_MS the 354 comes that many milliseconds late (a slow next hop).
 */
public final class ScriptedSmtpPeer implements AutoCloseable {

    private final ServerSocket server;
    private final Map<String, String> replies;
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final List<String> arrivedWithNext = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger messages = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger abortedMessages = new java.util.concurrent.atomic.AtomicInteger();
    private final Thread thread;

    public ScriptedSmtpPeer(Map<String, String> replies) throws IOException {
        this.server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        this.replies = Map.copyOf(replies);
        this.thread = new Thread(this::serve, "scripted-smtp-peer");
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The commands received (verbs with arguments), in order. */
    public List<String> commands() {
        return List.copyOf(commands);
    }

    /** Commands whose following command had already arrived before this one was answered (pipelined). */
    public List<String> commandsArrivedWithNext() {
        return List.copyOf(arrivedWithNext);
    }

    /** Messages received up to their final dot (what a real next hop would have accepted). */
    public int messagesCompleted() {
        return messages.get();
    }

    /** Transfers the client broke off (connection closed) before the final dot: a real next hop discards them. */
    public int abortedMessages() {
        return abortedMessages.get();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                converse(socket);
            } catch (IOException e) {
                // closed or client gone: next connection
            }
        }
    }

    private void converse(Socket socket) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = socket.getOutputStream();
        write(out, replies.getOrDefault("CONNECT", "220 peer ESMTP"));
        String line;
        while ((line = in.readLine()) != null) {
            commands.add(line);
            if (in.ready()) {
                arrivedWithNext.add(line);
            }
            String verb = line.split("[ :]", 2)[0].toUpperCase(java.util.Locale.ROOT);
            String reply = replies.get(verb);
            if (reply == null) {
                reply = switch (verb) {
                    case "EHLO" -> "250-peer\r\n250-8BITMIME\r\n250 SIZE 100000000";
                    case "DATA" -> "354 go ahead";
                    case "QUIT" -> "221 bye";
                    default -> "250 ok";
                };
            }
            if (verb.equals("DATA") && replies.containsKey("DATA_DELAY_MS")) {
                try {
                    Thread.sleep(Long.parseLong(replies.get("DATA_DELAY_MS")));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            write(out, reply);
            if (verb.equals("DATA") && reply.startsWith("354")) {
                String data;
                while ((data = in.readLine()) != null && !data.equals(".")) {
                    // discard
                }
                if (data == null) {
                    abortedMessages.incrementAndGet();
                    return; // the client closed before the final dot: no message
                }
                messages.incrementAndGet();
                write(out, replies.getOrDefault("DOT", "250 2.0.0 queued"));
                if (replies.containsKey("CLOSE_AFTER_DOT")) {
                    return; // like a next hop that drops a connection after each message
                }
            }
            if (verb.equals("QUIT")) {
                return;
            }
        }
    }

    private static void write(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
