package vn.mailgw.trust.freemail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The free-mail domains whose mailboxes may not send official documents (daknong-2012 Art 9.4).
 * The list is data: the built-in resource {@code freemail-domains.txt} plus whatever the operator adds.
 * A listed domain covers all its subdomains ({@code mail.yahoo.com.vn} is free mail because
 * {@code yahoo.com.vn} is listed); matching ignores letter case and compares internationalised names
 * in their ASCII (xn--) form, so a Unicode spelling and its punycode spelling match each other.
 * Immutable and thread-safe.
 */
public final class FreemailDomains {

    static final String BUILT_IN_RESOURCE = "freemail-domains.txt";

    private final Set<String> domains;

    private FreemailDomains(Set<String> asciiDomains) {
        this.domains = Set.copyOf(asciiDomains);
    }

    /** The built-in list shipped with the trust store. */
    public static FreemailDomains builtIn() {
        try (InputStream in = FreemailDomains.class.getResourceAsStream(BUILT_IN_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("built-in free-mail list missing from the classpath: " + BUILT_IN_RESOURCE);
            }
            return new FreemailDomains(new HashSet<>(parseList(in, "built-in " + BUILT_IN_RESOURCE)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read built-in free-mail list", e);
        }
    }

    /** Exactly the given domains (for tests and for operators who replace the list). */
    public static FreemailDomains of(Collection<String> domains) {
        Set<String> ascii = new HashSet<>();
        for (String domain : domains) {
            ascii.add(normalise(domain, "argument"));
        }
        return new FreemailDomains(ascii);
    }

    /** This list plus more domains. */
    public FreemailDomains plus(Collection<String> extraDomains) {
        Set<String> all = new HashSet<>(domains);
        for (String domain : extraDomains) {
            all.add(normalise(domain, "extra domain"));
        }
        return new FreemailDomains(all);
    }

    /** This list plus the domains in a file (same format as the built-in list: one a line, # comments). */
    public FreemailDomains plusFile(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            Set<String> all = new HashSet<>(domains);
            all.addAll(parseList(in, file.toString()));
            return new FreemailDomains(all);
        }
    }

    /** Whether the domain, or a domain it is a subdomain of, is free mail. Malformed domains are not free mail. */
    public boolean isFreemailDomain(String domain) {
        String ascii;
        try {
            ascii = normalise(domain, "domain");
        } catch (IllegalArgumentException malformed) {
            return false;
        }
        // Walk up the labels: a.b.yahoo.com.vn, b.yahoo.com.vn, yahoo.com.vn, com.vn, vn.
        String candidate = ascii;
        while (true) {
            if (domains.contains(candidate)) {
                return true;
            }
            int dot = candidate.indexOf('.');
            if (dot < 0) {
                return false;
            }
            candidate = candidate.substring(dot + 1);
        }
    }

    /**
     * Whether a mailbox address ({@code local@domain}, also a domain literal or a quoted local part) is at a
     * free-mail domain. The domain is what follows the last '@'. Addresses without a domain are not free mail.
     */
    public boolean isFreemailAddress(String address) {
        int at = address.lastIndexOf('@');
        if (at < 0 || at == address.length() - 1) {
            return false;
        }
        return isFreemailDomain(address.substring(at + 1));
    }

    public Set<String> domains() {
        return domains;
    }

    private static List<String> parseList(InputStream in, String source) throws IOException {
        List<String> result = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            try {
                result.add(normalise(text, source));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + " line " + number + ": " + e.getMessage(), e);
            }
        }
        return result;
    }

    /** Lower-case ASCII (punycode) form without a trailing dot; rejects what cannot be a domain name. */
    static String normalise(String domain, String source) {
        String text = domain.strip();
        if (text.endsWith(".")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.isEmpty() || text.startsWith(".") || text.contains("..") || text.startsWith("[")) {
            throw new IllegalArgumentException("not a domain name: '" + domain + "' (" + source + ")");
        }
        String ascii;
        try {
            ascii = IDN.toASCII(text, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a domain name: '" + domain + "' (" + source + ")", e);
        }
        ascii = ascii.toLowerCase(Locale.ROOT);
        for (int i = 0; i < ascii.length(); i++) {
            char c = ascii.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
            if (!ok) {
                throw new IllegalArgumentException("not a domain name: '" + domain + "' (" + source + ")");
            }
        }
        return ascii;
    }
}
