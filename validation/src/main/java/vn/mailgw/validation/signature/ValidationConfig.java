package vn.mailgw.validation.signature;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the signature validation engine (config section {@code validation}).
 *
 * @param revocationOnline          fetch OCSP/CRL over the network through DSS's online sources
 *                                  ({@code validation.revocation-online}); when false only revocation
 *                                  data embedded in the document is used
 * @param revocationUnavailable     answer when no revocation data can be obtained
 *                                  ({@code validation.revocation-unavailable})
 * @param revocationConnectTimeout  connect/read timeout of OCSP/CRL requests ({@code validation.revocation-timeout})
 * @param ocspCacheTtl              how long an OCSP answer is reused ({@code validation.ocsp-cache-ttl})
 * @param crlCacheTtl               how long a CRL is reused, at most until its nextUpdate ({@code validation.crl-cache-ttl})
 * @param documentTimeout           time budget per document ({@code validation.document-timeout})
 * @param maxDocumentBytes          size budget per document ({@code validation.max-document-bytes});
 *                                  the default follows daknong-2012 Art 5.2 (25 MB per attachment)
 * @param maxPdfObjects             object-count budget per PDF ({@code validation.max-pdf-objects})
 * @param maxPages                  page-count budget per PDF ({@code validation.max-pages})
 * @param maxConcurrentValidations  validations running at once; memory is bounded by this times the
 *                                  per-document budget ({@code validation.max-concurrent})
 */
public record ValidationConfig(boolean revocationOnline, RevocationUnavailableAnswer revocationUnavailable,
                               Duration revocationConnectTimeout, Duration ocspCacheTtl, Duration crlCacheTtl,
                               Duration documentTimeout, long maxDocumentBytes, int maxPdfObjects, int maxPages,
                               int maxConcurrentValidations) {

    public static final boolean DEFAULT_REVOCATION_ONLINE = true;
    public static final RevocationUnavailableAnswer DEFAULT_REVOCATION_UNAVAILABLE = RevocationUnavailableAnswer.INDETERMINATE;
    public static final Duration DEFAULT_REVOCATION_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_OCSP_CACHE_TTL = Duration.ofMinutes(5);
    public static final Duration DEFAULT_CRL_CACHE_TTL = Duration.ofHours(1);
    public static final Duration DEFAULT_DOCUMENT_TIMEOUT = Duration.ofSeconds(30);
    public static final long DEFAULT_MAX_DOCUMENT_BYTES = 25L * 1024 * 1024;
    public static final int DEFAULT_MAX_PDF_OBJECTS = 200_000;
    public static final int DEFAULT_MAX_PAGES = 2_000;
    public static final int DEFAULT_MAX_CONCURRENT = 2;

    public static final ValidationConfig DEFAULT = new ValidationConfig(DEFAULT_REVOCATION_ONLINE,
            DEFAULT_REVOCATION_UNAVAILABLE, DEFAULT_REVOCATION_TIMEOUT, DEFAULT_OCSP_CACHE_TTL, DEFAULT_CRL_CACHE_TTL,
            DEFAULT_DOCUMENT_TIMEOUT, DEFAULT_MAX_DOCUMENT_BYTES, DEFAULT_MAX_PDF_OBJECTS, DEFAULT_MAX_PAGES,
            DEFAULT_MAX_CONCURRENT);

    public ValidationConfig {
        Objects.requireNonNull(revocationUnavailable, "revocationUnavailable");
        requirePositive(revocationConnectTimeout, "revocationConnectTimeout");
        requirePositive(ocspCacheTtl, "ocspCacheTtl");
        requirePositive(crlCacheTtl, "crlCacheTtl");
        requirePositive(documentTimeout, "documentTimeout");
        if (maxDocumentBytes < 1024) {
            throw new IllegalArgumentException("maxDocumentBytes must be at least 1024: " + maxDocumentBytes);
        }
        if (maxPdfObjects < 10 || maxPages < 1 || maxConcurrentValidations < 1) {
            throw new IllegalArgumentException("budgets must be positive: objects=" + maxPdfObjects
                    + " pages=" + maxPages + " concurrent=" + maxConcurrentValidations);
        }
    }

    /** The defaults without network access: only revocation data inside the document is used (tests, {@code check --offline}). */
    public static ValidationConfig offline() {
        return DEFAULT.withRevocationOnline(false);
    }

    public ValidationConfig withRevocationOnline(boolean online) {
        return new ValidationConfig(online, revocationUnavailable, revocationConnectTimeout, ocspCacheTtl, crlCacheTtl,
                documentTimeout, maxDocumentBytes, maxPdfObjects, maxPages, maxConcurrentValidations);
    }

    public ValidationConfig withDocumentBudget(Duration timeout, long maxBytes, int maxObjects, int maxPageCount) {
        return new ValidationConfig(revocationOnline, revocationUnavailable, revocationConnectTimeout, ocspCacheTtl,
                crlCacheTtl, timeout, maxBytes, maxObjects, maxPageCount, maxConcurrentValidations);
    }

    public ValidationConfig withRevocationUnavailable(RevocationUnavailableAnswer answer) {
        return new ValidationConfig(revocationOnline, answer, revocationConnectTimeout, ocspCacheTtl, crlCacheTtl,
                documentTimeout, maxDocumentBytes, maxPdfObjects, maxPages, maxConcurrentValidations);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }
}
