package vn.mailgw.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import vn.mailgw.trust.anchors.TrustConfig;
import vn.mailgw.validation.signature.RevocationUnavailableAnswer;
import vn.mailgw.validation.signature.ValidationConfig;

/**
 * The {@code validation} section: the signature engine's settings (issue 3). The trust folder itself is
 * {@code verdict.trustFolder}; this section says how it is watched and how signatures are checked.
 *
 * @param revocationOnline      fetch OCSP/CRL answers over the network (false: only what the document embeds)
 * @param revocationUnavailable what a signature gets when no revocation answer can be had: INDETERMINATE
 *                              (default) or INVALID; never a silent pass
 * @param revocationTimeout     connect/read timeout of each OCSP/CRL request
 * @param ocspCacheTtl          how long an OCSP answer is reused
 * @param crlCacheTtl           how long a CRL is reused (at most until its nextUpdate)
 * @param documentTimeout       time budget per document; over it the document is "not checked" (fail closed)
 * @param maxDocumentSize       size budget per document (daknong-2012 Art 5.2: 25 MB per attachment)
 * @param maxPdfObjects         object budget per PDF (hostile files)
 * @param maxPages              page budget per PDF
 * @param maxConcurrent         documents validated at once; heap needed grows with it
 * @param trustReloadInterval   how often the trust folder is checked for changes
 * @param warmUp                validate a demo document at start-up so the first real message is not the slow one
 *                              (also a self-test: the gateway does not start when the engine cannot see a signature)
 */
public record ValidationSection(boolean revocationOnline, RevocationUnavailableAnswer revocationUnavailable,
                                Duration revocationTimeout, Duration ocspCacheTtl, Duration crlCacheTtl,
                                Duration documentTimeout, DataSize maxDocumentSize, int maxPdfObjects, int maxPages,
                                int maxConcurrent, Duration trustReloadInterval, boolean warmUp) {

    private static final ValidationConfig ENGINE = ValidationConfig.DEFAULT;
    public static final ValidationSection DEFAULTS = new ValidationSection(ENGINE.revocationOnline(),
            ENGINE.revocationUnavailable(), ENGINE.revocationConnectTimeout(), ENGINE.ocspCacheTtl(), ENGINE.crlCacheTtl(),
            ENGINE.documentTimeout(), DataSize.ofBytes(ENGINE.maxDocumentBytes()), ENGINE.maxPdfObjects(),
            ENGINE.maxPages(), ENGINE.maxConcurrentValidations(), TrustConfig.DEFAULT_RELOAD_INTERVAL, true);

    public ValidationSection {
        ConfigChecks.check(revocationUnavailable != null, "revocationUnavailable must be INDETERMINATE or INVALID");
        ConfigChecks.check(maxDocumentSize != null, "maxDocumentSize must be a size, e.g. 25MB");
        ConfigChecks.check(trustReloadInterval != null, "trustReloadInterval must be a duration, e.g. 30s");
        ConfigChecks.positive(trustReloadInterval, "trustReloadInterval");
        ConfigChecks.check(maxConcurrent >= 1 && maxConcurrent <= 64, "maxConcurrent must be 1..64, not " + maxConcurrent);
        // The engine's own checks name the bad value (a timeout of zero, a budget under its floor).
        engineConfig(revocationOnline, revocationUnavailable, revocationTimeout, ocspCacheTtl, crlCacheTtl,
                documentTimeout, maxDocumentSize, maxPdfObjects, maxPages, maxConcurrent);
    }

    /** The engine's settings. */
    public ValidationConfig toEngineConfig() {
        return engineConfig(revocationOnline, revocationUnavailable, revocationTimeout, ocspCacheTtl, crlCacheTtl,
                documentTimeout, maxDocumentSize, maxPdfObjects, maxPages, maxConcurrent);
    }

    private static ValidationConfig engineConfig(boolean online, RevocationUnavailableAnswer unavailable, Duration timeout,
                                                 Duration ocspTtl, Duration crlTtl, Duration documentTimeout,
                                                 DataSize maxSize, int maxObjects, int maxPages, int maxConcurrent) {
        return new ValidationConfig(online, unavailable, timeout, ocspTtl, crlTtl, documentTimeout, maxSize.bytes(),
                maxObjects, maxPages, maxConcurrent);
    }

    /** The same settings without the start-up warm-up (one-shot commands that validate a single message). */
    public ValidationSection withoutWarmUp() {
        return new ValidationSection(revocationOnline, revocationUnavailable, revocationTimeout, ocspCacheTtl, crlCacheTtl,
                documentTimeout, maxDocumentSize, maxPdfObjects, maxPages, maxConcurrent, trustReloadInterval, false);
    }

    /** The trust store's settings for a folder (the folder is {@code verdict.trustFolder}). */
    public TrustConfig trustConfig(Path folder) {
        return new TrustConfig(folder, trustReloadInterval, TrustConfig.DEFAULT_EXPIRY_WARNING);
    }
}
