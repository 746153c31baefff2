package vn.mailgw.gateway.auth;

import java.util.Locale;
import java.util.Set;

/**
 * The organisational domain for DMARC relaxed alignment (RFC 7489 §3.2): one label below the public suffix.
 * A small built-in suffix set instead of the full Public Suffix List: enough for Vietnamese government mail,
 * where {@code gov.vn} is a public suffix (so sonla.gov.vn and daknong.gov.vn are different organisations).
 */
public final class OrganizationalDomain {

    private static final Set<String> PUBLIC_SUFFIXES = Set.of(
            "vn", "gov.vn", "com.vn", "net.vn", "org.vn", "edu.vn", "ac.vn", "info.vn", "biz.vn", "name.vn",
            "pro.vn", "health.vn", "int.vn",
            "com", "net", "org", "edu", "gov", "int", "mil", "info", "biz", "io", "example", "test", "localhost",
            "uk", "co.uk", "org.uk", "gov.uk", "jp", "co.jp", "cn", "com.cn", "kr", "co.kr", "de", "fr", "eu");

    private OrganizationalDomain() {}

    public static String of(String domain) {
        String d = domain.toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
        String[] labels = d.split("\\.");
        // Find the longest public suffix, then keep one more label.
        for (int i = 0; i < labels.length; i++) {
            String suffix = String.join(".", java.util.Arrays.copyOfRange(labels, i, labels.length));
            if (PUBLIC_SUFFIXES.contains(suffix)) {
                return i == 0 ? d : String.join(".", java.util.Arrays.copyOfRange(labels, i - 1, labels.length));
            }
        }
        // Unknown TLD: treat the last label as the suffix.
        return labels.length <= 2 ? d : labels[labels.length - 2] + "." + labels[labels.length - 1];
    }

    /** DMARC alignment of two domains: strict = equal, relaxed = same organisational domain. */
    public static boolean aligned(String a, String b, boolean strict) {
        String x = a.toLowerCase(Locale.ROOT);
        String y = b.toLowerCase(Locale.ROOT);
        return strict ? x.equals(y) : of(x).equals(of(y));
    }
}
