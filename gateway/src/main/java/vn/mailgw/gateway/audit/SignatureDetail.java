package vn.mailgw.gateway.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One signature found on a document, as the validation reported it.
 *
 * @param signer      the signer certificate's subject (identity), e.g. "CN=Nguyễn Văn A, O=Sở Nội vụ"
 * @param issuer      the issuing CA's subject; null when unknown
 * @param caFamily    which kind of CA the chain ends at (national-root, government, public-licensed, test); null when unknown
 * @param signingTime the claimed or timestamped signing time; null when the signature carries none
 * @param status      the signature's own result (e.g. VALID, INVALID, INDETERMINATE)
 */
public record SignatureDetail(String signer, String issuer, String caFamily, Instant signingTime, String status) {

    public SignatureDetail {
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(status, "status");
        // Stored as epoch milliseconds; truncating here keeps the hash stable across a database round trip.
        signingTime = signingTime == null ? null : signingTime.truncatedTo(ChronoUnit.MILLIS);
    }
}
