package vn.mailgw.validation.signature;

import java.util.List;
import java.util.Objects;

/**
 * The outcome for one document: it could not be read, it carries no signature, or it is signed
 * and each signature has its result. A signed document is valid only when every signature is
 * (the signing official and the agency, Decree 30/2020 Art 5).
 */
public sealed interface DocumentValidationReport {

    String fileName();

    /** The document-level outcome: VALID only for a signed document whose every signature is VALID. */
    SignatureOutcome outcome();

    List<SignatureResult> signatures();

    default boolean isValid() {
        return outcome() == SignatureOutcome.VALID;
    }

    /** The file could not be read or checked within budget; {@code reason} says why. */
    record Unreadable(String fileName, Reason reason) implements DocumentValidationReport {
        public Unreadable {
            Objects.requireNonNull(fileName, "fileName");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public SignatureOutcome outcome() {
            // An unreadable document is not proven genuine: never VALID. INDETERMINATE for budget/timeouts
            // (a retry with more budget could decide), INVALID for files that are simply broken.
            return switch (reason.code()) {
                case VALIDATION_TIMEOUT, VALIDATION_FAILED, DOCUMENT_TOO_LARGE, DOCUMENT_TOO_COMPLEX,
                        DOCUMENT_ENCRYPTED -> SignatureOutcome.INDETERMINATE;
                default -> SignatureOutcome.INVALID;
            };
        }

        @Override
        public List<SignatureResult> signatures() {
            return List.of();
        }
    }

    /** A readable document without any signature. */
    record NotSigned(String fileName) implements DocumentValidationReport {
        public NotSigned {
            Objects.requireNonNull(fileName, "fileName");
        }

        @Override
        public SignatureOutcome outcome() {
            return SignatureOutcome.INVALID;
        }

        @Override
        public List<SignatureResult> signatures() {
            return List.of();
        }
    }

    /** A signed document: one result per signature, in file order, and DSS's machine report. */
    record Signed(String fileName, List<SignatureResult> signatures, MachineReport machineReport)
            implements DocumentValidationReport {
        public Signed {
            Objects.requireNonNull(fileName, "fileName");
            signatures = List.copyOf(signatures);
            if (signatures.isEmpty()) {
                throw new IllegalArgumentException("a signed document has at least one signature; use NotSigned");
            }
            Objects.requireNonNull(machineReport, "machineReport");
        }

        @Override
        public SignatureOutcome outcome() {
            return signatures.stream().map(SignatureResult::outcome)
                    .reduce(SignatureOutcome.VALID, SignatureOutcome::worst);
        }
    }
}
