package vn.mailgw.gateway.delivery;

import java.util.List;

/** One reply read from the next hop: code and text lines (without the code and separator). */
record NextHopReply(int code, List<String> lines) {
    NextHopReply {
        lines = List.copyOf(lines);
    }

    boolean isPositive() {
        return code >= 200 && code < 300;
    }

    boolean isPermanentFailure() {
        return code >= 500 && code < 600;
    }

    /** The reply as one line for logs. */
    String summary() {
        return code + " " + String.join(" / ", lines);
    }
}
