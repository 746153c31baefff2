package vn.mailgw.gateway.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import vn.mailgw.gateway.auth.AuthenticateSender;
import vn.mailgw.gateway.classify.AttachmentClassification;
import vn.mailgw.gateway.classify.ClassifyDocuments;
import vn.mailgw.gateway.documents.InspectedDocument;
import vn.mailgw.gateway.documents.ValidateDocuments;
import vn.mailgw.gateway.pipeline.MessageContext;
import vn.mailgw.gateway.pipeline.Step;
import vn.mailgw.gateway.pipeline.StepResult;
import vn.mailgw.gateway.verdict.DecideVerdict;
import vn.mailgw.trust.registry.AgencyEntry;
import vn.mailgw.trust.registry.AgencyRegistry;
import vn.mailgw.validation.verdict.AttachmentFacts;
import vn.mailgw.validation.verdict.DocumentVerdict;
import vn.mailgw.validation.verdict.MessageVerdict;
import vn.mailgw.validation.verdict.Reason;
import vn.mailgw.validation.verdict.SignatureEvidence;
import vn.mailgw.validation.verdict.SignatureFinding;

/**
 * Gathers, in one place, what the sender, classification, validation and verdict steps found, into the shape
 * the audit record needs ({@link AuditRecorder#FACTS}, {@link AuditRecorder#DOCUMENTS}); runs right after
 * {@link DecideVerdict}. The steps themselves stay unaware of the audit log.
 */
public final class RecordAuditFacts implements Step {

    private final Supplier<AgencyRegistry> registry;

    public RecordAuditFacts(Supplier<AgencyRegistry> registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public String name() {
        return "record-audit-facts";
    }

    @Override
    public StepResult apply(MessageContext context) {
        MessageVerdict verdict = context.require(DecideVerdict.VERDICT);
        AuthenticateSender.SenderCheck sender = context.require(AuthenticateSender.SENDER);
        // Only a proven From names the agency: a forged one must not count in the agency's statistics
        // (tuyenquang-2013 Art 13); the header From itself is recorded either way.
        String agency = !sender.facts().authentication().authenticated() ? null
                : registry.get().lookup(sender.facts().headerFrom()).map(AgencyEntry::name).orElse(null);
        context.put(AuditRecorder.FACTS, new AuditRecorder.AuditFacts(agency, verdict.profile(),
                verdict.verdict().name(), citedCodes(verdict.senderFindings()), sender.report().headerValue()));

        List<InspectedDocument> inspected = context.get(ValidateDocuments.DOCUMENTS)
                .map(ValidateDocuments.Documents::list).orElse(List.of());
        Map<String, AttachmentClassification> classified = context.get(ClassifyDocuments.CLASSIFICATIONS)
                .orElse(List.of()).stream()
                .collect(Collectors.toMap(AttachmentClassification::sha256, Function.identity(), (a, b) -> a));
        List<DocumentAudit> documents = new ArrayList<>();
        for (int i = 0; i < verdict.documents().size(); i++) {
            DocumentVerdict d = verdict.documents().get(i);
            // The engine keeps the attachments' order; the sha256 check guards against a mismatch all the same.
            AttachmentFacts facts = i < inspected.size() && inspected.get(i).facts().sha256().equals(d.sha256())
                    ? inspected.get(i).facts() : null;
            AttachmentClassification c = classified.get(d.sha256());
            documents.add(new DocumentAudit(d.fileName(), d.sha256(), d.type().name(), d.verdict().name(),
                    citedCodes(d.reasons().stream().filter(r -> r.effect() != Reason.Effect.NOTE).toList()),
                    c == null ? null : c.typeLabel(), verdict.profile(),
                    d.reasons().stream().map(Reason::article).distinct().toList(),
                    facts == null ? List.of() : signatures(facts.signatures()),
                    facts != null && facts.signatures() instanceof SignatureEvidence.NotChecked n
                            ? List.of("signature not checked: " + n.cause()) : List.of()));
        }
        context.put(AuditRecorder.DOCUMENTS, new AuditRecorder.AuditDocuments(documents));
        return StepResult.proceed();
    }

    /** "UNSIGNED daknong-2012 Art 9.2": each code with the article it applies. */
    private static List<String> citedCodes(List<Reason> reasons) {
        return reasons.stream().map(r -> r.code() + " " + r.article()).toList();
    }

    private static List<SignatureDetail> signatures(SignatureEvidence evidence) {
        if (!(evidence instanceof SignatureEvidence.Signed signed)) {
            return List.of();
        }
        List<SignatureDetail> details = new ArrayList<>();
        for (SignatureFinding f : signed.signatures()) {
            details.add(new SignatureDetail(identity(f.signer()), f.issuer().isBlank() ? null : f.issuer(), f.caFamilyName(),
                    f.signingTime().orElse(null), f.status().name()));
        }
        return details;
    }

    /** "CN=Nguyễn Văn A, O=Sở Tài chính, MST:0400123456, EMAIL=a@x.gov.vn": what an auditor needs to know who signed. */
    static String identity(vn.mailgw.trust.registry.SignerIdentity signer) {
        StringBuilder sb = new StringBuilder("CN=").append(signer.commonName());
        signer.organization().ifPresent(o -> sb.append(", O=").append(o));
        signer.taxCode().ifPresent(c -> sb.append(", MST:").append(c));
        signer.budgetCode().ifPresent(c -> sb.append(", MNS:").append(c));
        signer.email().ifPresent(e -> sb.append(", EMAIL=").append(e));
        return sb.toString();
    }
}
