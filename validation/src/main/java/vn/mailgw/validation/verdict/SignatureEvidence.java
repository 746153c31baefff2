package vn.mailgw.validation.verdict;

import java.util.List;

/**
 * What is known about a document's signatures. The seam to the signature engine: the gateway converts the
 * engine's report into one of these, so the verdict rules never depend on DSS types.
 */
public sealed interface SignatureEvidence {

    /** The document carries no signature at all. */
    record NotSigned() implements SignatureEvidence {}

    /** One finding per signature, in document order (several: the signer and the agency, Decree 30/2020 Art 5). */
    record Signed(List<SignatureFinding> signatures) implements SignatureEvidence {
        public Signed {
            signatures = List.copyOf(signatures);
            if (signatures.isEmpty()) {
                throw new IllegalArgumentException("Signed needs at least one signature; use NotSigned");
            }
        }
    }

    /** The engine failed or timed out on this document: never read as "not signed" nor as valid. */
    record NotChecked(String cause) implements SignatureEvidence {
        public NotChecked {
            if (cause == null || cause.isBlank()) {
                throw new IllegalArgumentException("NotChecked needs a cause");
            }
        }
    }
}
