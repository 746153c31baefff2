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
                        DOCUMENT_ENCRYPTED, SIGNATURE_FORMAT_UNSUPPORTED -> SignatureOutcome.INDETERMINATE;
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

    /**
     * A signed document: one result per signature, in file order, and DSS's machine report.
     *
     * @param signedContent for a signature container (ASiC, enveloping .p7m): the files it signs, which are the
     *                      documents the regulations speak of; empty when the file itself is the document
     */
    record Signed(String fileName, List<SignatureResult> signatures, MachineReport machineReport,
                  List<SignedContent> signedContent) implements DocumentValidationReport {
        public Signed {
            Objects.requireNonNull(fileName, "fileName");
            signatures = List.copyOf(signatures);
            if (signatures.isEmpty()) {
                throw new IllegalArgumentException("a signed document has at least one signature; use NotSigned");
            }
            Objects.requireNonNull(machineReport, "machineReport");
            signedContent = List.copyOf(signedContent);
        }

        /** A document that is its own content (PDF, Office file, detached .p7s over a file). */
        public Signed(String fileName, List<SignatureResult> signatures, MachineReport machineReport) {
            this(fileName, signatures, machineReport, List.of());
        }

        @Override
        public SignatureOutcome outcome() {
            return signatures.stream().map(SignatureResult::outcome)
                    .reduce(SignatureOutcome.VALID, SignatureOutcome::worst);
        }
    }
}
