package vn.mailgw.gateway.audit;

/**
 * Where the next page of a search starts: just after this (time, id), in the results' newest-first order.
 * Keyset pagination reads the next page straight from the time index, where OFFSET would walk past every
 * earlier row (thousands of pages deep in a million records). As text ({@link #token()}): {@code <millis>-<id>}.
 */
public record PageCursor(long recordedAt, String id) {

    public PageCursor {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("page cursor without a record id");
        }
    }

    static PageCursor after(AuditRecord last) {
        return new PageCursor(last.time().toEpochMilli(), last.id());
    }

    public String token() {
        return recordedAt + "-" + id;
    }

    /** Parses {@link #token()}; a clear error for anything else (the token comes back from a link or the shell). */
    public static PageCursor parse(String token) {
        int dash = token == null ? -1 : token.indexOf('-');
        if (dash <= 0 || dash == token.length() - 1) {
            throw new IllegalArgumentException("con trỏ trang không hợp lệ / bad page cursor: " + token);
        }
        try {
            return new PageCursor(Long.parseLong(token.substring(0, dash)), token.substring(dash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("con trỏ trang không hợp lệ / bad page cursor: " + token);
        }
    }
}
