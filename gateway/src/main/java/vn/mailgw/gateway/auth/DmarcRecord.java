package vn.mailgw.gateway.auth;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of a DMARC TXT record (RFC 7489 §6.3) the gateway uses: the policy and the alignment modes.
 *
 * @param policy     p= (none, quarantine, reject)
 * @param strictDkim adkim=s
 * @param strictSpf  aspf=s
 */
public record DmarcRecord(String policy, boolean strictDkim, boolean strictSpf) {

    /** Alignment defaults to relaxed when a domain publishes no DMARC record. */
    public static final DmarcRecord ABSENT = new DmarcRecord("none", false, false);

    /** Parses "v=DMARC1; p=reject; adkim=s"; empty when it is not a DMARC record (v= must come first). */
    public static Optional<DmarcRecord> parse(String txt) {
        Map<String, String> tags = new HashMap<>();
        String[] parts = txt.split(";");
        for (String part : parts) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                tags.put(part.substring(0, eq).strip().toLowerCase(Locale.ROOT), part.substring(eq + 1).strip());
            }
        }
        if (parts.length == 0 || !parts[0].strip().replace(" ", "").equalsIgnoreCase("v=DMARC1")) {
            return Optional.empty();
        }
        String p = tags.getOrDefault("p", "none").toLowerCase(Locale.ROOT);
        if (!p.equals("none") && !p.equals("quarantine") && !p.equals("reject")) {
            return Optional.empty();
        }
        return Optional.of(new DmarcRecord(p, "s".equalsIgnoreCase(tags.get("adkim")),
                "s".equalsIgnoreCase(tags.get("aspf"))));
    }
}
