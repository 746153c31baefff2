package vn.mailgw.gateway.auth;

import java.util.List;
import vn.mailgw.validation.verdict.SenderAuthentication;

/**
 * What the sender checks found, and the Authentication-Results header (RFC 8601) that records it.
 *
 * @param outcome    the conclusion the verdict engine uses
 * @param spf        SPF result for the envelope sender: pass, fail, softfail, neutral, none, temperror, permerror
 * @param dkim       one entry per DKIM signature
 * @param dmarc      pass, fail, none (no record), temperror
 * @param fromDomain the header From domain the checks were aligned against
 * @param headerValue the value of the Authentication-Results header (without the name)
 */
public record AuthenticationReport(SenderAuthentication outcome, String spf, List<Dkim> dkim, String dmarc,
                                   String fromDomain, String headerValue) {

    public static final String HEADER = "Authentication-Results";

    /** One DKIM signature: its signing domain (d=), selector (s=) and result (pass, fail, temperror, permerror). */
    public record Dkim(String domain, String selector, String result) {}

    public AuthenticationReport {
        dkim = List.copyOf(dkim);
        if (headerValue.contains("\r") || headerValue.contains("\n")) {
            throw new IllegalArgumentException("header value must be a single line before folding");
        }
    }
}
