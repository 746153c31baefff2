package vn.mailgw.validation.verdict;

/** The legal-validity verdict on one attachment, or on a message (the worst of its documents). */
public enum Verdict {
    PAPER_EQUIVALENT("Có giá trị pháp lý tương đương văn bản giấy", "Paper-equivalent", 1),
    INDETERMINATE("Chưa xác định được giá trị pháp lý", "Indeterminate", 2),
    NOT_PAPER_EQUIVALENT("Không có giá trị tương đương văn bản giấy", "Not paper-equivalent", 3),
    NOT_A_DOCUMENT("Không phải văn bản", "Not a document", 0);

    private final String vietnamese;
    private final String english;
    private final int severity;

    Verdict(String vietnamese, String english, int severity) {
        this.vietnamese = vietnamese;
        this.english = english;
        this.severity = severity;
    }

    public String vietnamese() {
        return vietnamese;
    }

    public String english() {
        return english;
    }

    /** The worse of two verdicts: NOT_PAPER_EQUIVALENT > INDETERMINATE > PAPER_EQUIVALENT > NOT_A_DOCUMENT. */
    public Verdict worse(Verdict other) {
        return other.severity > severity ? other : this;
    }
}
