package vn.mailgw.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The appending thread's pre-serialised canonical form hashes to exactly what {@code audit verify} recomputes. */
class CanonicalFormTest {

    @Test
    void unchainedFormShouldHashLikeTheWholeCanonicalForm() {
        Instant t = Instant.parse("2026-05-01T08:00:00.123Z");
        // Values that look like the cut points: quotes and the keys' own text inside strings.
        MessageAudit tricky = new MessageAudit(t, "Q4", "<\"prevHash\":\"\"@x>", "a\"b@x.vn", null,
                List.of("\"seq\":1@x.vn"), "10.0.0.1", "helo \"prevHash\":\"\"", 10L, null, "Sở \"seq\":7",
                "daknong-2012", null, List.of("\"seq\":1"), Outcome.FAILED, "451", List.of("err \"x\""), List.of());
        for (MessageAudit m : List.of(TestAudits.delivered("Q1", t, "Sở Nội vụ"), TestAudits.freeMailRefusal("Q2", t,
                "a@gmail.com"), TestAudits.failed("Q3", t), tricky)) {
            AuditRecord draft = new AuditRecord("gw1." + m.queueId(), "gw1", 1, RecordKind.MESSAGE, null, m.time(),
                    m.queueId(), m.messageId(), m.envelopeSender(), m.headerFrom(), m.recipients(), m.clientIp(),
                    m.helo(), m.sizeBytes(), m.authResults(), m.agency(), m.profile(), m.outcome(), m.smtpReply(),
                    m.verdict(), m.reasonCodes(), null, null, null, null, List.of(), List.of(), m.errors(), "", "");
            // One form hashed at several positions, as when a failed group is retried one by one: the SHA-256 state
            // of the part before the previous hash is reused, never consumed.
            CanonicalForm.Unchained form = CanonicalForm.unchained(draft);
            for (long seq : new long[] {1, 9, 123_456_789_012L, 1}) {
                String prev = CanonicalForm.sha256Hex(("p" + seq).getBytes());
                String expected = CanonicalForm.hash(draft.chained(seq, prev, ""));
                assertThat(form.hash(seq, prev)).as(m.queueId() + " at " + seq).isEqualTo(expected);
            }
        }
    }
}
