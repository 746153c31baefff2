package vn.mailgw.gateway.spool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class QueueIdsTest {

    @Test
    void nextShouldBeUniqueAndSortedWhenManyIdsInOneMillisecond() {
        QueueIds ids = new QueueIds(() -> 1_763_800_000_000L); // a frozen clock
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) { // more than the 32768 per millisecond: borrows ahead
            made.add(ids.next());
        }
        assertThat(new HashSet<>(made)).hasSize(made.size());
        assertThat(made).isSorted().allMatch(id -> id.matches("[0-9A-HJKMNP-TV-Z]{12}"));
    }

    @Test
    void nextShouldSortByTimeWhenClockAdvances() {
        AtomicLong clock = new AtomicLong(1_000);
        QueueIds ids = new QueueIds(clock::get);
        String early = ids.next();
        clock.set(1_001);
        String later = ids.next();
        clock.set(999); // the clock steps back: ids still never go backwards
        String after = ids.next();
        assertThat(early).isLessThan(later);
        assertThat(later).isLessThan(after);
    }
}
