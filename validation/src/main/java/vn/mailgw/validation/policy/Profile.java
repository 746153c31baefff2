package vn.mailgw.validation.policy;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A province's regulation as data: the conditions it puts on paper-equivalence, each with its article, and how
 * long its logs must be kept. Loaded from {@code /vn/mailgw/validation/policy/<name>.yaml} by {@link ProfileLoader}.
 *
 * @param name            e.g. "daknong-2012"
 * @param regulation      the decision's title, e.g. "Quyết định 12/2012/QĐ-UBND tỉnh Đắk Nông"
 * @param retentionMonths how long the audit log is kept (sonla-2025 Art 11.1: 6, daknong-2012 Art 11.2(e): 12)
 * @param retentionArticle the article behind the retention period
 * @param rules           conditions in force
 */
public record Profile(String name, String regulation, int retentionMonths, String retentionArticle, List<Rule> rules) {

    public Profile {
        if (name == null || !name.matches("[a-z]+-\\d{4}")) {
            throw new IllegalArgumentException("profile name must look like 'daknong-2012': " + name);
        }
        if (retentionMonths < 1) {
            throw new IllegalArgumentException("retention must be at least one month");
        }
        rules = List.copyOf(rules);
        Map<Condition, Rule> seen = new EnumMap<>(Condition.class);
        for (Rule r : rules) {
            if (seen.put(r.condition(), r) != null) {
                throw new IllegalArgumentException(name + ": condition " + r.condition() + " listed twice");
            }
        }
        // Fail closed: no profile may let an unproven sender count (a forged From never yields PAPER_EQUIVALENT).
        if (!seen.containsKey(Condition.SENDER_AUTHENTICATED)) {
            throw new IllegalArgumentException(name + ": SENDER_AUTHENTICATED must be in force");
        }
        if (!seen.containsKey(Condition.SIGNATURE_VALID) || !seen.containsKey(Condition.LAWFUL_CA)) {
            throw new IllegalArgumentException(name + ": SIGNATURE_VALID and LAWFUL_CA must be in force");
        }
    }

    public Optional<Rule> rule(Condition condition) {
        return rules.stream().filter(r -> r.condition() == condition).findFirst();
    }

    public boolean requires(Condition condition) {
        return rule(condition).isPresent();
    }
}
