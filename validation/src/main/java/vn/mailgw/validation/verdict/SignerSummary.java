package vn.mailgw.validation.verdict;

import java.time.Instant;
import java.util.Optional;

/**
 * One signer as the stamp shows it: who, for which agency (from the registry when it knows the certificate),
 * when, and by which CA.
 */
public record SignerSummary(String signer, Optional<String> agency, Optional<Instant> signingTime, String issuer,
                            SignatureStatus status) {
    public SignerSummary {
        signer = signer == null ? "" : signer;
        agency = agency == null ? Optional.empty() : agency;
        signingTime = signingTime == null ? Optional.empty() : signingTime;
        issuer = issuer == null ? "" : issuer;
    }
}
