package vn.mailgw.validation.verdict;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import vn.mailgw.trust.registry.SignerIdentity;

/**
 * One signature of a document as the signature engine saw it.
 *
 * @param status      the engine's conclusion
 * @param signer      who the signing certificate names
 * @param issuer      the issuing CA's name, for the stamp
 * @param signingTime the claimed (or time-stamped) signing time, when present
 * @param details     the engine's reasons in plain words (e.g. DSS sub-indications), shown to clerks and auditors
 */
public record SignatureFinding(SignatureStatus status, SignerIdentity signer, String issuer,
                               Optional<Instant> signingTime, List<String> details) {
    public SignatureFinding {
        if (status == null || signer == null) {
            throw new IllegalArgumentException("a signature finding needs a status and a signer");
        }
        issuer = issuer == null ? "" : issuer;
        signingTime = signingTime == null ? Optional.empty() : signingTime;
        details = List.copyOf(details == null ? List.of() : details);
    }
}
