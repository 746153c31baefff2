package vn.mailgw.validation.classify;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The title heading (Decree 30/2020/NĐ-CP Art 8.5): the type's name in capitals on a line of its own,
 * e.g. "QUYẾT ĐỊNH", "KẾ HOẠCH Triển khai ..." or "GIẤY MỜI". A line that is exactly a type name counts
 * in any case; a longer line counts only in capitals, so "Kế hoạch này được ..." in running text does not.
 */
final class TitleHeading {

    static final double WEIGHT = 0.65;
    private static final int MAX_LINE = 100;
    private static final List<Map.Entry<String, DocumentType>> HEADINGS = headings();
    /**
     * {@link #HEADINGS} by the first char of the folded heading, each list in the same longest-first order: a heading
     * matches only a line that starts with it, so only the headings sharing the line's first char are compared.
     */
    private static final Map<Character, List<Map.Entry<String, DocumentType>>> BY_FIRST_CHAR = byFirstChar();

    private TitleHeading() {}

    private static List<Map.Entry<String, DocumentType>> headings() {
        List<Map.Entry<String, DocumentType>> all = new ArrayList<>();
        for (DocumentType type : DocumentType.values()) {
            for (String heading : type.headings()) {
                all.add(Map.entry(VietnameseFolding.foldWords(heading), type));
            }
        }
        all.sort(Comparator.comparingInt((Map.Entry<String, DocumentType> e) -> e.getKey().length()).reversed());
        return List.copyOf(all);
    }

    private static Map<Character, List<Map.Entry<String, DocumentType>>> byFirstChar() {
        Map<Character, List<Map.Entry<String, DocumentType>>> index = new HashMap<>();
        for (Map.Entry<String, DocumentType> heading : HEADINGS) {
            index.computeIfAbsent(heading.getKey().charAt(0), c -> new ArrayList<>()).add(heading);
        }
        index.replaceAll((c, headings) -> List.copyOf(headings));
        return Map.copyOf(index);
    }

    static Optional<Evidence> find(List<String> lines) {
        for (String line : lines) {
            String core = DocumentMarks.core(line);
            if (core.isEmpty() || core.length() > MAX_LINE) {
                continue;
            }
            Optional<DocumentType> type = match(core);
            if (type.isPresent()) {
                return Optional.of(new Evidence(Evidence.Source.TITLE, core, type.get(), WEIGHT));
            }
        }
        return Optional.empty();
    }

    static Optional<DocumentType> match(String core) {
        String folded = VietnameseFolding.foldWords(core);
        if (folded.isEmpty()) {
            return Optional.empty();
        }
        for (Map.Entry<String, DocumentType> heading : BY_FIRST_CHAR.getOrDefault(folded.charAt(0), List.of())) {
            String key = heading.getKey();
            if (folded.equals(key) || (folded.length() > key.length() && folded.charAt(key.length()) == ' '
                    && folded.startsWith(key) && DocumentMarks.isCapitals(core))) {
                return Optional.of(heading.getValue());
            }
        }
        return Optional.empty();
    }

    /** All folded headings, longest first (file names and subjects are searched for them too). */
    static List<Map.Entry<String, DocumentType>> all() {
        return HEADINGS;
    }
}
