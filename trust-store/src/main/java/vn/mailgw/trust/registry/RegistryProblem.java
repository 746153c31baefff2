package vn.mailgw.trust.registry;

/**
 * Something wrong with a registry entry or file, said in Vietnamese and English, with the article it breaks.
 *
 * @param address   the entry concerned ("" for file-level problems)
 * @param code      stable machine code, e.g. ADDRESS_HAS_DIACRITICS
 * @param article   e.g. "sonla-2025 Art 5.1(a)"; "" for plain data errors
 * @param severity  ERROR makes the file unusable for that entry, WARNING is advice
 */
public record RegistryProblem(String address, String code, String article, Severity severity,
                              String vietnamese, String english) {

    public enum Severity { ERROR, WARNING }

    public RegistryProblem {
        if (code == null || code.isBlank() || vietnamese == null || english == null || severity == null) {
            throw new IllegalArgumentException("a registry problem needs a code, a severity and both texts");
        }
        address = address == null ? "" : address;
        article = article == null ? "" : article;
    }

    /** One line for a terminal: "ERROR skhcn@... ADDRESS_HAS_DIACRITICS (sonla-2025 Art 5.1): vi / en". */
    public String toLine() {
        return severity + " " + (address.isEmpty() ? "-" : address) + " " + code
                + (article.isEmpty() ? "" : " (" + article + ")") + ": " + vietnamese + " / " + english;
    }
}
