package vn.mailgw.gateway.documents;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import vn.mailgw.trust.anchors.TrustSnapshot;
import vn.mailgw.validation.filetype.FileType;
import vn.mailgw.validation.signature.DocumentValidationReport;
import vn.mailgw.validation.signature.SignatureValidator;
import vn.mailgw.validation.verdict.AttachmentFacts;
import vn.mailgw.validation.verdict.SignatureEvidence;
import vn.mailgw.validation.verdict.SignatureEvidenceMapper;

/**
 * Runs the signature engine over a message's attachments: PAdES for PDFs, detached CAdES when a file travels
 * with "&lt;name&gt;.p7s". Formats the engine cannot check yet (signed Office files) count as not signed, which
 * never makes them paper-equivalent (fail closed). Blocking: worker threads only.
 */
public final class DocumentInspector {

    private final SignatureValidator validator;
    private final Supplier<TrustSnapshot> trust;
    private final Clock clock;

    public DocumentInspector(SignatureValidator validator, Supplier<TrustSnapshot> trust, Clock clock) {
        this.validator = validator;
        this.trust = trust;
        this.clock = clock;
    }

    public List<InspectedDocument> inspect(List<Attachment> attachments) {
        TrustSnapshot snapshot = trust.get();
        List<InspectedDocument> out = new ArrayList<>();
        for (Attachment a : attachments) {
            if (a.oversized()) {
                // Not read (daknong-2012 Art 5.2): never "not signed", never valid; the verdict says so.
                out.add(new InspectedDocument(new AttachmentFacts(a.fileName(), a.sha256(), a.type(),
                        new SignatureEvidence.NotChecked("tệp " + a.size() + " byte vượt giới hạn dung lượng, không đọc"
                                + " (daknong-2012 Art 5.2) / file of " + a.size() + " bytes over the size limit, not read"),
                        Optional.empty()), Optional.empty()));
                continue;
            }
            Optional<DocumentValidationReport> report = report(a, attachments, snapshot);
            SignatureEvidence evidence = report.map(SignatureEvidenceMapper::map)
                    .orElseGet(SignatureEvidence.NotSigned::new);
            Optional<String> xml = report.orElse(null) instanceof DocumentValidationReport.Signed signed
                    ? Optional.of(signed.machineReport().simpleReportXml()).filter(s -> !s.isBlank())
                    : Optional.empty();
            out.add(new InspectedDocument(new AttachmentFacts(a.fileName(), a.sha256(), a.type(), evidence,
                    Optional.empty()), xml));
        }
        return out;
    }

    /** Empty when no engine applies to this type: the attachment counts as not signed. */
    private Optional<DocumentValidationReport> report(Attachment a, List<Attachment> all, TrustSnapshot snapshot) {
        if (a.type() == FileType.PDF) {
            return Optional.of(validator.validate(a.content(), a.fileName(), snapshot, clock.instant()));
        }
        Optional<Attachment> detached = all.stream().filter(s -> !s.oversized() && s.type() == FileType.CMS_SIGNATURE
                && s.fileName().toLowerCase(Locale.ROOT).equals(a.fileName().toLowerCase(Locale.ROOT) + ".p7s")
                && !a.fileName().isEmpty()).findFirst();
        if (detached.isPresent()) {
            return Optional.of(validator.validateDetached(a.content(), a.fileName(), detached.get().content(),
                    snapshot, clock.instant()));
        }
        return Optional.empty();
    }
}
