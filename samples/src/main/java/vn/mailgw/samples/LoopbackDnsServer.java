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
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;

/**
 * A real DNS responder on 127.0.0.1 (UDP and TCP, same ephemeral port) answering from an in-memory zone map,
 * built with dnsjava's wire-format message classes. Tests point the gateway's resolver at it, so SPF, DKIM and
 * DMARC go through actual DNS queries on a socket. Names not in the map get NXDOMAIN; a name marked with
 * {@link #failWithServFail} answers SERVFAIL (a temporary DNS error). With {@link #soa} negative answers carry
 * the zone's SOA (RFC 2308), so resolvers may cache them. Counts the queries per name, for cache tests.
 */
public final class LoopbackDnsServer implements AutoCloseable {

    private final Map<Name, List<Record>> zone = new ConcurrentHashMap<>();
    private final List<Name> servFail = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<Name, java.util.concurrent.atomic.AtomicInteger> queries = new ConcurrentHashMap<>();
    private final List<SOARecord> soas = new java.util.concurrent.CopyOnWriteArrayList<>();
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
        return txtWithTtl(name, 60, strings);
    }

    /** A TXT record with its own TTL in seconds. */
    public LoopbackDnsServer txtWithTtl(String name, long ttlSeconds, String... strings) {
        Name n = name(name);
        zone.computeIfAbsent(n, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                .add(new TXTRecord(n, DClass.IN, ttlSeconds, splitLong(strings)));
        return this;
    }

    /** Replaces every TXT record of {@code name} (the operator changed it). */
    public LoopbackDnsServer replaceTxt(String name, long ttlSeconds, String... strings) {
        List<Record> records = zone.get(name(name));
        if (records != null) {
            records.removeIf(r -> r.getType() == org.xbill.DNS.Type.TXT);
        }
        return txtWithTtl(name, ttlSeconds, strings);
    }

    /**
     * Negative answers (NXDOMAIN, no data) for names under {@code zoneName} carry its SOA with this minimum TTL
     * in the authority section, as real servers send them (RFC 2308 §3).
     */
    public LoopbackDnsServer soa(String zoneName, long negativeTtlSeconds) {
        Name z = name(zoneName);
        soas.add(new SOARecord(z, DClass.IN, negativeTtlSeconds, name("ns." + z), name("hostmaster." + z), 1,
                3600, 600, 86400, negativeTtlSeconds));
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

    /** {@code name} answers from the zone again (the server recovered). */
    public LoopbackDnsServer stopServFail(String name) {
        servFail.remove(name(name));
        return this;
    }

    /** How many queries for {@code name} (any type) arrived so far. */
    public int queries(String name) {
        java.util.concurrent.atomic.AtomicInteger n = queries.get(name(name));
        return n == null ? 0 : n.get();
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
        queries.computeIfAbsent(question.getName(), k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
        if (servFail.contains(question.getName())) {
            response.getHeader().setRcode(Rcode.SERVFAIL);
            return response.toWire();
        }
        List<Record> records = zone.get(question.getName());
        if (records == null) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
            addSoa(response, question.getName());
            return response.toWire();
        }
        for (Record r : records) {
            if (r.getType() == question.getType()) {
                response.addRecord(r, Section.ANSWER);
            }
        }
        if (response.getSection(Section.ANSWER).isEmpty()) {
            addSoa(response, question.getName());
        }
        return response.toWire();
    }

    private void addSoa(Message response, Name name) {
        for (SOARecord soa : soas) {
            if (name.subdomain(soa.getName())) {
                response.addRecord(soa, Section.AUTHORITY);
                return;
            }
        }
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
