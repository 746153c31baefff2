package vn.mailgw.gateway.audit;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What the gateway decided about one attached document; becomes one DOCUMENT record.
 * Fields that other parts of the gateway do not produce yet may be null (lists: empty).
 *
 * @param name         the attachment's file name as sent
 * @param sha256       hex SHA-256 of the attachment's bytes (64 lower-case hex digits)
 * @param type         the content-sniffed type (e.g. PDF, DOCX); null when unknown
 * @param verdict      PAPER_EQUIVALENT, NOT_PAPER_EQUIVALENT, INDETERMINATE or NOT_A_DOCUMENT; null when not decided
 * @param reasonCodes  reason codes, each citing its article (e.g. "UNSIGNED daknong-2012 Art 9.2")
 * @param documentType the classification (e.g. QĐ, TB, GM, công văn); null when not classified
 * @param profile      the policy profile applied (e.g. daknong-2012); null when none
 * @param rulesApplied the rules the profile applied, each citing its article
 * @param signatures   every signature found, in document order
 * @param errors       error texts met while handling this document
 */
public record DocumentAudit(String name, String sha256, String type, String verdict, List<String> reasonCodes,
                            String documentType, String profile, List<String> rulesApplied,
                            List<SignatureDetail> signatures, List<String> errors) {

    public DocumentAudit {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(sha256, "sha256");
        sha256 = sha256.toLowerCase(Locale.ROOT);
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 must be 64 hex digits: " + sha256);
        }
        reasonCodes = List.copyOf(reasonCodes);
        rulesApplied = List.copyOf(rulesApplied);
        signatures = List.copyOf(signatures);
        errors = List.copyOf(errors);
    }
}
