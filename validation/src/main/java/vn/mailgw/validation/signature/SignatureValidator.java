package vn.mailgw.validation.signature;

import java.time.Instant;
import java.util.Objects;

import vn.mailgw.trust.anchors.TrustSnapshot;

/**
 * Validates the digital signatures of one document: PAdES in a PDF, or a detached CAdES .p7s
 * beside the file it signs. Thread-safe; create one per process (it holds the DSS caches) and
 * call {@link #warmUp()} at start-up. Blocking: never call it on an event loop.
 */
public final class SignatureValidator {

    private final ValidationConfig config;

    public SignatureValidator(ValidationConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public ValidationConfig config() {
        return config;
    }

    /**
     * Validates every signature of a PDF. Never throws for bad input: an unreadable, encrypted or
     * over-budget file gives {@link DocumentValidationReport.Unreadable}.
     */
    public DocumentValidationReport validate(byte[] document, String fileName, TrustSnapshot trust,
                                             Instant validationTime) {
        throw new UnsupportedOperationException("API only: implementation follows on branch signatures");
    }

    /** Validates a detached CAdES signature ({@code .p7s}) over {@code signedFile}. */
    public DocumentValidationReport validateDetached(byte[] signedFile, String signedFileName, byte[] p7s,
                                                     TrustSnapshot trust, Instant validationTime) {
        throw new UnsupportedOperationException("API only: implementation follows on branch signatures");
    }

    /** Loads classes and the policy and runs one validation, so the first real message is not the slow one. */
    public void warmUp() {
        throw new UnsupportedOperationException("API only: implementation follows on branch signatures");
    }
}
