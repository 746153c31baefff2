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
import vn.mailgw.validation.signature.SignedContent;
import vn.mailgw.validation.verdict.AttachmentFacts;
import vn.mailgw.validation.verdict.SignatureEvidence;
import vn.mailgw.validation.verdict.SignatureEvidenceMapper;

/**
 * Runs the signature engine over a message's attachments, chosen by the sniffed file type: PAdES for PDFs,
 * package signatures for .docx/.xlsx/.pptx, DSS containers for ASiC, enveloping .p7m and .odt/.ods, and detached
 * CAdES when any file travels with "&lt;name&gt;.p7s". For a container, the verdict judges the signed file inside
 * (its type decides "editable"). Types no engine checks count as not signed, never paper-equivalent (fail closed).
 * Blocking: worker threads only.
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
        return inspect(attachments, () -> false);
    }

    /**
     * The same, for a message whose client may be answered without it ({@code abandoned}: the pipeline deadline
     * passed): from then on no document is validated (each may take up to the engine's document budget, and nobody
     * waits for the answer any more). Those left are "not checked", never valid.
     */
    public List<InspectedDocument> inspect(List<Attachment> attachments, java.util.function.BooleanSupplier abandoned) {
        TrustSnapshot snapshot = trust.get();
        List<InspectedDocument> out = new ArrayList<>();
        for (Attachment a : attachments) {
            if (abandoned.getAsBoolean()) {
                out.add(notRead(a, "quá thời hạn xử lý thư trước khi kiểm tra tệp này / the message's deadline passed"
                        + " before this file was checked"));
                continue;
            }
            if (a.oversized()) {
                // Not read (daknong-2012 Art 5.2): never "not signed", never valid; the verdict says so.
                out.add(new InspectedDocument(new AttachmentFacts(a.fileName(), a.sha256(), a.type(),
                        new SignatureEvidence.NotChecked("tệp " + a.size() + " byte vượt giới hạn dung lượng, không đọc"
                                + " (daknong-2012 Art 5.2) / file of " + a.size() + " bytes over the size limit, not read"),
                        Optional.empty()), Optional.empty()));
                continue;
            }
            if (!a.undecodable().isEmpty()) {
                out.add(notRead(a, "mã hóa truyền tải (base64/quoted-printable) của tệp bị hỏng, không giải mã được"
                        + " / the file's transfer encoding is damaged and cannot be decoded (" + a.undecodable() + ")"));
                continue;
            }
            Optional<String> claimed = claimedDocumentExtension(a);
            if (claimed.isPresent()) {
                // Named like a document but no known format inside: unreadable, never quietly "not a document".
                out.add(notRead(a, "nội dung không phải tệp ." + claimed.get() + " đọc được / the content is not a"
                        + " readable ." + claimed.get() + " file"));
                continue;
            }
            Optional<DocumentValidationReport> report = report(a, attachments, snapshot);
            SignatureEvidence evidence = report.map(SignatureEvidenceMapper::map)
                    .orElseGet(SignatureEvidence.NotSigned::new);
            Optional<String> xml = report.orElse(null) instanceof DocumentValidationReport.Signed signed
                    ? Optional.of(signed.machineReport().simpleReportXml()).filter(s -> !s.isBlank())
                    : Optional.empty();
            out.add(new InspectedDocument(new AttachmentFacts(a.fileName(), a.sha256(), documentType(a, report),
                    evidence, Optional.empty()), xml));
        }
        return out;
    }

    /** File name extensions that say "a document" (an enveloping .p7m carries one). */
    private static final java.util.Set<String> DOCUMENT_EXTENSIONS = java.util.Set.of("pdf", "p7m", "docx", "doc",
            "xlsx", "xls", "pptx", "odt", "ods", "asice", "asics", "sce", "scs");

    /** The extension when the name claims a document format but the content was sniffed as no known format. */
    static Optional<String> claimedDocumentExtension(Attachment a) {
        String name = a.fileName().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        if (a.type() != FileType.UNKNOWN || dot < 0) {
            return Optional.empty();
        }
        return Optional.of(name.substring(dot + 1)).filter(DOCUMENT_EXTENSIONS::contains);
    }

    private static InspectedDocument notRead(Attachment a, String cause) {
        return new InspectedDocument(new AttachmentFacts(a.fileName(), a.sha256(), a.type(),
                new SignatureEvidence.NotChecked(cause), Optional.empty()), Optional.empty());
    }

    /** Empty when no engine applies to this type: the attachment counts as not signed. */
    private Optional<DocumentValidationReport> report(Attachment a, List<Attachment> all, TrustSnapshot snapshot) {
        switch (a.type()) {
            case PDF -> {
                return Optional.of(validator.validate(a.content(), a.fileName(), snapshot, clock.instant()));
            }
            case DOCX, XLSX, PPTX -> {
                DocumentValidationReport own = validator.validateOfficePackage(a.content(), a.fileName(), snapshot,
                        clock.instant());
                if (!(own instanceof DocumentValidationReport.NotSigned)) {
                    return Optional.of(own);
                }
                // Unsigned package: a detached .p7s beside it may still sign it.
            }
            case ASIC, ODT, ODS -> {
                DocumentValidationReport own = validator.validateContainer(a.content(), a.fileName(), a.type(),
                        snapshot, clock.instant());
                if (!(own instanceof DocumentValidationReport.NotSigned)) {
                    return Optional.of(own);
                }
            }
            case CMS_SIGNATURE -> {
                if (!isDetachedSignatureOfAnother(a, all)) {
                    // An enveloping .p7m carries its document; a lone detached .p7s stays "not a document".
                    return Optional.of(validator.validateContainer(a.content(), a.fileName(), a.type(), snapshot,
                            clock.instant()));
                }
                return Optional.empty();
            }
            default -> { }
        }
        Optional<Attachment> detached = all.stream().filter(s -> !s.notRead() && s.type() == FileType.CMS_SIGNATURE
                && signs(s, a)).findFirst();
        if (detached.isPresent()) {
            return Optional.of(validator.validateDetached(a.content(), a.fileName(), detached.get().content(),
                    snapshot, clock.instant()));
        }
        return Optional.empty();
    }

    private static boolean isDetachedSignatureOfAnother(Attachment signature, List<Attachment> all) {
        return all.stream().anyMatch(other -> other != signature && signs(signature, other));
    }

    /** The pairing rule for detached signatures: "X.p7s" signs the attachment named "X" (any letter case). */
    private static boolean signs(Attachment signature, Attachment document) {
        return !document.fileName().isEmpty() && signature.fileName().toLowerCase(Locale.ROOT)
                .equals(document.fileName().toLowerCase(Locale.ROOT) + ".p7s");
    }

    /**
     * The type the verdict judges. A container's signed content is the document (ETSI EN 319 162: the data
     * objects are what is signed): an editable file inside makes it editable (daknong-2012 Art 9.2(a),
     * tuyenquang-2013 Art 7.2(c)); otherwise the first document inside. The attachment's own type otherwise.
     */
    static FileType documentType(Attachment a, Optional<DocumentValidationReport> report) {
        if (!(report.orElse(null) instanceof DocumentValidationReport.Signed signed) || signed.signedContent().isEmpty()) {
            return a.type();
        }
        List<FileType> inside = signed.signedContent().stream().map(SignedContent::type)
                .filter(t -> t.kind() == FileType.Kind.DOCUMENT).toList();
        return inside.stream().filter(FileType::editable).findFirst()
                .or(() -> inside.stream().findFirst())
                .orElse(a.type());
    }
}
