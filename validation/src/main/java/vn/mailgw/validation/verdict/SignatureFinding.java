package vn.mailgw.validation.verdict;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import vn.mailgw.trust.anchors.AnchorFamily;
import vn.mailgw.trust.registry.SignerIdentity;

/**
 * One signature of a document as the signature engine saw it.
 *
 * @param status        the engine's conclusion
 * @param signer        who the signing certificate names
 * @param issuer        the issuing CA's name, for the stamp
 * @param signingTime   the claimed (or time-stamped) signing time, when present
 * @param details       the engine's reasons in plain words (e.g. DSS sub-indications), shown to clerks and auditors
 * @param issuerSubject the issuing CA's full subject DN (the signing certificate's issuer); empty when unknown
 * @param caFamily      the trust-store family (manifest) of the anchor the chain ends in: national-root,
 *                      government, public-licensed or test; empty when the chain ends in no trusted anchor
 */
public record SignatureFinding(SignatureStatus status, SignerIdentity signer, String issuer,
                               Optional<Instant> signingTime, List<String> details, String issuerSubject,
                               Optional<AnchorFamily> caFamily) {
    public SignatureFinding {
        if (status == null || signer == null) {
            throw new IllegalArgumentException("a signature finding needs a status and a signer");
        }
        issuer = issuer == null ? "" : issuer;
        signingTime = signingTime == null ? Optional.empty() : signingTime;
        details = List.copyOf(details == null ? List.of() : details);
        issuerSubject = issuerSubject == null ? "" : issuerSubject;
        caFamily = caFamily == null ? Optional.empty() : caFamily;
    }

    /** A finding without the issuer's DN and CA family (tests, callers that do not know them). */
    public SignatureFinding(SignatureStatus status, SignerIdentity signer, String issuer,
                            Optional<Instant> signingTime, List<String> details) {
        this(status, signer, issuer, signingTime, details, "", Optional.empty());
    }

    /** The CA family as the trust-store manifest and the audit log name it ("government", ...); null when unknown. */
    public String caFamilyName() {
        return caFamily.map(AnchorFamily::manifestName).orElse(null);
    }
}
