package vn.mailgw.validation.verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.mailgw.trust.registry.AgencyEntry;
import vn.mailgw.trust.registry.AgencyRegistry;
import vn.mailgw.validation.filetype.FileType;
import vn.mailgw.validation.policy.Condition;
import vn.mailgw.validation.policy.Profile;
import vn.mailgw.validation.policy.Rule;

/**
 * Decides paper-equivalence per attachment and per message under one profile. Pure: facts in, verdict out;
 * no clock, no I/O. Fail closed: a document is PAPER_EQUIVALENT only when it has at least one signature, every
 * signature is VALID, and no condition in force failed or stayed undecided.
 */
public final class VerdictEngine {

    private final Profile profile;

    public VerdictEngine(Profile profile) {
        this.profile = profile;
    }

    public Profile profile() {
        return profile;
    }

    public MessageVerdict decide(AgencyRegistry registry, SenderFacts sender, List<AttachmentFacts> attachments) {
        Optional<AgencyEntry> mailbox = registry.lookup(sender.headerFrom());
        List<Reason> senderFindings = senderFindings(sender, mailbox);
        List<DocumentVerdict> documents = new ArrayList<>();
        Verdict worst = Verdict.NOT_A_DOCUMENT;
        for (AttachmentFacts a : attachments) {
            DocumentVerdict d = decideDocument(registry, sender, mailbox, senderFindings, a);
            documents.add(d);
            worst = worst.worse(d.verdict());
        }
        return new MessageVerdict(profile.name(), worst, documents, senderFindings);
    }

    private List<Reason> senderFindings(SenderFacts sender, Optional<AgencyEntry> mailbox) {
        List<Reason> found = new ArrayList<>();
        rule(Condition.NOT_FREE_MAIL).filter(r -> sender.freeMail()).ifPresent(r -> found.add(fails("FREE_MAIL", r,
                "Thư gửi từ hộp thư miễn phí " + sender.headerFrom() + ": coi như cơ quan chưa gửi văn bản.",
                "Sent from the free mailbox " + sender.headerFrom() + ": treated as never sent by the agency.")));
        rule(Condition.SENDER_AUTHENTICATED).ifPresent(r -> {
            switch (sender.authentication()) {
                case DMARC_PASS, TRUSTED_RELAY -> { }
                case TEMP_ERROR -> found.add(undecided("SENDER_AUTH_TEMPERROR", r,
                        "Chưa xác thực được người gửi (không truy vấn được DNS); gửi lại sau sẽ được kiểm tra lại.",
                        "The sender could not be authenticated (DNS unreachable); a later retry will re-check."));
                case NOT_CHECKED -> found.add(fails("SENDER_NOT_CHECKED", r,
                        "Chưa xác thực người gửi " + sender.headerFrom() + " (không có kết quả SPF/DKIM/DMARC).",
                        "The sender " + sender.headerFrom() + " was not authenticated (no SPF/DKIM/DMARC result)."));
                default -> found.add(mailbox.isPresent()
                        ? fails("FORGED_OFFICIAL_SENDER", r,
                        "Thư mạo danh hộp thư công vụ " + sender.headerFrom() + ": không xác thực được (SPF/DKIM/DMARC).",
                        "Forged use of the official mailbox " + sender.headerFrom() + ": not authenticated (SPF/DKIM/DMARC).")
                        : fails("SENDER_NOT_AUTHENTICATED", r,
                        "Không xác thực được người gửi " + sender.headerFrom() + " (SPF/DKIM/DMARC).",
                        "The sender " + sender.headerFrom() + " is not authenticated (SPF/DKIM/DMARC)."));
            }
        });
        rule(Condition.OFFICIAL_MAILBOX).ifPresent(r -> {
            if (mailbox.isEmpty()) {
                found.add(fails("SENDER_NOT_OFFICIAL", r,
                        sender.headerFrom() + " không phải hộp thư công vụ có trong danh bạ của tỉnh.",
                        sender.headerFrom() + " is not an official mailbox in the province's registry."));
            } else if (!mailbox.get().publishedOnPortal()) {
                found.add(fails("SENDER_NOT_PUBLISHED", r,
                        sender.headerFrom() + " (" + mailbox.get().name()
                                + ") không phải hộp thư công vụ của cơ quan đã công bố trên Cổng thông tin điện tử.",
                        sender.headerFrom() + " (" + mailbox.get().name()
                                + ") is not an agency mailbox published on the portal."));
            }
        });
        return found;
    }

    private DocumentVerdict decideDocument(AgencyRegistry registry, SenderFacts sender, Optional<AgencyEntry> mailbox,
                                           List<Reason> senderFindings, AttachmentFacts a) {
        List<SignerSummary> signers = signers(registry, a.signatures());
        if (!a.isDocument()) {
            return new DocumentVerdict(a.fileName(), a.sha256(), a.type(), Verdict.NOT_A_DOCUMENT, List.of(), signers);
        }
        List<Reason> reasons = new ArrayList<>(senderFindings);
        boolean editable = a.type().editable();
        rule(Condition.NON_EDITABLE_FORMAT).filter(r -> editable).ifPresent(r -> reasons.add(fails("EDITABLE_FORMAT", r,
                "Tệp " + a.type() + " chỉnh sửa được, không phải PDF hoặc định dạng không chỉnh sửa được.",
                "The " + a.type() + " file is editable, not a PDF or another non-editable format.")));
        nameContentNote(a).ifPresent(reasons::add);
        boolean provenSigned = signatureReasons(a, editable, reasons);
        if (a.signatures() instanceof SignatureEvidence.Signed signed) {
            bindingReasons(registry, sender, mailbox, signed, editable, reasons);
        }
        Verdict verdict = Verdict.PAPER_EQUIVALENT;
        for (Reason r : reasons) {
            if (r.effect() == Reason.Effect.FAILS) {
                verdict = verdict.worse(Verdict.NOT_PAPER_EQUIVALENT);
            } else if (r.effect() == Reason.Effect.UNDECIDED) {
                verdict = verdict.worse(Verdict.INDETERMINATE);
            }
        }
        if (verdict == Verdict.PAPER_EQUIVALENT && !provenSigned) {
            // Unreachable with the shipped profiles (unsigned always yields a reason); kept as the last fail-closed guard.
            verdict = Verdict.NOT_PAPER_EQUIVALENT;
            reasons.add(fails("NOT_PROVEN", profile.rule(Condition.SIGNATURE_VALID).orElseThrow(),
                    "Không chứng minh được giá trị pháp lý.", "Paper-equivalence is not proven."));
        }
        if (verdict != Verdict.PAPER_EQUIVALENT) {
            rule(Condition.PAPER_MUST_FOLLOW).ifPresent(r -> reasons.add(new Reason("PAPER_MUST_FOLLOW", r.article(),
                    Reason.Effect.NOTE, "Cơ quan gửi phải gửi kèm bản giấy của văn bản này.",
                    "The sending agency must also send this document on paper.")));
        }
        return new DocumentVerdict(a.fileName(), a.sha256(), a.type(), verdict, reasons, signers);
    }

    /**
     * A file whose name promises another format than its content (a DOCX named ".pdf"): judged by its content, as
     * every file is, but the clerk who opens "x.pdf" with a PDF reader is told what it really is. A note: it changes
     * no verdict. Cited under the profile's format rule (editable or not is what the name misstates).
     */
    private Optional<Reason> nameContentNote(AttachmentFacts a) {
        Optional<FileType> named = FileType.namedBy(a.fileName());
        if (named.isEmpty() || named.get() == a.type() || a.type() == FileType.UNKNOWN) {
            return Optional.empty();
        }
        Rule format = rule(Condition.NON_EDITABLE_FORMAT).or(() -> rule(Condition.EDITABLE_NEEDS_UNIT_SIGNATURE))
                .orElseGet(() -> profile.rule(Condition.SIGNATURE_VALID).orElseThrow());
        String extension = a.fileName().substring(a.fileName().lastIndexOf('.'));
        boolean editable = a.type().editable();
        return Optional.of(new Reason("NAME_NOT_CONTENT", format.article(), Reason.Effect.NOTE,
                "Tên tệp có đuôi " + extension + " nhưng nội dung là tệp " + a.type() + " ("
                        + (editable ? "chỉnh sửa được" : "không chỉnh sửa được")
                        + "): kết luận dựa trên nội dung; mở tệp bằng phần mềm đọc " + a.type() + ".",
                "Named " + extension + " but the content is a " + a.type() + " file ("
                        + (editable ? "editable" : "not editable") + "): judged by its content; open it as "
                        + a.type() + "."));
    }

    /** Adds the signature reasons; returns true when the document has signatures and all are VALID. */
    private boolean signatureReasons(AttachmentFacts a, boolean editable, List<Reason> reasons) {
        Rule valid = profile.rule(Condition.SIGNATURE_VALID).orElseThrow();
        Rule lawful = profile.rule(Condition.LAWFUL_CA).orElseThrow();
        if (a.signatures() instanceof SignatureEvidence.NotChecked notChecked) {
            reasons.add(undecided("SIGNATURE_NOT_CHECKED", valid,
                    "Chưa kiểm tra được chữ ký số: " + notChecked.cause(),
                    "The signature could not be checked: " + notChecked.cause()));
            return false;
        }
        if (a.signatures() instanceof SignatureEvidence.NotSigned) {
            unsignedReason(editable).ifPresent(reasons::add);
            return false;
        }
        boolean allValid = true;
        for (SignatureFinding f : ((SignatureEvidence.Signed) a.signatures()).signatures()) {
            String who = f.signer().describe();
            String detail = f.details().isEmpty() ? "" : " (" + String.join("; ", f.details()) + ")";
            switch (f.status()) {
                case VALID -> { }
                case INVALID -> reasons.add(fails("SIGNATURE_INVALID", valid,
                        "Chữ ký số của " + who + " không hợp lệ hoặc văn bản đã bị sửa sau khi ký" + detail + ".",
                        "The signature of " + who + " does not verify or the document was modified after signing" + detail + "."));
                case UNTRUSTED_CA -> reasons.add(fails("CA_NOT_LAWFUL", lawful,
                        "Chứng thư số của " + who + " không do tổ chức chứng thực hợp pháp tại Việt Nam cấp (" + f.issuer() + ").",
                        "The certificate of " + who + " is not from a CA lawful in Vietnam (" + f.issuer() + ")."));
                case CERTIFICATE_NOT_VALID -> reasons.add(fails("CERTIFICATE_NOT_VALID", lawful,
                        "Chứng thư số của " + who + " đã hết hạn hoặc bị thu hồi khi ký" + detail + ".",
                        "The certificate of " + who + " was expired or revoked at signing time" + detail + "."));
                case INDETERMINATE -> reasons.add(undecided("SIGNATURE_INDETERMINATE", valid,
                        "Chưa xác định được chữ ký số của " + who + detail + ".",
                        "The signature of " + who + " could not be decided" + detail + "."));
            }
            allValid &= f.status() == SignatureStatus.VALID;
        }
        return allValid;
    }

    private Optional<Reason> unsignedReason(boolean editable) {
        if (editable) {
            Optional<Rule> r = rule(Condition.EDITABLE_NEEDS_UNIT_SIGNATURE).or(() -> rule(Condition.SIGNED));
            return Optional.of(fails("UNSIGNED_EDITABLE", r.orElse(profile.rule(Condition.SIGNATURE_VALID).orElseThrow()),
                    "Tệp chỉnh sửa được nhưng không có chữ ký số của đơn vị.",
                    "Editable file without the unit's digital signature."));
        }
        Optional<Rule> signed = rule(Condition.SIGNED);
        if (signed.isPresent()) {
            return Optional.of(fails("UNSIGNED", signed.get(), "Văn bản không có chữ ký số.",
                    "The document has no digital signature."));
        }
        Optional<Rule> visual = rule(Condition.SCAN_NEEDS_VISUAL_CHECK);
        if (visual.isPresent()) {
            return Optional.of(undecided("VISUAL_CHECK_REQUIRED", visual.get(),
                    "Văn bản không có chữ ký số: văn thư phải kiểm tra bằng mắt chữ ký của Thủ trưởng và dấu đỏ của cơ quan"
                            + " trên bản quét; không tự động công nhận tương đương văn bản giấy.",
                    "No digital signature: a clerk must check the head's handwritten signature and the red seal on the scan"
                            + " by eye; never paper-equivalent automatically."));
        }
        return Optional.of(fails("UNSIGNED", profile.rule(Condition.SIGNATURE_VALID).orElseThrow(),
                "Văn bản không có chữ ký số.", "The document has no digital signature."));
    }

    /**
     * Agency binding: a signature must identify the agency that owns the sending mailbox. Whether that signature
     * is valid is reported separately, so a broken signature of the right agency is not also called "forwarded".
     */
    private void bindingReasons(AgencyRegistry registry, SenderFacts sender, Optional<AgencyEntry> mailbox,
                                SignatureEvidence.Signed signed, boolean editable, List<Reason> reasons) {
        Optional<Rule> rule = rule(Condition.SIGNER_OF_SENDING_AGENCY);
        if (rule.isEmpty() && editable) {
            rule = rule(Condition.EDITABLE_NEEDS_UNIT_SIGNATURE);
        }
        if (rule.isEmpty()) {
            return;
        }
        if (mailbox.isEmpty()) {
            reasons.add(fails("SIGNER_NOT_SENDING_AGENCY", rule.get(),
                    "Không xác định được cơ quan của hộp thư gửi " + sender.headerFrom() + " để đối chiếu với người ký.",
                    "The sending mailbox " + sender.headerFrom() + " belongs to no known agency to match the signer against."));
            return;
        }
        boolean bound = signed.signatures().stream()
                .anyMatch(f -> registry.signerBelongsTo(f.signer(), mailbox.get()));
        if (bound) {
            return;
        }
        AgencyEntry owner = registry.owningAgency(mailbox.get());
        String signerAgencies = signed.signatures().stream()
                .map(f -> registry.agenciesIdentifying(f.signer()).stream().findFirst().map(AgencyEntry::name)
                        .orElse(f.signer().describe()))
                .distinct().reduce((x, y) -> x + ", " + y).orElse("?");
        reasons.add(fails("SIGNER_NOT_SENDING_AGENCY", rule.get(),
                "Văn bản do " + signerAgencies + " ký nhưng được gửi từ hộp thư của " + owner.name() + " ("
                        + sender.headerFrom() + "): chuyển tiếp, không phải cơ quan ban hành tự gửi.",
                "Signed by " + signerAgencies + " but sent from the mailbox of " + owner.name() + " ("
                        + sender.headerFrom() + "): forwarded, not sent by the issuing agency itself."));
    }

    private List<SignerSummary> signers(AgencyRegistry registry, SignatureEvidence evidence) {
        if (!(evidence instanceof SignatureEvidence.Signed signed)) {
            return List.of();
        }
        return signed.signatures().stream().map(f -> new SignerSummary(f.signer().describe(),
                registry.agenciesIdentifying(f.signer()).stream().findFirst().map(AgencyEntry::name)
                        .or(f.signer()::organization),
                f.signingTime(), f.issuer(), f.status())).toList();
    }

    private Optional<Rule> rule(Condition c) {
        return profile.rule(c);
    }

    private static Reason fails(String code, Rule rule, String vi, String en) {
        return new Reason(code, rule.article(), Reason.Effect.FAILS, vi, en);
    }

    private static Reason undecided(String code, Rule rule, String vi, String en) {
        return new Reason(code, rule.article(), Reason.Effect.UNDECIDED, vi, en);
    }
}
