package vn.mailgw.validation.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import eu.europa.esig.dss.enumerations.CertificationPermission;
import eu.europa.esig.dss.enumerations.DigestAlgorithm;

import vn.mailgw.trust.anchors.AnchorFamily;
import vn.mailgw.validation.signing.DocumentSigner;
import vn.mailgw.validation.signing.PostSigningEdits;
import vn.mailgw.validation.signing.SamplePdfWriter;
import vn.mailgw.validation.signing.SignOptions;

/** End-to-end validation of PDFs signed with the demo PKI; revocation is fetched for real from a loopback OCSP/CRL server. */
class SignatureValidatorTest {

    private static DemoPki pki;
    private static SignatureValidator online;
    private static byte[] unsigned;

    @BeforeAll
    static void setUp() throws Exception {
        pki = new DemoPki();
        online = new SignatureValidator(ValidationConfig.DEFAULT);
        unsigned = SamplePdfWriter.vietnameseDecision("12/2026/QĐ-UBND", "ỦY BAN NHÂN DÂN TỈNH DEMO");
    }

    @AfterAll
    static void tearDown() {
        pki.close();
    }

    private static SignOptions options() {
        return SignOptions.at(pki.now.minusSeconds(60));
    }

    private static DocumentValidationReport validate(byte[] pdf) {
        return online.validate(pdf, "van-ban.pdf", pki.trust(), Instant.now());
    }

    @Test
    void validateShouldBeValidWithIdentityWhenAgencySignedAndOcspGood() {
        byte[] signed = DocumentSigner.signPdf(unsigned, pki.agency, options());

        DocumentValidationReport report = validate(signed);

        assertThat(report.outcome()).as(CorpusIntegrityTest.describe(report)).isEqualTo(SignatureOutcome.VALID);
        SignatureResult sig = report.signatures().get(0);
        assertThat(sig.signer().commonName()).contains("Sở Tài chính");
        assertThat(sig.signer().organization()).contains("Ủy ban nhân dân tỉnh Demo");
        assertThat(sig.signer().email()).contains("stc@demo.gov.vn");
        assertThat(sig.signer().uid("MST")).contains("0100000001");
        assertThat(sig.signer().uid("MNS")).contains("1000001");
        assertThat(sig.issuer().commonName()).contains("DEMO CA phục vụ các cơ quan Nhà nước");
        assertThat(sig.issuer().family()).contains(AnchorFamily.GOVERNMENT);
        assertThat(sig.format()).isEqualTo("PAdES-BASELINE-B");
        assertThat(sig.coverage().coversWholeFile()).isTrue();
        assertThat(sig.signingTime().provenBy()).isEqualTo(SigningTime.ProvenBy.VALIDATION_TIME);
        assertThat(sig.signingTime().claimed()).isPresent();
        assertThat(((DocumentValidationReport.Signed) report).machineReport().simpleReportXml()).contains("TOTAL_PASSED");
        // What the audit record and the stamp show: the issuing CA's subject and the trust-store family.
        var evidence = (vn.mailgw.validation.verdict.SignatureEvidence.Signed)
                vn.mailgw.validation.verdict.SignatureEvidenceMapper.map(report);
        var finding = evidence.signatures().get(0);
        assertThat(finding.issuerSubject()).contains("CN=DEMO CA phục vụ các cơ quan Nhà nước");
        assertThat(finding.caFamily()).contains(AnchorFamily.GOVERNMENT);
        assertThat(finding.caFamilyName()).isEqualTo("government");
    }

    @Test
    void validateShouldReportBothSignaturesWhenOfficialAndAgencySign() {
        byte[] once = DocumentSigner.signPdf(unsigned, pki.official, options());
        byte[] twice = DocumentSigner.signPdf(once, pki.agency, options());

        DocumentValidationReport report = validate(twice);

        assertThat(report.signatures()).as(CorpusIntegrityTest.describe(report)).hasSize(2);
        assertThat(report.signatures()).allSatisfy(s -> assertThat(s.outcome()).isEqualTo(SignatureOutcome.VALID));
        assertThat(report.signatures().get(0).coverage().changesAfter())
                .isNotEmpty().allSatisfy(c -> assertThat(c.allowed()).isTrue());
        assertThat(report.outcome()).isEqualTo(SignatureOutcome.VALID);
        assertThat(report.signatures()).extracting(s -> s.signer().commonName().orElse(""))
                .containsExactlyInAnyOrder("Nguyễn Văn An", "Sở Tài chính");
    }

    @Test
    void validateShouldFailOnlyFirstSignatureWhenEditedBetweenSignatures() {
        byte[] once = DocumentSigner.signPdf(unsigned, pki.official, options());
        byte[] edited = PostSigningEdits.appendTextToFirstPage(once, "So tien: 999.000.000 VND");
        byte[] twice = DocumentSigner.signPdf(edited, pki.agency, options());

        DocumentValidationReport report = validate(twice);

        assertThat(report.outcome()).as(CorpusIntegrityTest.describe(report)).isEqualTo(SignatureOutcome.INVALID);
        assertThat(report.signatures()).anySatisfy(s -> assertThat(s.has(ReasonCode.CONTENT_CHANGED_AFTER_SIGNING)).isTrue());
        assertThat(report.signatures()).anySatisfy(s -> assertThat(s.isValid()).isTrue());
    }

    @Test
    void validateShouldNameContentChangeWhenTextAppendedAfterSigning() {
        byte[] edited = PostSigningEdits.appendTextToFirstPage(DocumentSigner.signPdf(unsigned, pki.agency, options()),
                "DA SUA");

        SignatureResult sig = validate(edited).signatures().get(0);

        assertThat(sig.outcome()).isEqualTo(SignatureOutcome.INVALID);
        assertThat(sig.has(ReasonCode.CONTENT_CHANGED_AFTER_SIGNING)).as(sig.reasons().toString()).isTrue();
        assertThat(sig.coverage().coversWholeFile()).isFalse();
        assertThat(sig.coverage().revision()).isEqualTo(2);
    }

    @Test
    void validateShouldNameAnnotationWhenAnnotationAddedAfterSigning() {
        SignatureResult sig = validate(PostSigningEdits.addAnnotationToFirstPage(
                DocumentSigner.signPdf(unsigned, pki.agency, options()))).signatures().get(0);

        assertThat(sig.outcome()).isEqualTo(SignatureOutcome.INVALID);
        assertThat(sig.has(ReasonCode.ANNOTATION_CHANGED_AFTER_SIGNING)).as(sig.reasons().toString()).isTrue();
    }

    @Test
    void validateShouldNamePagesWhenPageAddedAfterSigning() {
        SignatureResult sig = validate(PostSigningEdits.addPage(
                DocumentSigner.signPdf(unsigned, pki.agency, options()))).signatures().get(0);

        assertThat(sig.outcome()).isEqualTo(SignatureOutcome.INVALID);
        assertThat(sig.has(ReasonCode.PAGES_CHANGED_AFTER_SIGNING)).as(sig.reasons().toString()).isTrue();
    }

    @Test
    void validateShouldBeInvalidWhenCertificateRevoked() {
        SignatureResult sig = validate(DocumentSigner.signPdf(unsigned, pki.revoked, options())).signatures().get(0);

        assertThat(sig.outcome()).as(sig.reasons().toString()).isEqualTo(SignatureOutcome.INVALID);
        assertThat(sig.has(ReasonCode.CERT_REVOKED)).as(sig.reasons().toString()).isTrue();
    }

    @Test
    void validateShouldBeIndeterminateWhenOcspAnswersUnknownAndNoCrl() {
        SignatureResult sig = validate(DocumentSigner.signPdf(unsigned, pki.unknownStatus, options())).signatures().get(0);

        assertThat(sig.outcome()).as(sig.reasons().toString()).isNotEqualTo(SignatureOutcome.VALID);
        assertThat(sig.category(ReasonCategory.REVOCATION)).as(sig.reasons().toString()).isTrue();
    }

    @Test
    void validateShouldBeIndeterminateByDefaultAndInvalidWhenConfiguredWhenResponderDown() {
        byte[] signed = DocumentSigner.signPdf(unsigned, pki.responderDown, options());

        SignatureResult byDefault = validate(signed).signatures().get(0);
        SignatureResult strict = new SignatureValidator(ValidationConfig.DEFAULT
                .withRevocationUnavailable(RevocationUnavailableAnswer.INVALID))
                .validate(signed, "x.pdf", pki.trust(), Instant.now()).signatures().get(0);

        assertThat(byDefault.outcome()).as(byDefault.reasons().toString()).isEqualTo(SignatureOutcome.INDETERMINATE);
        assertThat(byDefault.has(ReasonCode.REVOCATION_UNKNOWN)).as(byDefault.reasons().toString()).isTrue();
        assertThat(strict.outcome()).isEqualTo(SignatureOutcome.INVALID);
    }

    @Test
    void validateShouldBeIndeterminateNotValidWhenOffline() {
        SignatureResult sig = new SignatureValidator(ValidationConfig.offline())
                .validate(DocumentSigner.signPdf(unsigned, pki.agency, options()), "x.pdf", pki.trust(), Instant.now())
                .signatures().get(0);

        assertThat(sig.outcome()).as(sig.reasons().toString()).isEqualTo(SignatureOutcome.INDETERMINATE);
        assertThat(sig.has(ReasonCode.REVOCATION_UNKNOWN)).as(sig.reasons().toString()).isTrue();
    }

    @Test
    void validateShouldBeInvalidWhenCertificateExpiredAtSigning() {
        SignatureResult sig = validate(DocumentSigner.signPdf(unsigned, pki.expired, options())).signatures().get(0);

        assertThat(sig.outcome()).as(sig.reasons().toString()).isEqualTo(SignatureOutcome.INVALID);
        assertThat(sig.has(ReasonCode.CERT_EXPIRED_AT_SIGNING)).as(sig.reasons().toString()).isTrue();
    }

    @Test
    void validateShouldBeInvalidWhenCaNotTrusted() {
        SignatureResult sig = validate(DocumentSigner.signPdf(unsigned, pki.untrusted, options())).signatures().get(0);

        assertThat(sig.outcome()).isEqualTo(SignatureOutcome.INVALID);
        assertThat(sig.has(ReasonCode.UNTRUSTED_CHAIN)).as(sig.reasons().toString()).isTrue();
        assertThat(sig.issuer().family()).isEmpty();
    }

    @Test
    void validateShouldBeInvalidWhenSignedWithSha1() {
        SignatureResult sig = validate(DocumentSigner.signPdf(unsigned, pki.sha1,
                options().withDigest(DigestAlgorithm.SHA1))).signatures().get(0);

        assertThat(sig.outcome()).isEqualTo(SignatureOutcome.INVALID);
        assertThat(sig.has(ReasonCode.WEAK_ALGORITHM)).as(sig.reasons().toString()).isTrue();
    }

    @Test
    void validateShouldBeInvalidWhenKeyUsageForbidsSigning() {
        SignatureResult sig = validate(DocumentSigner.signPdf(unsigned, pki.encryptionOnly, options())).signatures().get(0);

        assertThat(sig.outcome()).isEqualTo(SignatureOutcome.INVALID);
        assertThat(sig.has(ReasonCode.KEY_USAGE)).as(sig.reasons().toString()).isTrue();
    }

    @Test
    void validateShouldProveSigningTimeByTimestampWhenPadesT() {
        SignatureResult sig = validate(DocumentSigner.signPdf(unsigned, pki.agency, options().withTimestamp(pki.tsa)))
                .signatures().get(0);

        assertThat(sig.format()).as(sig.reasons().toString()).isEqualTo("PAdES-BASELINE-T");
        assertThat(sig.signingTime().provenBy()).as(sig.reasons().toString()).isEqualTo(SigningTime.ProvenBy.TIMESTAMP);
        assertThat(sig.outcome()).as(sig.reasons().toString()).isEqualTo(SignatureOutcome.VALID);
    }

    @Test
    void validateShouldEnforceDocMdpWhenCertifiedNoChangesThenAnnotated() {
        byte[] certified = DocumentSigner.signPdf(unsigned, pki.agency,
                options().certifying(CertificationPermission.NO_CHANGE_PERMITTED));
        byte[] twice = PostSigningEdits.addAnnotationToFirstPage(certified);

        DocumentValidationReport report = validate(twice);

        assertThat(report.outcome()).as(CorpusIntegrityTest.describe(report)).isEqualTo(SignatureOutcome.INVALID);
        assertThat(report.signatures()).anySatisfy(s -> {
            assertThat(s.certification()).contains(1);
            assertThat(s.has(ReasonCode.CERTIFICATION_PERMISSIONS_VIOLATED)).isTrue();
        });
    }

    @Test
    void validateDetachedShouldBeValidWhenP7sMatchesAndInvalidWhenFileChanged() {
        byte[] file = "Báo cáo tháng 6/2026".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] p7s = DocumentSigner.signDetached(file, "bao-cao.txt", pki.agency, options());

        DocumentValidationReport good = online.validateDetached(file, "bao-cao.txt", p7s, pki.trust(), Instant.now());
        byte[] changed = file.clone();
        changed[0] ^= 1;
        DocumentValidationReport bad = online.validateDetached(changed, "bao-cao.txt", p7s, pki.trust(), Instant.now());

        assertThat(good.outcome()).as(CorpusIntegrityTest.describe(good)).isEqualTo(SignatureOutcome.VALID);
        assertThat(good.signatures().get(0).format()).startsWith("CAdES-BASELINE-B");
        assertThat(good.signatures().get(0).signer().uid("MST")).contains("0100000001");
        assertThat(bad.outcome()).isEqualTo(SignatureOutcome.INVALID);
        assertThat(bad.signatures().get(0).has(ReasonCode.SIGNATURE_INVALID)).as(CorpusIntegrityTest.describe(bad)).isTrue();
    }

    @Test
    void validateShouldFindSignaturesWhenSampleSignedBouncyCastleTrap() {
        // BouncyCastle 1.85+ rejects the zero padding in /Contents and DSS then silently finds no signature.
        DocumentValidationReport report = validate(DocumentSigner.signPdf(unsigned, pki.agency, options()));

        assertThat(report).isInstanceOf(DocumentValidationReport.Signed.class);
        assertThat(report.signatures().size()).isGreaterThan(0);
    }

    @Test
    void validateShouldSayNotSignedWhenPdfHasNoSignature() {
        assertThat(validate(unsigned)).isInstanceOf(DocumentValidationReport.NotSigned.class);
    }

    /**
     * Validation runs on its own worker thread (a large stack for hostile nesting); what DSS logs there must still
     * carry the caller's session and queue ids, or an operator cannot tell which message a warning is about.
     */
    @Test
    void validationWorkerShouldLogWithTheCallersQueueId() {
        Logger dss = (Logger) LoggerFactory.getLogger("eu.europa.esig");
        Level before = dss.getLevel();
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        dss.addAppender(events);
        dss.setLevel(Level.WARN);
        MDC.put("queue", "Q-LOG-TEST");
        try {
            validate(DocumentSigner.signPdf(unsigned, pki.untrusted, options()));
        } finally {
            MDC.remove("queue");
            dss.detachAppender(events);
            dss.setLevel(before);
        }

        // An untrusted chain makes DSS warn (revocation not checked): the line must name the message.
        List<ILoggingEvent> fromWorker = events.list.stream()
                .filter(e -> e.getThreadName().startsWith("mailgw-validation-")).toList();
        assertThat(fromWorker).as("DSS warnings logged on the validation worker").isNotEmpty();
        assertThat(fromWorker).allSatisfy(e -> assertThat(e.getMDCPropertyMap()).containsEntry("queue", "Q-LOG-TEST"));
    }
}
