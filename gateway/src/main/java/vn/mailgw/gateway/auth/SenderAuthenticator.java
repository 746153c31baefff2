package vn.mailgw.gateway.auth;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.Result;
import org.apache.james.jdkim.exceptions.FailException;
import org.apache.james.jspf.impl.SPF;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import vn.mailgw.validation.verdict.SenderAuthentication;

/**
 * Decides whether the header From of a message is proven: the client is a trusted relay, or SPF (Apache jSPF)
 * or DKIM (Apache jDKIM) passes for a domain aligned with the From domain (DMARC, RFC 7489). All DNS goes to
 * the configured resolver through one answer cache ({@link CachedDns}). Blocking (DNS): call on a worker, never
 * on the event loop. Thread-safe.
 */
public final class SenderAuthenticator {

    private static final Logger LOG = LoggerFactory.getLogger(SenderAuthenticator.class);
    // Compiled once: String.replaceAll compiles its pattern on every call, several times per message.
    private static final java.util.regex.Pattern ANGLE_OR_SPACE = java.util.regex.Pattern.compile("[>\\s]");

    private final AuthConfig config;
    private final List<CidrRange> trustedRelays;
    private final CachedDns dns;
    private final SPF spf;
    private final CachedDkimKeys dkimKeys;

    public SenderAuthenticator(AuthConfig config) {
        this.config = config;
        this.trustedRelays = config.trustedRelays().stream().map(CidrRange::parse).toList();
        try {
            SimpleResolver simple = new SimpleResolver(config.resolverHost());
            simple.setPort(config.resolverPort());
            simple.setTimeout(config.dnsTimeout());
            this.dns = new CachedDns(simple, (int) config.dnsCacheMaxTtl().toSeconds(), config.dnsCacheMaxEntries());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("auth.resolver host unknown: " + config.resolver(), e);
        }
        this.spf = new SPF(new CachedSpfDns(dns));
        this.dkimKeys = new CachedDkimKeys(dns);
    }

    /**
     * @param clientIp   the connecting client
     * @param helo       its EHLO name
     * @param mailFrom   the envelope sender ("" for bounces)
     * @param headerFrom the address in the From header ("" when missing or unparsable)
     * @param message    the raw message bytes, for DKIM
     */
    public AuthenticationReport authenticate(InetAddress clientIp, String helo, String mailFrom, String headerFrom,
                                             InputStream message) throws IOException {
        return decide(clientIp, helo, mailFrom, headerFrom, () -> checkDkim(message));
    }

    /**
     * The same for a message whose parsed header block has no DKIM-Signature field: its bytes need not be read
     * (most mail; saves opening and scanning the spool file for every message).
     */
    public AuthenticationReport authenticateUnsigned(InetAddress clientIp, String helo, String mailFrom,
                                                     String headerFrom) throws IOException {
        return decide(clientIp, helo, mailFrom, headerFrom, List::of);
    }

    /** DKIM results, computed only when the client is not a trusted relay. */
    private interface DkimCheck {
        List<AuthenticationReport.Dkim> run() throws IOException;
    }

    private AuthenticationReport decide(InetAddress clientIp, String helo, String mailFrom, String headerFrom,
                                        DkimCheck dkimCheck) throws IOException {
        String fromDomain = domainOf(headerFrom).orElse("");
        if (trustedRelays.stream().anyMatch(r -> r.contains(clientIp))) {
            String header = config.authServId() + "; x-trusted-relay=pass smtp.remote-ip=" + clientIp.getHostAddress()
                    + (fromDomain.isEmpty() ? "" : " header.from=" + fromDomain);
            return new AuthenticationReport(SenderAuthentication.TRUSTED_RELAY, "none", List.of(), "none", fromDomain,
                    header);
        }
        String spfDomain = domainOf(mailFrom).orElse(helo == null ? "" : helo.toLowerCase(Locale.ROOT));
        String spfResult = checkSpf(clientIp, mailFrom, helo);
        List<AuthenticationReport.Dkim> dkim = dkimCheck.run();
        DmarcLookup dmarc = fromDomain.isEmpty() ? new DmarcLookup(Optional.empty(), false) : lookupDmarc(fromDomain);
        DmarcRecord policy = dmarc.record().orElse(DmarcRecord.ABSENT);

        boolean spfAligned = spfResult.equals("pass") && !fromDomain.isEmpty()
                && OrganizationalDomain.aligned(spfDomain, fromDomain, policy.strictSpf());
        boolean dkimAligned = !fromDomain.isEmpty() && dkim.stream().anyMatch(d -> d.result().equals("pass")
                && OrganizationalDomain.aligned(d.domain(), fromDomain, policy.strictDkim()));
        boolean tempError = dmarc.tempError() || spfResult.equals("temperror")
                || dkim.stream().anyMatch(d -> d.result().equals("temperror"));

        SenderAuthentication outcome = spfAligned || dkimAligned ? SenderAuthentication.DMARC_PASS
                : tempError ? SenderAuthentication.TEMP_ERROR : SenderAuthentication.FAIL;
        String dmarcResult = dmarc.tempError() ? "temperror" : dmarc.record().isEmpty() ? "none"
                : outcome == SenderAuthentication.DMARC_PASS ? "pass" : "fail";

        StringBuilder h = new StringBuilder(config.authServId());
        h.append("; spf=").append(spfResult).append(" smtp.mailfrom=").append(safe(mailFrom.isEmpty()
                ? "postmaster@" + spfDomain : mailFrom));
        if (dkim.isEmpty()) {
            h.append("; dkim=none");
        }
        for (AuthenticationReport.Dkim d : dkim) {
            h.append("; dkim=").append(d.result()).append(" header.d=").append(safe(d.domain()))
                    .append(" header.s=").append(safe(d.selector()));
        }
        h.append("; dmarc=").append(dmarcResult);
        if (!fromDomain.isEmpty()) {
            h.append(" header.from=").append(safe(fromDomain));
        }
        if (dmarc.record().isEmpty() && outcome == SenderAuthentication.DMARC_PASS) {
            h.append(" (aligned ").append(spfAligned ? "spf" : "dkim").append(" pass, no DMARC record)");
        }
        return new AuthenticationReport(outcome, spfResult, dkim, dmarcResult, fromDomain, h.toString());
    }

    private String checkSpf(InetAddress clientIp, String mailFrom, String helo) {
        try {
            String from = mailFrom.isEmpty() ? "postmaster@" + helo : mailFrom;
            return spf.checkSPF(clientIp.getHostAddress(), from, helo == null ? "" : helo).getResult()
                    .toLowerCase(Locale.ROOT);
        } catch (RuntimeException e) {
            LOG.warn("SPF check failed: {}", e.toString());
            return "temperror";
        }
    }

    private List<AuthenticationReport.Dkim> checkDkim(InputStream raw) throws IOException {
        // Most mail carries no DKIM signature: look at the header block first and skip parsing the (large) body.
        java.io.BufferedInputStream message = new java.io.BufferedInputStream(raw, 64 * 1024);
        message.mark(1024 * 1024);
        if (!hasDkimSignature(message)) {
            return List.of();
        }
        message.reset();
        DKIMVerifier verifier = new DKIMVerifier(dkimKeys);
        try {
            verifier.verify(message);
        } catch (FailException e) {
            // No valid signature: the per-signature results below say why.
            LOG.debug("DKIM: {}", e.getMessage());
        }
        List<AuthenticationReport.Dkim> found = new ArrayList<>();
        for (Result r : verifier.getResults()) {
            if (r.getRecord() == null) {
                found.add(new AuthenticationReport.Dkim("", "", "permerror"));
                continue;
            }
            String result = switch (r.getResultType()) {
                case PASS -> "pass";
                case TEMPERROR -> "temperror";
                case PERMERROR -> "permerror";
                case NONE -> "none";
                default -> "fail";
            };
            found.add(new AuthenticationReport.Dkim(String.valueOf(r.getRecord().getDToken()).toLowerCase(Locale.ROOT),
                    String.valueOf(r.getRecord().getSelector()), result));
        }
        return found;
    }

    /** Reads up to the end of the header block (at most 1 MB) looking for a DKIM-Signature field. */
    private static boolean hasDkimSignature(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int read = 0;
        int b;
        while ((b = in.read()) != -1 && read++ < 1024 * 1024 - 1) {
            if (b == '\n') {
                String l = line.toString().stripTrailing();
                if (l.isEmpty()) {
                    return false;
                }
                if (l.regionMatches(true, 0, "DKIM-Signature:", 0, 15)) {
                    return true;
                }
                line.setLength(0);
            } else if (line.length() < 32) {
                line.append((char) b);
            }
        }
        // Header block longer than we looked at: let the verifier decide.
        return b != -1;
    }

    private record DmarcLookup(Optional<DmarcRecord> record, boolean tempError) {}

    /** The From domain's DMARC record, else its organisational domain's (RFC 7489 §6.6.3). */
    private DmarcLookup lookupDmarc(String fromDomain) {
        DmarcLookup direct = queryDmarc(fromDomain);
        if (direct.record().isPresent() || direct.tempError()) {
            return direct;
        }
        String org = OrganizationalDomain.of(fromDomain);
        return org.equals(fromDomain) ? direct : queryDmarc(org);
    }

    private DmarcLookup queryDmarc(String domain) {
        CachedDns.Answer answer = dns.lookup("_dmarc." + domain, Type.TXT);
        if (answer.outcome() == CachedDns.Outcome.TEMPORARY) {
            return new DmarcLookup(Optional.empty(), true);
        }
        for (Record r : answer.records()) {
            if (r instanceof TXTRecord txt) {
                Optional<DmarcRecord> parsed = DmarcRecord.parse(String.join("", txt.getStrings()));
                if (parsed.isPresent()) {
                    return new DmarcLookup(parsed, false);
                }
            }
        }
        return new DmarcLookup(Optional.empty(), false);
    }

    static Optional<String> domainOf(String address) {
        if (address == null) {
            return Optional.empty();
        }
        int at = address.lastIndexOf('@');
        if (at < 0 || at == address.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(ANGLE_OR_SPACE.matcher(address.substring(at + 1).strip().toLowerCase(Locale.ROOT))
                .replaceAll(""));
    }

    /** Values in the header come from the client: keep only characters safe in an RFC 8601 value. */
    private static String safe(String value) {
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(c -> out.append(isSafeInHeader(c) ? (char) c : '?'));
        return out.toString();
    }

    private static boolean isSafeInHeader(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || ".@_+=-".indexOf(c) >= 0;
    }
}
