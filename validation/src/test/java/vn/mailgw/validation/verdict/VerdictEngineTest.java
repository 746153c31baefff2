package vn.mailgw.validation.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.mailgw.trust.registry.AgencyEntry;
import vn.mailgw.trust.registry.AgencyKind;
import vn.mailgw.trust.registry.AgencyRegistry;
import vn.mailgw.trust.registry.CertificateIdentity;
import vn.mailgw.trust.registry.SignerIdentity;
import vn.mailgw.validation.filetype.FileType;
import vn.mailgw.validation.policy.ProfileLoader;

class VerdictEngineTest {

    static final String SHA = "a".repeat(64);
    static final SignerIdentity STC_SIGNER = new SignerIdentity("SỞ TÀI CHÍNH", Optional.of("Sở Tài chính"),
            Optional.of("6400111111"), Optional.empty(), Optional.empty());
    static final SignerIdentity SNV_SIGNER = new SignerIdentity("SỞ NỘI VỤ", Optional.of("Sở Nội vụ"),
            Optional.of("6400222222"), Optional.empty(), Optional.empty());

    static final AgencyRegistry REGISTRY = new AgencyRegistry(List.of(
            new AgencyEntry("stc@daknong.gov.vn", "Sở Tài chính", "stc", Optional.empty(), "Đắk Nông", AgencyKind.UNIT,
                    true, new CertificateIdentity(List.of("6400111111"), List.of(), List.of(), List.of())),
            new AgencyEntry("snv@daknong.gov.vn", "Sở Nội vụ", "snv", Optional.empty(), "Đắk Nông", AgencyKind.UNIT,
                    true, new CertificateIdentity(List.of("6400222222"), List.of(), List.of(), List.of())),
            new AgencyEntry("lannt.stc@daknong.gov.vn", "Nguyễn Thị Lan", "", Optional.of("stc@daknong.gov.vn"),
                    "Đắk Nông", AgencyKind.PERSONAL, false, CertificateIdentity.NONE)));

    static final SenderFacts STC = new SenderFacts("stc@daknong.gov.vn", "stc@daknong.gov.vn",
            SenderAuthentication.DMARC_PASS, false);

    static SignatureEvidence signedBy(SignerIdentity who, SignatureStatus status) {
        return new SignatureEvidence.Signed(List.of(new SignatureFinding(status, who, "Demo CA",
                Optional.of(Instant.parse("2026-11-20T08:00:00Z")), List.of())));
    }

    static AttachmentFacts pdf(SignatureEvidence evidence) {
        return new AttachmentFacts("quyet-dinh.pdf", SHA, FileType.PDF, evidence, Optional.empty());
    }

    static MessageVerdict decide(String profile, SenderFacts sender, AttachmentFacts... attachments) {
        return new VerdictEngine(ProfileLoader.load(profile)).decide(REGISTRY, sender, List.of(attachments));
    }

    @Test
    void decideShouldBePaperEquivalentWhenOwnAgencySignedPdfFromOfficialMailbox() {
        for (String profile : ProfileLoader.NAMES) {
            MessageVerdict v = decide(profile, STC, pdf(signedBy(STC_SIGNER, SignatureStatus.VALID)));
            assertThat(v.verdict()).as(profile).isEqualTo(Verdict.PAPER_EQUIVALENT);
            assertThat(v.documents().get(0).reasons()).as(profile).isEmpty();
            assertThat(v.documents().get(0).signers().get(0).agency()).contains("Sở Tài chính");
        }
    }

    @Test
    void decideShouldTellTheClerkWhenASignedDocxIsNamedPdfWithoutChangingTheVerdict() {
        AttachmentFacts docxNamedPdf = new AttachmentFacts("ke-hoach.pdf", SHA, FileType.DOCX,
                signedBy(STC_SIGNER, SignatureStatus.VALID), Optional.empty());

        DocumentVerdict daknong = decide("daknong-2012", STC, docxNamedPdf).documents().get(0);
        DocumentVerdict tuyenquang = decide("tuyenquang-2013", STC, docxNamedPdf).documents().get(0);

        assertThat(daknong.verdict()).as("9.2(a): a signed editable file may count").isEqualTo(Verdict.PAPER_EQUIVALENT);
        assertThat(daknong.reasons()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo("NAME_NOT_CONTENT");
            assertThat(r.effect()).isEqualTo(Reason.Effect.NOTE);
            assertThat(r.article()).isEqualTo("daknong-2012 Art 9.2(a)");
            assertThat(r.vietnamese()).isEqualTo("Tên tệp có đuôi .pdf nhưng nội dung là tệp DOCX (chỉnh sửa được): kết"
                    + " luận dựa trên nội dung; mở tệp bằng phần mềm đọc DOCX.");
        });
        assertThat(daknong.reasonCodes()).as("a note is not a failed condition").isEmpty();
        assertThat(tuyenquang.verdict()).as("7.2(c): editable, whatever its name").isEqualTo(Verdict.NOT_PAPER_EQUIVALENT);
        assertThat(tuyenquang.reasons()).extracting(Reason::code).contains("NAME_NOT_CONTENT", "EDITABLE_FORMAT");
    }

    @Test
    void decideShouldAddNoNameNoteWhenTheExtensionMatchesOrPromisesNoDocumentType() {
        for (String name : new String[] {"quyet-dinh.PDF", "quyet-dinh", "quyet-dinh.bin", "quyet.dinh.pdf"}) {
            AttachmentFacts a = new AttachmentFacts(name, SHA, FileType.PDF, signedBy(STC_SIGNER, SignatureStatus.VALID),
                    Optional.empty());
            assertThat(decide("daknong-2012", STC, a).documents().get(0).reasons()).as(name).isEmpty();
        }
    }

    @Test
    void decideShouldReportForgeryWhenOfficialFromIsNotAuthenticated() {
        SenderFacts forged = new SenderFacts("x@evil.example", "stc@daknong.gov.vn", SenderAuthentication.FAIL, false);
        for (String profile : ProfileLoader.NAMES) {
            MessageVerdict v = decide(profile, forged, pdf(signedBy(STC_SIGNER, SignatureStatus.VALID)));
            assertThat(v.verdict()).as(profile).isEqualTo(Verdict.NOT_PAPER_EQUIVALENT);
            assertThat(v.senderFindings()).extracting(Reason::code).contains("FORGED_OFFICIAL_SENDER");
            assertThat(v.documents().get(0).reasonCodes()).contains("FORGED_OFFICIAL_SENDER");
        }
    }

    @Test
    void decideShouldBeIndeterminateWhenDnsFailedForSender() {
        SenderFacts temp = new SenderFacts("stc@daknong.gov.vn", "stc@daknong.gov.vn", SenderAuthentication.TEMP_ERROR,
                false);
        MessageVerdict v = decide("tuyenquang-2013", temp, pdf(signedBy(STC_SIGNER, SignatureStatus.VALID)));
        assertThat(v.verdict()).isEqualTo(Verdict.INDETERMINATE);
        assertThat(v.documents().get(0).reasonCodes()).containsExactly("SENDER_AUTH_TEMPERROR");
    }

    @Test
    void decideShouldNameBothAgenciesWhenDocumentOfAnotherAgencyIsForwarded() {
        MessageVerdict v = decide("tuyenquang-2013", STC, pdf(signedBy(SNV_SIGNER, SignatureStatus.VALID)));
        DocumentVerdict d = v.documents().get(0);
        assertThat(d.verdict()).isEqualTo(Verdict.NOT_PAPER_EQUIVALENT);
        Reason r = d.reasons().get(0);
        assertThat(r.code()).isEqualTo("SIGNER_NOT_SENDING_AGENCY");
        assertThat(r.article()).isEqualTo("tuyenquang-2013 Art 7.2(c)");
        assertThat(r.vietnamese()).contains("Sở Nội vụ", "Sở Tài chính", "chuyển tiếp");
    }

    @Test
    void decideShouldNotAcceptPersonalMailboxWhenTuyenQuangRequiresPublishedMailbox() {
        SenderFacts personal = new SenderFacts("lannt.stc@daknong.gov.vn", "lannt.stc@daknong.gov.vn",
                SenderAuthentication.DMARC_PASS, false);
        MessageVerdict v = decide("tuyenquang-2013", personal, pdf(signedBy(STC_SIGNER, SignatureStatus.VALID)));
        assertThat(v.documents().get(0).reasonCodes()).containsExactly("SENDER_NOT_PUBLISHED");
    }

    @Test
    void decideShouldAskClerkForVisualCheckWhenScanIsUnsignedUnderDaknong() {
        MessageVerdict v = decide("daknong-2012", STC, pdf(new SignatureEvidence.NotSigned()));
        DocumentVerdict d = v.documents().get(0);
        assertThat(d.verdict()).isEqualTo(Verdict.INDETERMINATE);
        assertThat(d.reasonCodes()).containsExactly("VISUAL_CHECK_REQUIRED");
        assertThat(d.reasons()).extracting(Reason::code).contains("PAPER_MUST_FOLLOW");
        assertThat(d.reasons().get(0).vietnamese()).contains("dấu đỏ", "Thủ trưởng");
        assertThat(d.reasons().get(0).article()).isEqualTo("daknong-2012 Art 9.2(b)");
    }

    @Test
    void decideShouldRefuseUnsignedPdfWhenTuyenQuang() {
        MessageVerdict v = decide("tuyenquang-2013", STC, pdf(new SignatureEvidence.NotSigned()));
        assertThat(v.documents().get(0).verdict()).isEqualTo(Verdict.NOT_PAPER_EQUIVALENT);
        assertThat(v.documents().get(0).reasons().get(0).article()).isEqualTo("tuyenquang-2013 Art 7.2(a)");
    }

    @Test
    void decideShouldTreatEditableFilesPerProfileWhenSignedByUnit() {
        AttachmentFacts docx = new AttachmentFacts("ke-hoach.docx", SHA, FileType.DOCX,
                signedBy(STC_SIGNER, SignatureStatus.VALID), Optional.empty());
        assertThat(decide("daknong-2012", STC, docx).verdict()).isEqualTo(Verdict.PAPER_EQUIVALENT);
        MessageVerdict tq = decide("tuyenquang-2013", STC, docx);
        assertThat(tq.documents().get(0).reasonCodes()).containsExactly("EDITABLE_FORMAT");
        AttachmentFacts unsignedDocx = new AttachmentFacts("ke-hoach.docx", SHA, FileType.DOCX,
                new SignatureEvidence.NotSigned(), Optional.empty());
        MessageVerdict dn = decide("daknong-2012", STC, unsignedDocx);
        assertThat(dn.documents().get(0).reasonCodes()).containsExactly("UNSIGNED_EDITABLE");
        assertThat(dn.documents().get(0).reasons().get(0).article()).isEqualTo("daknong-2012 Art 9.2(a)");
    }

    @Test
    void decideShouldFailEveryDocumentWhenSentFromFreeMail() {
        SenderFacts gmail = new SenderFacts("vanthu@gmail.com", "vanthu@gmail.com", SenderAuthentication.DMARC_PASS, true);
        MessageVerdict v = decide("daknong-2012", gmail, pdf(signedBy(STC_SIGNER, SignatureStatus.VALID)));
        assertThat(v.verdict()).isEqualTo(Verdict.NOT_PAPER_EQUIVALENT);
        assertThat(v.senderFindings()).extracting(Reason::code).containsExactly("FREE_MAIL", "SENDER_NOT_OFFICIAL");
        assertThat(v.senderFindings().get(0).article()).isEqualTo("daknong-2012 Art 9.4");
    }

    @Test
    void decideShouldMapEachSignatureProblemWhenEngineReportsIt() {
        assertThat(decide("tuyenquang-2013", STC, pdf(signedBy(STC_SIGNER, SignatureStatus.INVALID)))
                .documents().get(0).reasonCodes()).containsExactly("SIGNATURE_INVALID");
        assertThat(decide("tuyenquang-2013", STC, pdf(signedBy(STC_SIGNER, SignatureStatus.UNTRUSTED_CA)))
                .documents().get(0).reasonCodes()).containsExactly("CA_NOT_LAWFUL");
        MessageVerdict indeterminate = decide("tuyenquang-2013", STC,
                pdf(signedBy(STC_SIGNER, SignatureStatus.INDETERMINATE)));
        assertThat(indeterminate.verdict()).isEqualTo(Verdict.INDETERMINATE);
        assertThat(indeterminate.documents().get(0).reasonCodes()).containsExactly("SIGNATURE_INDETERMINATE");
        MessageVerdict notChecked = decide("daknong-2012", STC, pdf(new SignatureEvidence.NotChecked("timeout")));
        assertThat(notChecked.verdict()).isEqualTo(Verdict.INDETERMINATE);
    }

    @Test
    void decideShouldGiveWorstAndNotADocumentWhenMixedAttachments() {
        AttachmentFacts png = new AttachmentFacts("logo.png", SHA, FileType.PNG, new SignatureEvidence.NotSigned(),
                Optional.empty());
        assertThat(decide("tuyenquang-2013", STC, png).verdict()).isEqualTo(Verdict.NOT_A_DOCUMENT);
        assertThat(decide("tuyenquang-2013", STC).verdict()).isEqualTo(Verdict.NOT_A_DOCUMENT);
        MessageVerdict mixed = decide("tuyenquang-2013", STC, png, pdf(signedBy(STC_SIGNER, SignatureStatus.VALID)),
                pdf(new SignatureEvidence.NotSigned()));
        assertThat(mixed.documents()).extracting(DocumentVerdict::verdict).containsExactly(Verdict.NOT_A_DOCUMENT,
                Verdict.PAPER_EQUIVALENT, Verdict.NOT_PAPER_EQUIVALENT);
        assertThat(mixed.verdict()).isEqualTo(Verdict.NOT_PAPER_EQUIVALENT);
    }
}
