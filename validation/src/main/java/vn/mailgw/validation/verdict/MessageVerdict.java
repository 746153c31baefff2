package vn.mailgw.validation.verdict;

import java.util.List;

/**
 * The verdict on a whole message: the worst of its documents (NOT_A_DOCUMENT when it has none), the
 * per-document verdicts, and the findings about the sender, under the named profile.
 */
public record MessageVerdict(String profile, Verdict verdict, List<DocumentVerdict> documents,
                             List<Reason> senderFindings) {
    public MessageVerdict {
        documents = List.copyOf(documents);
        senderFindings = List.copyOf(senderFindings);
        Verdict worst = Verdict.NOT_A_DOCUMENT;
        for (DocumentVerdict d : documents) {
            worst = worst.worse(d.verdict());
        }
        if (verdict != worst) {
            throw new IllegalArgumentException("message verdict " + verdict + " is not the worst of its documents: " + worst);
        }
    }

    /** True when at least one document is not proven paper-equivalent (the sender should be told). */
    public boolean hasDocumentsNotPaperEquivalent() {
        return documents.stream().anyMatch(d -> d.verdict() == Verdict.NOT_PAPER_EQUIVALENT
                || d.verdict() == Verdict.INDETERMINATE);
    }
}
