package vn.mailgw.validation.verdict;

/**
 * One failed condition (or a consequence) with the article behind it, in Vietnamese and English.
 *
 * @param code    stable machine code for headers and the audit log, e.g. UNSIGNED, SIGNER_NOT_SENDING_AGENCY
 * @param article e.g. "tuyenquang-2013 Art 7.2(a)"
 * @param effect  what it does to the verdict
 */
public record Reason(String code, String article, Effect effect, String vietnamese, String english) {

    /** FAILS makes the document NOT_PAPER_EQUIVALENT, UNDECIDED makes it INDETERMINATE, NOTE only informs. */
    public enum Effect { FAILS, UNDECIDED, NOTE }

    public Reason {
        if (code == null || !code.matches("[A-Z][A-Z0-9_]*")) {
            throw new IllegalArgumentException("reason code must be UPPER_SNAKE: " + code);
        }
        if (article == null || !article.contains(" Art ")) {
            throw new IllegalArgumentException("reason " + code + " must cite an article: " + article);
        }
        if (effect == null || vietnamese == null || vietnamese.isBlank() || english == null || english.isBlank()) {
            throw new IllegalArgumentException("reason " + code + " needs an effect and both texts");
        }
    }
}
