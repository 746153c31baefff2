package vn.mailgw.validation.verdict;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import vn.mailgw.trust.registry.SignerIdentity;
import vn.mailgw.validation.signature.DocumentValidationReport;
import vn.mailgw.validation.signature.Reason;
import vn.mailgw.validation.signature.ReasonCategory;
import vn.mailgw.validation.signature.ReasonCode;
import vn.mailgw.validation.signature.SignatureOutcome;
import vn.mailgw.validation.signature.SignatureResult;
import vn.mailgw.validation.signature.SigningTime;

/**
 * Turns the signature engine's report into the verdict engine's evidence. Kept apart so the verdict rules
 * depend only on the few facts the regulations name (signed, valid, lawful CA, who), not on DSS details.
 */
public final class SignatureEvidenceMapper {

    private SignatureEvidenceMapper() {}

    public static SignatureEvidence map(DocumentValidationReport report) {
        if (report instanceof DocumentValidationReport.NotSigned) {
            return new SignatureEvidence.NotSigned();
        }
        if (report instanceof DocumentValidationReport.Unreadable unreadable) {
            return new SignatureEvidence.NotChecked(text(unreadable.reason()));
        }
        DocumentValidationReport.Signed signed = (DocumentValidationReport.Signed) report;
        if (signed.signatures().isEmpty()) {
            return new SignatureEvidence.NotChecked("báo cáo chữ ký rỗng / empty signature report");
        }
        return new SignatureEvidence.Signed(signed.signatures().stream().map(SignatureEvidenceMapper::finding).toList());
    }

    static SignatureFinding finding(SignatureResult r) {
        return new SignatureFinding(status(r), identity(r.signer()),
                r.issuer().commonName().orElse(r.issuer().subjectDn()), time(r.signingTime()),
                r.reasons().stream().map(SignatureEvidenceMapper::text).toList(),
                r.issuer().subjectDn(), r.issuer().family());
    }

    /**
     * Integrity problems win (the document is not genuine), then an untrusted chain (not a lawful CA), then an
     * expired or revoked certificate; anything else keeps the engine's outcome.
     */
    static SignatureStatus status(SignatureResult r) {
        if (r.outcome() == SignatureOutcome.VALID) {
            return SignatureStatus.VALID;
        }
        List<ReasonCategory> categories = r.reasons().stream().map(Reason::category).toList();
        if (categories.contains(ReasonCategory.INTEGRITY) && r.outcome() == SignatureOutcome.INVALID) {
            return SignatureStatus.INVALID;
        }
        if (r.has(ReasonCode.UNTRUSTED_CHAIN)) {
            return SignatureStatus.UNTRUSTED_CA;
        }
        if (r.has(ReasonCode.CERT_EXPIRED_AT_SIGNING) || r.has(ReasonCode.CERT_REVOKED)) {
            return SignatureStatus.CERTIFICATE_NOT_VALID;
        }
        return r.outcome() == SignatureOutcome.INVALID ? SignatureStatus.INVALID : SignatureStatus.INDETERMINATE;
    }

    static SignerIdentity identity(vn.mailgw.validation.signature.SignerIdentity s) {
        Optional<String> mst = s.uid("MST");
        if (mst.isEmpty()) {
            // Some CAs put the tax code in organizationIdentifier, e.g. "NTRVN-0101234567" (ETSI EN 319 412-1).
            mst = s.organizationIdentifier().filter(o -> o.matches("(?i)(NTR|VAT)VN-[0-9-]+"))
                    .map(o -> o.substring(o.indexOf('-') + 1));
        }
        return new SignerIdentity(s.commonName().orElse(""), s.organization(), mst, s.uid("MNS"), s.email());
    }

    /** The time a clerk should see: the proven time when a timestamp proves it, else what the signer claimed. */
    static Optional<Instant> time(SigningTime t) {
        if (t.provenBy() == SigningTime.ProvenBy.TIMESTAMP) {
            return Optional.of(t.proven());
        }
        return t.claimed().or(() -> Optional.of(t.proven()));
    }

    private static String text(Reason reason) {
        return reason.code().vietnamese() + (reason.detail().isEmpty() ? "" : " (" + reason.detail() + ")");
    }
}
