package vn.mailgw.gateway.audit;

import java.util.List;

/** One page of search results; {@code more} says whether a next page exists (no COUNT over a million rows). */
public record SearchPage(List<AuditRecord> records, boolean more) {
    public SearchPage {
        records = List.copyOf(records);
    }
}
