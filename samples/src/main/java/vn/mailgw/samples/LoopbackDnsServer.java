package vn.mailgw.samples;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;

/**
 * A real DNS responder on 127.0.0.1 (UDP and TCP, same ephemeral port) answering from an in-memory zone map,
 * built with dnsjava's wire-format message classes. Tests point the gateway's resolver at it, so SPF, DKIM and
 * DMARC go through actual DNS queries on a socket. Names not in the map get NXDOMAIN; a name marked with
 * {@link #failWithServFail} answers SERVFAIL (a temporary DNS error).
 */
public final class LoopbackDnsServer implements AutoCloseable {

    private final Map<Name, List<Record>> zone = new ConcurrentHashMap<>();
    private final List<Name> servFail = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final DatagramSocket udp;
    private final ServerSocket tcp;
    private volatile boolean running = true;

    public LoopbackDnsServer() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        ServerSocket t = null;
        DatagramSocket u = null;
        for (int attempt = 0; attempt < 20 && u == null; attempt++) {
            t = new ServerSocket(0, 50, loopback);
            try {
                u = new DatagramSocket(new InetSocketAddress(loopback, t.getLocalPort()));
            } catch (IOException portTakenForUdp) {
                t.close();
            }
        }
        if (u == null) {
            throw new IOException("no port free for both UDP and TCP on loopback");
        }
        this.tcp = t;
        this.udp = u;
        Thread udpThread = new Thread(this::serveUdp, "dns-udp");
        udpThread.setDaemon(true);
        udpThread.start();
        Thread tcpThread = new Thread(this::serveTcp, "dns-tcp");
        tcpThread.setDaemon(true);
        tcpThread.start();
    }

    public int port() {
        return udp.getLocalPort();
    }

    /** "127.0.0.1:port", the form the gateway's {@code auth.resolver} takes. */
    public String address() {
        return "127.0.0.1:" + port();
    }

    public LoopbackDnsServer txt(String name, String... strings) {
        Name n = name(name);
        zone.computeIfAbsent(n, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                .add(new TXTRecord(n, DClass.IN, 60, splitLong(strings)));
        return this;
    }

    public LoopbackDnsServer a(String name, String ip) throws IOException {
        Name n = name(name);
        zone.computeIfAbsent(n, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                .add(new ARecord(n, DClass.IN, 60, InetAddress.getByName(ip)));
        return this;
    }

    public LoopbackDnsServer failWithServFail(String name) {
        servFail.add(name(name));
        return this;
    }

    /** TXT strings are at most 255 octets each (RFC 1035); long DKIM keys are split. */
    private static List<String> splitLong(String[] strings) {
        List<String> parts = new ArrayList<>();
        for (String s : strings) {
            for (int i = 0; i < s.length(); i += 255) {
                parts.add(s.substring(i, Math.min(s.length(), i + 255)));
            }
        }
        return parts;
    }

    private static Name name(String name) {
        try {
            return Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private byte[] answer(byte[] query) {
        Message request;
        try {
            request = new Message(query);
        } catch (IOException e) {
            Message error = new Message();
            error.getHeader().setRcode(Rcode.FORMERR);
            return error.toWire();
        }
        Message response = new Message(request.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        if (request.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        Record question = request.getQuestion();
        if (question == null) {
            response.getHeader().setRcode(Rcode.FORMERR);
            return response.toWire();
        }
        response.addRecord(question, Section.QUESTION);
        if (servFail.contains(question.getName())) {
            response.getHeader().setRcode(Rcode.SERVFAIL);
            return response.toWire();
        }
        List<Record> records = zone.get(question.getName());
        if (records == null) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
            return response.toWire();
        }
        for (Record r : records) {
            if (r.getType() == question.getType()) {
                response.addRecord(r, Section.ANSWER);
            }
        }
        return response.toWire();
    }

    private void serveUdp() {
        byte[] buffer = new byte[4096];
        while (running) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                udp.receive(packet);
                byte[] query = java.util.Arrays.copyOf(packet.getData(), packet.getLength());
                byte[] reply = answer(query);
                if (reply.length > 512) {
                    // Too big for plain UDP: answer truncated, the client retries over TCP.
                    Message tc = new Message(new Message(query).getHeader().getID());
                    tc.getHeader().setFlag(Flags.QR);
                    tc.getHeader().setFlag(Flags.TC);
                    tc.addRecord(new Message(query).getQuestion(), Section.QUESTION);
                    reply = tc.toWire();
                }
                udp.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
            } catch (IOException e) {
                if (!running) {
                    return;
                }
            }
        }
    }

    private void serveTcp() {
        while (running) {
            try (Socket s = tcp.accept()) {
                s.setSoTimeout(5000);
                DataInputStream in = new DataInputStream(s.getInputStream());
                DataOutputStream out = new DataOutputStream(s.getOutputStream());
                int length = in.readUnsignedShort();
                byte[] query = in.readNBytes(length);
                byte[] reply = answer(query);
                out.writeShort(reply.length);
                out.write(reply);
                out.flush();
            } catch (IOException e) {
                if (!running) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        running = false;
        udp.close();
        tcp.close();
    }
}
