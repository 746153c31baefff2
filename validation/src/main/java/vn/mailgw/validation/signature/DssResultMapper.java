package vn.mailgw.validation.signature;

import java.math.BigInteger;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import eu.europa.esig.dss.diagnostic.CertificateWrapper;
import eu.europa.esig.dss.diagnostic.PDFRevisionWrapper;
import eu.europa.esig.dss.diagnostic.SignatureWrapper;
import eu.europa.esig.dss.enumerations.CertificationPermission;
import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SubIndication;
import eu.europa.esig.dss.jaxb.object.Message;
import eu.europa.esig.dss.simplereport.SimpleReport;
import eu.europa.esig.dss.diagnostic.TimestampWrapper;
import eu.europa.esig.dss.enumerations.TimestampType;
import eu.europa.esig.dss.validation.reports.Reports;

/** Turns DSS's reports for one signature, plus our revision analysis, into a {@link SignatureResult}. */
final class DssResultMapper {

    /** Reasons that settle the answer: no retry can make such a signature valid. */
    private static final Set<ReasonCode> DEFINITIVE = EnumSet.complementOf(EnumSet.of(ReasonCode.REVOCATION_UNKNOWN,
            ReasonCode.VALIDATION_TIMEOUT, ReasonCode.VALIDATION_FAILED));

    private final RevocationUnavailableAnswer revocationUnavailable;

    DssResultMapper(RevocationUnavailableAnswer revocationUnavailable) {
        this.revocationUnavailable = revocationUnavailable;
    }

    SignatureResult map(Reports reports, SignatureWrapper signature, DssSetup.TrustSources trust, Coverage coverage,
                        Instant validationTime) {
        SimpleReport simple = reports.getSimpleReport();
        String id = signature.getId();
        List<Reason> reasons = new ArrayList<>();

        Indication indication = simple.getIndication(id);
        SubIndication sub = simple.getSubIndication(id);
        String dssErrors = simple.getAdESValidationErrors(id).stream().map(Message::getValue)
                .collect(Collectors.joining("; "));
        if (!signature.isSignatureIntact()) {
            reasons.add(new Reason(ReasonCode.SIGNATURE_INVALID, "digest of the signed bytes does not match"));
        } else if (!signature.isSignatureValid()) {
            reasons.add(new Reason(ReasonCode.SIGNATURE_INVALID, "signature value does not verify"));
        }
        if (indication != Indication.TOTAL_PASSED && indication != Indication.PASSED) {
            for (Reason fromDss : fromSubIndication(sub, indication, dssErrors)) {
                if (reasons.stream().noneMatch(r -> r.code() == fromDss.code())) {
                    reasons.add(fromDss);
                }
            }
        }

        Optional<Integer> certification = certificationLevel(signature.getPDFRevision());
        for (Change change : coverage.disallowedChanges()) {
            reasons.add(new Reason(reasonFor(change.kind()), change.description()));
        }
        if (certification.orElse(0) == 1 && !coverage.changesAfter().isEmpty()) {
            reasons.add(new Reason(ReasonCode.CERTIFICATION_PERMISSIONS_VIOLATED,
                    "DocMDP P=1 allows no change, but " + coverage.changesAfter().get(0).description()));
        }

        SignatureOutcome outcome = reasons.isEmpty() ? SignatureOutcome.VALID : outcomeOf(reasons);
        CertificateWrapper signingCert = signature.getSigningCertificate();
        return new SignatureResult(id, fieldName(signature), outcome, reasons, signerOf(signingCert),
                issuerOf(signature, trust), signingTime(simple, signature, validationTime),
                signature.getSignatureFormat() == null ? "unknown" : signature.getSignatureFormat().toString(),
                coverage, certification);
    }

    SignatureOutcome outcomeOf(List<Reason> reasons) {
        boolean definitive = reasons.stream().anyMatch(r -> DEFINITIVE.contains(r.code()));
        boolean revocationUnknown = reasons.stream().anyMatch(r -> r.code() == ReasonCode.REVOCATION_UNKNOWN);
        if (definitive || (revocationUnknown && revocationUnavailable == RevocationUnavailableAnswer.INVALID)) {
            return SignatureOutcome.INVALID;
        }
        return SignatureOutcome.INDETERMINATE;
    }

    static ReasonCode reasonFor(Change.Kind kind) {
        return switch (kind) {
            case PAGES_CHANGED -> ReasonCode.PAGES_CHANGED_AFTER_SIGNING;
            case CONTENT_CHANGED -> ReasonCode.CONTENT_CHANGED_AFTER_SIGNING;
            case ANNOTATION_CHANGED -> ReasonCode.ANNOTATION_CHANGED_AFTER_SIGNING;
            case FORM_FILLED -> ReasonCode.FORM_FILLED_AFTER_SIGNING;
            case SIGNATURE_DICTIONARY_CHANGED -> ReasonCode.SIGNATURE_DICTIONARY_CHANGED;
            case SIGNATURE_APPEARANCE_OVERLAP -> ReasonCode.SIGNATURE_APPEARANCE_OVERLAPS_CONTENT;
            case SIGNATURE_APPEARANCE_OUTSIDE_FIELD -> ReasonCode.APPEARANCE_OUTSIDE_FIELD;
            case UNDEFINED -> ReasonCode.UNDEFINED_CHANGE_AFTER_SIGNING;
            case SIGNATURE_ADDED, VALIDATION_DATA_ADDED, METADATA_CHANGED -> ReasonCode.MODIFIED_AFTER_SIGNING;
        };
    }

    static List<Reason> fromSubIndication(SubIndication sub, Indication indication, String errors) {
        String detail = "DSS " + indication + (sub == null ? "" : "/" + sub) + (errors.isEmpty() ? "" : ": " + errors);
        if (sub == null) {
            return List.of(new Reason(ReasonCode.POLICY_CHECK_FAILED, detail));
        }
        ReasonCode main = switch (sub) {
            case HASH_FAILURE, SIG_CRYPTO_FAILURE -> ReasonCode.SIGNATURE_INVALID;
            case FORMAT_FAILURE -> ReasonCode.SIGNATURE_UNREADABLE;
            case NO_CERTIFICATE_CHAIN_FOUND, NO_CERTIFICATE_CHAIN_FOUND_NO_POE -> ReasonCode.UNTRUSTED_CHAIN;
            case NO_SIGNING_CERTIFICATE_FOUND -> ReasonCode.SIGNING_CERTIFICATE_NOT_IDENTIFIED;
            case OUT_OF_BOUNDS_NO_POE, OUT_OF_BOUNDS_NOT_REVOKED, EXPIRED, NOT_YET_VALID -> ReasonCode.CERT_EXPIRED_AT_SIGNING;
            case REVOKED, REVOKED_NO_POE, REVOKED_CA_NO_POE -> ReasonCode.CERT_REVOKED;
            case TRY_LATER, REVOCATION_OUT_OF_BOUNDS_NO_POE -> ReasonCode.REVOCATION_UNKNOWN;
            case CRYPTO_CONSTRAINTS_FAILURE, CRYPTO_CONSTRAINTS_FAILURE_NO_POE -> ReasonCode.WEAK_ALGORITHM;
            default -> null; // general failures: the messages say which checks failed
        };
        List<ReasonCode> codes = new ArrayList<>();
        if (main != null) {
            codes.add(main);
        }
        for (ReasonCode code : fromMessages(errors)) {
            if (!codes.contains(code)) {
                codes.add(code);
            }
        }
        if (codes.isEmpty()) {
            codes.add(ReasonCode.POLICY_CHECK_FAILED);
        }
        return codes.stream().map(c -> new Reason(c, detail)).toList();
    }

    /** DSS folds several checks into one sub-indication; its error messages say which ones failed. */
    private static List<ReasonCode> fromMessages(String errors) {
        String lower = errors.toLowerCase(java.util.Locale.ROOT);
        List<ReasonCode> codes = new ArrayList<>();
        if (lower.contains("key-usage") || lower.contains("key usage")) {
            codes.add(ReasonCode.KEY_USAGE);
        }
        if (lower.contains("revoked")) {
            codes.add(ReasonCode.CERT_REVOKED);
        } else if (lower.contains("revocation")) {
            codes.add(ReasonCode.REVOCATION_UNKNOWN);
        }
        if (lower.contains("expired") || lower.contains("not yet valid") || lower.contains("validity range")) {
            codes.add(ReasonCode.CERT_EXPIRED_AT_SIGNING);
        }
        if (lower.contains("not trusted") || lower.contains("trust anchor")) {
            codes.add(ReasonCode.UNTRUSTED_CHAIN);
        }
        if (lower.contains("cryptographic") || lower.contains("algorithm")) {
            codes.add(ReasonCode.WEAK_ALGORITHM);
        }
        if (lower.contains("not all files are signed")) {
            codes.add(ReasonCode.CONTENT_NOT_COVERED);
        }
        if (lower.contains("modif") || lower.contains("annotation") || lower.contains("mdp")
                || lower.contains("page") || lower.contains("byte range") || lower.contains("overlap")) {
            codes.add(ReasonCode.MODIFIED_AFTER_SIGNING);
        }
        return codes;
    }

    private static Optional<Integer> certificationLevel(PDFRevisionWrapper revision) {
        if (revision == null || revision.getDocMDPPermissions() == null) {
            return Optional.empty();
        }
        CertificationPermission p = revision.getDocMDPPermissions();
        return Optional.of(p.getCode());
    }

    private static Optional<String> fieldName(SignatureWrapper signature) {
        List<String> names = signature.getSignatureFieldNames();
        return names == null || names.isEmpty() ? Optional.empty() : Optional.of(names.get(0));
    }

    static SignerIdentity signerOf(CertificateWrapper cert) {
        if (cert == null || cert.getBinaries() == null) {
            return SignerIdentity.unidentified();
        }
        try {
            return CertificateSubjects.identityOf(CertificateSubjects.parse(cert.getBinaries()));
        } catch (CertificateException e) {
            return SignerIdentity.unidentified();
        }
    }

    private static IssuerInfo issuerOf(SignatureWrapper signature, DssSetup.TrustSources trust) {
        return issuerOf(signature.getCertificateChain(), trust);
    }

    /** The issuer of {@code chain}'s first certificate and the trust-store family of the anchor it reaches. */
    static IssuerInfo issuerOf(List<CertificateWrapper> chain, DssSetup.TrustSources trust) {
        if (chain == null || chain.isEmpty()) {
            return IssuerInfo.unknown();
        }
        CertificateWrapper signer = chain.get(0);
        Optional<String> issuerCn = chain.size() > 1 ? Optional.ofNullable(chain.get(1).getCommonName()) : Optional.empty();
        Optional<String> anchorDn = Optional.empty();
        Optional<vn.mailgw.trust.anchors.AnchorFamily> family = Optional.empty();
        for (CertificateWrapper c : chain) {
            if (c.isTrusted() && c.getBinaries() != null) {
                try {
                    X509Certificate x509 = CertificateSubjects.parse(c.getBinaries());
                    var entry = trust.bySha256().get(vn.mailgw.trust.anchors.TrustedCertificate.sha256Of(x509));
                    if (entry != null) {
                        anchorDn = Optional.of(entry.subject());
                        family = Optional.of(entry.family());
                        break;
                    }
                } catch (CertificateException e) {
                    // Unparseable chain element: no family.
                }
            }
        }
        String issuerDn = signer.getCertificateIssuerDN() == null ? "" : signer.getCertificateIssuerDN();
        return new IssuerInfo(issuerDn, issuerCn, anchorDn, family);
    }

    private static SigningTime signingTime(SimpleReport simple, SignatureWrapper signature, Instant validationTime) {
        Optional<Instant> claimed = Optional.ofNullable(signature.getClaimedSigningTime()).map(java.util.Date::toInstant);
        // A signature timestamp proves the time when it is intact, its signature verifies and it chains to a
        // trusted anchor (the TSA certificate's own revocation status is DSS's concern, not the time's).
        Optional<Instant> stamped = signature.getTimestampListByType(TimestampType.SIGNATURE_TIMESTAMP).stream()
                .filter(t -> t.isMessageImprintDataIntact() && t.isSignatureValid() && t.isTrustedChain())
                .map(TimestampWrapper::getProductionTime).filter(java.util.Objects::nonNull)
                .map(java.util.Date::toInstant).min(Instant::compareTo);
        return stamped.map(t -> new SigningTime(claimed, t, SigningTime.ProvenBy.TIMESTAMP))
                .orElseGet(() -> new SigningTime(claimed, validationTime, SigningTime.ProvenBy.VALIDATION_TIME));
    }

    static List<Long> byteRange(PDFRevisionWrapper revision) {
        if (revision == null || revision.getSignatureByteRange() == null) {
            return List.of();
        }
        List<Long> range = revision.getSignatureByteRange().stream().map(BigInteger::longValue).toList();
        return range.size() == 4 ? range : List.of();
    }
}
