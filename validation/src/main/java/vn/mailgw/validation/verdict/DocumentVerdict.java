package vn.mailgw.validation.verdict;

import java.util.List;
import vn.mailgw.validation.filetype.FileType;

/** The verdict on one attachment with every reason behind it (failed conditions first, then notes). */
public record DocumentVerdict(String fileName, String sha256, FileType type, Verdict verdict, List<Reason> reasons,
                              List<SignerSummary> signers) {
    public DocumentVerdict {
        reasons = List.copyOf(reasons);
        signers = List.copyOf(signers);
        if (verdict == Verdict.PAPER_EQUIVALENT && reasons.stream().anyMatch(r -> r.effect() != Reason.Effect.NOTE)) {
            throw new IllegalArgumentException("a paper-equivalent document cannot have failed conditions");
        }
    }

    /** Codes of the failed or undecided conditions, e.g. for the X-Mailgw-Document header. */
    public List<String> reasonCodes() {
        return reasons.stream().filter(r -> r.effect() != Reason.Effect.NOTE).map(Reason::code).toList();
    }
}
