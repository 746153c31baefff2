package vn.mailgw.validation.signature;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The validation result of one signature.
 *
 * @param id            DSS's identifier of the signature (stable for the same file)
 * @param fieldName     the PDF signature field name; empty for CAdES
 * @param outcome       VALID only when every check passed
 * @param reasons       why it is not VALID (empty exactly when it is VALID)
 * @param signer        the signer's identity from the certificate
 * @param issuer        issuing CA and trusted family
 * @param signingTime   claimed and proven signing time
 * @param format        signature format and level as DSS names it, e.g. {@code PAdES-BASELINE-B},
 *                      {@code CAdES-BASELINE-T}; "unknown" when not determined
 * @param coverage      what part of the file it covers and what follows it
 * @param certification DocMDP permission level (1, 2 or 3) when this is a certification signature
 */
public record SignatureResult(String id, Optional<String> fieldName, SignatureOutcome outcome, List<Reason> reasons,
                              SignerIdentity signer, IssuerInfo issuer, SigningTime signingTime, String format,
                              Coverage coverage, Optional<Integer> certification) {

    public SignatureResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(fieldName, "fieldName");
        Objects.requireNonNull(outcome, "outcome");
        reasons = List.copyOf(reasons);
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(signingTime, "signingTime");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(coverage, "coverage");
        Objects.requireNonNull(certification, "certification");
        if ((outcome == SignatureOutcome.VALID) != reasons.isEmpty()) {
            // Fail closed by construction: a VALID result cannot carry a reason, and a failure must say why.
            throw new IllegalArgumentException("outcome " + outcome + " with reasons " + reasons);
        }
    }

    public boolean isValid() {
        return outcome == SignatureOutcome.VALID;
    }

    /** True when no reason concerns the signed bytes or what follows them. */
    public boolean integrityIntact() {
        return reasons.stream().noneMatch(r -> r.category() == ReasonCategory.INTEGRITY);
    }

    /** True when some reason is of this category. */
    public boolean category(ReasonCategory category) {
        return reasons.stream().anyMatch(r -> r.category() == category);
    }

    public boolean has(ReasonCode code) {
        return reasons.stream().anyMatch(r -> r.code() == code);
    }
}
