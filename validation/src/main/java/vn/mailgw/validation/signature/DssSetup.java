package vn.mailgw.validation.signature;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import eu.europa.esig.dss.enumerations.TokenExtractionStrategy;
import eu.europa.esig.dss.model.policy.ValidationPolicy;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.model.x509.revocation.crl.CRL;
import eu.europa.esig.dss.model.x509.revocation.ocsp.OCSP;
import eu.europa.esig.dss.pdf.IPdfObjFactory;
import eu.europa.esig.dss.pdf.PDFSignatureService;
import eu.europa.esig.dss.pdf.modifications.DefaultPdfDifferencesFinder;
import eu.europa.esig.dss.pdf.pdfbox.PdfBoxDefaultObjectFactory;
import eu.europa.esig.dss.policy.ValidationPolicyFacade;
import eu.europa.esig.dss.service.crl.OnlineCRLSource;
import eu.europa.esig.dss.service.http.commons.CommonsDataLoader;
import eu.europa.esig.dss.service.http.commons.OCSPDataLoader;
import eu.europa.esig.dss.service.ocsp.OnlineOCSPSource;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonCertificateSource;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.spi.x509.aia.DefaultAIASource;
import eu.europa.esig.dss.spi.x509.revocation.RevocationSource;
import eu.europa.esig.dss.validation.SignedDocumentValidator;
import eu.europa.esig.dss.validation.reports.Reports;

import vn.mailgw.trust.anchors.TrustSnapshot;
import vn.mailgw.trust.anchors.TrustedCertificate;

/**
 * Builds the DSS objects from {@link ValidationConfig} in one place: the strict policy (parsed
 * once), the PDF object factory (no page rendering), the shared cached revocation sources and,
 * per trust snapshot, the trusted and adjunct certificate sources (built once per snapshot).
 */
final class DssSetup {

    static final String POLICY_RESOURCE = "/vn/mailgw/validation/signature/mailgw-policy-v1.xml";

    private final ValidationConfig config;
    private final ValidationPolicy policy;
    private final RevocationSource<OCSP> ocspSource;
    private final RevocationSource<CRL> crlSource;
    private final DefaultAIASource aiaSource;
    private volatile TrustSources trustSources;

    /** The certificate sources for one snapshot, and the families by SHA-256. */
    record TrustSources(TrustSnapshot snapshot, CommonTrustedCertificateSource trusted, CommonCertificateSource adjunct,
                        Map<String, TrustedCertificate> bySha256) {}

    DssSetup(ValidationConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.policy = loadPolicy();
        if (config.revocationOnline()) {
            int timeout = (int) config.revocationConnectTimeout().toMillis();
            OCSPDataLoader ocspLoader = new OCSPDataLoader();
            CommonsDataLoader crlLoader = new CommonsDataLoader();
            for (CommonsDataLoader loader : new CommonsDataLoader[] {ocspLoader, crlLoader}) {
                loader.setTimeoutConnection(timeout);
                loader.setTimeoutConnectionRequest(timeout);
                loader.setTimeoutResponse(timeout);
                loader.setTimeoutSocket(timeout);
            }
            this.ocspSource = new CachingRevocationSource<>(new OnlineOCSPSource(ocspLoader), config.ocspCacheTtl(), clock);
            this.crlSource = new CachingRevocationSource<>(new OnlineCRLSource(crlLoader), config.crlCacheTtl(), clock);
            this.aiaSource = new DefaultAIASource(crlLoader);
        } else {
            this.ocspSource = null;
            this.crlSource = null;
            this.aiaSource = null;
        }
    }

    ValidationPolicy policy() {
        return policy;
    }

    /**
     * Page rendering off: our revision analysis judges what follows a signature instead. Revisions are
     * listed by {@link RevisionListingSignatureService} (no byte-by-byte scan of the whole file).
     */
    IPdfObjFactory pdfObjFactory() {
        PdfBoxDefaultObjectFactory factory = new PdfBoxDefaultObjectFactory() {
            @Override
            public PDFSignatureService newPAdESSignatureService() {
                return configure(new RevisionListingSignatureService());
            }
        };
        DefaultPdfDifferencesFinder differences = new DefaultPdfDifferencesFinder();
        differences.setMaximalPagesAmountForVisualComparison(0);
        factory.setPdfDifferencesFinder(differences);
        return factory;
    }

    /** A fresh verifier (cheap) over the shared sources; DSS verifiers are not meant to be shared across threads. */
    CommonCertificateVerifier verifierFor(TrustSnapshot snapshot) {
        TrustSources sources = sourcesFor(snapshot);
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        verifier.setTrustedCertSources(sources.trusted());
        verifier.setAdjunctCertSources(sources.adjunct());
        verifier.setOcspSource(ocspSource);
        verifier.setCrlSource(crlSource);
        verifier.setAIASource(aiaSource);
        return verifier;
    }

    /** Runs a DSS document validator with this setup's verifier, policy and report options. */
    Reports validate(SignedDocumentValidator validator, TrustSnapshot trust, Instant time) {
        validator.setCertificateVerifier(verifierFor(trust));
        validator.setValidationTime(Date.from(time));
        // Certificates in the diagnostic data: the signer's identity (UID, 2.5.4.97) is read from them.
        validator.setTokenExtractionStrategy(TokenExtractionStrategy.EXTRACT_CERTIFICATES_ONLY);
        validator.setLocale(Locale.ENGLISH);
        return validator.validateDocument(policy);
    }

    TrustSources sourcesFor(TrustSnapshot snapshot) {
        TrustSources current = trustSources;
        if (current != null && current.snapshot() == snapshot) {
            return current;
        }
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        CommonCertificateSource adjunct = new CommonCertificateSource();
        Map<String, TrustedCertificate> bySha = new HashMap<>();
        for (TrustedCertificate c : snapshot.certificates()) {
            CertificateToken token = new CertificateToken(c.certificate());
            if (c.anchor()) {
                trusted.addCertificate(token);
            } else {
                adjunct.addCertificate(token);
            }
            bySha.put(c.sha256(), c);
        }
        TrustSources built = new TrustSources(snapshot, trusted, adjunct, Map.copyOf(bySha));
        trustSources = built;
        return built;
    }

    private static ValidationPolicy loadPolicy() {
        try (InputStream in = DssSetup.class.getResourceAsStream(POLICY_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("validation policy missing from the classpath: " + POLICY_RESOURCE);
            }
            return ValidationPolicyFacade.newFacade().getValidationPolicy(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("validation policy " + POLICY_RESOURCE + " cannot be parsed", e);
        }
    }

    ValidationConfig config() {
        return config;
    }
}
