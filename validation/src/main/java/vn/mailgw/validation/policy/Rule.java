package vn.mailgw.validation.policy;

/**
 * One condition in force under a profile, with the article that sets it and what it means in both languages.
 *
 * @param condition  what is checked
 * @param article    e.g. "tuyenquang-2013 Art 7.2(a)"
 * @param vietnamese the rule in Vietnamese, as a clerk would read it
 * @param english    the same in English for operators
 */
public record Rule(Condition condition, String article, String vietnamese, String english) {
    public Rule {
        if (condition == null) {
            throw new IllegalArgumentException("rule without condition");
        }
        if (article == null || !article.matches("\\S+ Art \\S.*")) {
            throw new IllegalArgumentException("rule " + condition + " must cite '<profile> Art N', got: " + article);
        }
        if (vietnamese == null || vietnamese.isBlank() || english == null || english.isBlank()) {
            throw new IllegalArgumentException("rule " + condition + " needs Vietnamese and English text");
        }
    }
}
