package vn.mailgw.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.mailgw.gateway.audit.AuditQuery;
import vn.mailgw.gateway.audit.MatchCount;
import vn.mailgw.gateway.audit.SearchPage;

/**
 * The search page's count line for the counts a small test log cannot produce (AuditorWebTest shows the exact one in
 * Chromium): more than the cap, and a count stopped by its time budget.
 */
class AuditorPagesTest {

    private static String page(MatchCount count) {
        return AuditorPages.search("kiemtoan", "csrf", Map.of(), AuditQuery.all(), new SearchPage(List.of(), false),
                count, "");
    }

    @Test
    void searchPageShouldSayTheExportIsIncompleteWhenMoreRecordsMatchThanTheCap() {
        String html = page(MatchCount.moreThanCap());

        assertThat(html).contains("<p id=\"match-count\"><strong>hơn 10 000 bản ghi khớp</strong></p>")
                .contains("tệp xuất chỉ gồm 10 000 bản ghi mới nhất");
    }

    @Test
    void searchPageShouldSayAtLeastWhenTheCountWasStoppedByItsBudget() {
        String html = page(MatchCount.atLeast(2345, Duration.ofMillis(40)));

        assertThat(html).contains("ít nhất 2 345 bản ghi khớp (ngừng đếm sau 40 ms để trang không chậm)")
                .doesNotContain("tệp xuất gồm đủ");
    }

    @Test
    void searchPageShouldSayTheExportIsCompleteWhenTheCountIsExact() {
        assertThat(page(MatchCount.exact(0))).contains(">0 bản ghi khớp<").contains("(tệp xuất gồm đủ 0 bản ghi)");
    }
}
