package vn.mailgw.gateway.smtp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** "FROM:<path> P1 P2" split into the path (brackets and source route removed) and its parameters. */
record PathAndParameters(String path, List<String> parameters) {

    PathAndParameters {
        parameters = List.copyOf(parameters);
    }

    static Parsed<PathAndParameters> split(String argument, String keyword, boolean nullPathAllowed) {
        if (!argument.regionMatches(true, 0, keyword, 0, keyword.length())) {
            return MailFrom.refuse(501, "5.5.4", "Syntax: " + keyword.toUpperCase(Locale.ROOT) + "<address>");
        }
        String rest = argument.substring(keyword.length()).stripLeading(); // tolerate "FROM: <a@b>"
        if (!rest.startsWith("<")) {
            return MailFrom.refuse(501, "5.5.4", "Address must be in angle brackets: <user@domain>");
        }
        int close = rest.indexOf('>');
        if (close < 0) {
            return MailFrom.refuse(501, "5.5.4", "Missing closing angle bracket");
        }
        String path = rest.substring(1, close);
        int routeEnd = path.startsWith("@") ? path.indexOf(':') : -1;
        if (routeEnd >= 0) {
            path = path.substring(routeEnd + 1); // RFC 5321 4.1.1.3: source routes are ignored
        }
        if (path.isEmpty()) {
            if (!nullPathAllowed) {
                return MailFrom.refuse(501, "5.1.3", "Recipient address is empty");
            }
        } else if (!looksLikeMailbox(path)) {
            return MailFrom.refuse(501, "5.1.3", "Bad address syntax: expected user@domain");
        }
        List<String> parameters = new ArrayList<>();
        for (String p : rest.substring(close + 1).trim().split(" +")) {
            if (!p.isEmpty()) {
                parameters.add(p);
            }
        }
        return new Parsed.Ok<>(new PathAndParameters(path, parameters));
    }

    /** local@domain, no spaces or brackets, domain not empty. Deliberately simple: the next hop judges the rest. */
    private static boolean looksLikeMailbox(String path) {
        int at = path.lastIndexOf('@');
        if (at <= 0 || at == path.length() - 1) {
            return false;
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c <= ' ' || c == '<' || c == '>' || c == 0x7f) {
                return false;
            }
        }
        return true;
    }

    static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7f) {
                return false;
            }
        }
        return true;
    }
}
