package vn.mailgw.validation.signature;

import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import eu.europa.esig.dss.diagnostic.CertificateWrapper;
import eu.europa.esig.dss.enumerations.Indication;
import eu.europa.esig.dss.enumerations.SubIndication;
import eu.europa.esig.dss.enumerations.TokenExtractionStrategy;
import eu.europa.esig.dss.jaxb.object.Message;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.simplecertificatereport.SimpleCertificateReport;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonCertificateSource;
import eu.europa.esig.dss.validation.CertificateValidator;
import eu.europa.esig.dss.validation.reports.CertificateReports;

import vn.mailgw.trust.anchors.TrustSnapshot;

/**
 * Validates a signer's certificate for signatures DSS cannot parse itself (OOXML package signatures, checked
 * by Apache POI): DSS's {@link CertificateValidator} with the same trust sources, revocation sources and policy
 * as the PAdES path, plus explicit checks that the chain reaches a trusted anchor, the certificate was valid at
 * the validation time and may sign. Any failure becomes a {@link Reason} the way DSS's signature results do.
 */
final class CertificateChainCheck {

    /** The findings on one certificate: reasons (empty when it passed), its issuer and DSS's report. */
    record Result(List<Reason> reasons, IssuerInfo issuer, CertificateReports reports) {}

    private final DssSetup dss;

    CertificateChainCheck(DssSetup dss) {
        this.dss = dss;
    }

    /**
     * @param signer       the certificate that made the signature
     * @param fromDocument the other certificates the document carries (intermediates), used to build the chain
     */
    Result check(X509Certificate signer, List<X509Certificate> fromDocument, TrustSnapshot trust, Instant time) {
        CommonCertificateVerifier verifier = dss.verifierFor(trust);
        CommonCertificateSource carried = new CommonCertificateSource();
        fromDocument.forEach(c -> carried.addCertificate(new CertificateToken(c)));
        verifier.addAdjunctCertSources(carried);

        CertificateValidator validator = CertificateValidator.fromCertificate(new CertificateToken(signer));
        validator.setCertificateVerifier(verifier);
        validator.setValidationTime(Date.from(time));
        validator.setTokenExtractionStrategy(TokenExtractionStrategy.EXTRACT_CERTIFICATES_ONLY);
        validator.setLocale(Locale.ENGLISH);
        CertificateReports reports = validator.validate(dss.policy());

        SimpleCertificateReport simple = reports.getSimpleReport();
        String id = simple.getCertificateIds().get(0);
        List<Reason> reasons = new ArrayList<>();
        Indication indication = simple.getCertificateIndication(id);
        if (indication != Indication.PASSED && indication != Indication.TOTAL_PASSED) {
            SubIndication sub = simple.getCertificateSubIndication(id);
            String errors = simple.getX509ValidationErrors(id).stream().map(Message::getValue)
                    .collect(Collectors.joining("; "));
            reasons.addAll(DssResultMapper.fromSubIndication(sub, indication, errors));
        }
        CertificateWrapper wrapper = reports.getDiagnosticData().getUsedCertificateById(id);
        List<CertificateWrapper> chain = new ArrayList<>();
        chain.add(wrapper);
        chain.addAll(wrapper.getCertificateChain());
        // Fail closed even if the certificate-level policy were lax: these are what the regulations require.
        if (chain.stream().noneMatch(CertificateWrapper::isTrusted)) {
            addOnce(reasons, new Reason(ReasonCode.UNTRUSTED_CHAIN, "no certificate of the chain is a trust anchor"));
        }
        try {
            signer.checkValidity(Date.from(time));
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            addOnce(reasons, new Reason(ReasonCode.CERT_EXPIRED_AT_SIGNING, "not valid at " + time));
        }
        boolean[] usage = signer.getKeyUsage();
        if (usage != null && !usage[0] && !usage[1]) {
            addOnce(reasons, new Reason(ReasonCode.KEY_USAGE, "neither digitalSignature nor nonRepudiation"));
        }
        return new Result(reasons, DssResultMapper.issuerOf(chain, dss.sourcesFor(trust)), reports);
    }

    private static void addOnce(List<Reason> reasons, Reason reason) {
        if (reasons.stream().noneMatch(r -> r.code() == reason.code())) {
            reasons.add(reason);
        }
    }
}
