package vn.mailgw.gateway.auth;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 or IPv6 network such as 10.20.0.0/16, for the trusted-relay list. */
public record CidrRange(byte[] network, int prefix) {

    public CidrRange {
        network = network.clone();
        if (prefix < 0 || prefix > network.length * 8) {
            throw new IllegalArgumentException("prefix out of range: /" + prefix);
        }
    }

    public static CidrRange parse(String text) {
        String[] parts = text.strip().split("/", 2);
        if (!parts[0].matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*")) {
            // Only literal addresses: a host name here would make startup depend on DNS.
            throw new IllegalArgumentException("not an IP network: " + text);
        }
        try {
            byte[] addr = InetAddress.getByName(parts[0]).getAddress();
            int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : addr.length * 8;
            return new CidrRange(addr, prefix);
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("not an IP network: " + text, e);
        }
    }

    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length != network.length) {
            return false;
        }
        int bits = a.length * 8;
        BigInteger mask = prefix == 0 ? BigInteger.ZERO
                : BigInteger.ONE.shiftLeft(prefix).subtract(BigInteger.ONE).shiftLeft(bits - prefix);
        return new BigInteger(1, a).and(mask).equals(new BigInteger(1, network).and(mask));
    }
}
