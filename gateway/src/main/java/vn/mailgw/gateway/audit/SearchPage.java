package vn.mailgw.gateway.audit;

import java.util.List;

/**
 * One page of search results; {@code more} says whether a next page exists (no COUNT over a million rows) and
 * {@code next} is where it starts (null on the last page).
 */
public record SearchPage(List<AuditRecord> records, boolean more, PageCursor next) {
    public SearchPage {
        records = List.copyOf(records);
    }

    public SearchPage(List<AuditRecord> records, boolean more) {
        this(records, more, null);
    }
}
