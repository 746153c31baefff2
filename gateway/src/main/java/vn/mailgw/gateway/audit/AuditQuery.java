package vn.mailgw.gateway.audit;

import java.time.Instant;
import java.util.Locale;

/**
 * An auditor's search. Every filter is optional (null); the filters combine with AND.
 * Results come newest first.
 *
 * @param from         records at or after this time
 * @param to           records before this time
 * @param sender       envelope sender or header From (exact, case-insensitive)
 * @param recipient    one of the recipients (exact, case-insensitive)
 * @param agency       the sending agency (exact)
 * @param verdict      the verdict (exact, e.g. NOT_PAPER_EQUIVALENT)
 * @param documentType the classified document type (exact, e.g. QĐ, TB, GM); file types are found by free text
 * @param text         free text: a word found in ids, addresses, names, hashes, signers, reasons or errors
 * @param kind         only messages or only documents
 * @param limit        page size, 1..10000
 * @param offset       rows to skip (small offsets only: pages go by {@code after}, see {@link PageCursor})
 * @param after        only records after this cursor (the previous page's {@link SearchPage#next()}), or null
 */
public record AuditQuery(Instant from, Instant to, String sender, String recipient, String agency, String verdict,
                         String documentType, String text, RecordKind kind, int limit, int offset, PageCursor after) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 10_000;

    public AuditQuery {
        sender = blankToNull(sender, true);
        recipient = blankToNull(recipient, true);
        agency = blankToNull(agency, false);
        verdict = blankToNull(verdict, false);
        documentType = blankToNull(documentType, false);
        text = blankToNull(text, true);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ": " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative");
        }
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("the end of the time range is before its start");
        }
    }

    public AuditQuery(Instant from, Instant to, String sender, String recipient, String agency, String verdict,
                      String documentType, String text, RecordKind kind, int limit, int offset) {
        this(from, to, sender, recipient, agency, verdict, documentType, text, kind, limit, offset, null);
    }

    public static AuditQuery all() {
        return new AuditQuery(null, null, null, null, null, null, null, null, null, DEFAULT_LIMIT, 0);
    }

    public AuditQuery withPage(int newLimit, int newOffset) {
        return new AuditQuery(from, to, sender, recipient, agency, verdict, documentType, text, kind, newLimit, newOffset,
                after);
    }

    /** The same search, the page after {@code cursor}. */
    public AuditQuery after(PageCursor cursor) {
        return new AuditQuery(from, to, sender, recipient, agency, verdict, documentType, text, kind, limit, 0, cursor);
    }

    private static String blankToNull(String s, boolean lowerCase) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String t = s.strip();
        return lowerCase ? t.toLowerCase(Locale.ROOT) : t;
    }
}
