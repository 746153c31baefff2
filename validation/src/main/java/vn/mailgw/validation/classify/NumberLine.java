package vn.mailgw.validation.classify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The number line of Decree 30/2020/NĐ-CP Art 8.3: {@code Số: 12/2025/QĐ-UBND}. The first part of the
 * symbol is the type abbreviation (Appendix III); a công văn has none and its symbol starts with the
 * agency ({@code Số: 123/UBND-VP}).
 *
 * <p>Matching runs on folded text (no diacritics, lower case) so "So: 12/2025/QD-UBND" is found too;
 * the abbreviation is then looked up as written, because folding merges HĐ (hợp đồng) with HD (hướng
 * dẫn) and ĐA (đề án) with DA (dự án). Written without Đ, such a pair is reported as ambiguous and the
 * title heading decides.
 */
record NumberLine(DocumentNumber number, List<DocumentType> types, Optional<String> agency, String excerpt) {

    static final double WEIGHT = 0.6;
    static final double NO_ABBREVIATION_WEIGHT = 0.35;

    /** "Số:" at the start of a line, or anywhere when followed by a colon (a merged two-column header). */
    private static final Pattern NUMBER = Pattern.compile(
            "(?:^|\\s)so\\s*(?:[:.]\\s*|\\s+(?=\\d))(\\d{1,6})\\s*/\\s*(?:(\\d{4})\\s*/\\s*)?([a-z0-9]+(?:\\s*-\\s*[a-z0-9]+)*)");
    private static final Pattern SUBJECT = Pattern.compile("^v\\s*/\\s*v\\b.*");

    private static final Map<String, DocumentType> EXACT = new HashMap<>();
    private static final Map<String, List<DocumentType>> FOLDED = new HashMap<>();

    static {
        for (DocumentType type : DocumentType.values()) {
            type.abbreviation().ifPresent(abbreviation -> {
                EXACT.put(VietnameseFolding.lowerKeepingMarks(abbreviation), type);
                FOLDED.computeIfAbsent(VietnameseFolding.fold(abbreviation), k -> new ArrayList<>()).add(type);
            });
        }
    }

    static Optional<NumberLine> findFirst(List<String> lines) {
        for (String line : lines) {
            Optional<NumberLine> parsed = parse(line);
            if (parsed.isPresent()) {
                return parsed;
            }
        }
        return Optional.empty();
    }

    static Optional<NumberLine> parse(String line) {
        if (line.indexOf('/') < 0) {
            return Optional.empty(); // every number line has a slash: most lines are rejected before folding
        }
        String folded = VietnameseFolding.fold(line);
        Matcher m = NUMBER.matcher(folded);
        boolean atStart = m.find() && (m.start() == 0 || folded.substring(0, m.start()).isBlank()
                || folded.substring(m.start()).matches("\\s*so\\s*[:.].*"));
        if (!atStart) {
            return Optional.empty();
        }
        // The fold keeps positions, so the symbol can be cut from the original line, Đ and case intact.
        String symbol = line.substring(m.start(3), m.end(3)).replaceAll("\\s+", "");
        String[] parts = symbol.split("-");
        List<DocumentType> types = typesFor(parts[0]);
        String agency = types.isEmpty() ? symbol : String.join("-", java.util.Arrays.copyOfRange(parts, 1, parts.length));
        OptionalInt year = m.group(2) == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(m.group(2)));
        DocumentNumber number = new DocumentNumber(m.group(1), year, symbol);
        return Optional.of(new NumberLine(number, types,
                agency.isEmpty() ? Optional.empty() : Optional.of(agency.toUpperCase(Locale.ROOT)),
                line.substring(m.start()).strip()));
    }

    private static List<DocumentType> typesFor(String abbreviation) {
        String written = VietnameseFolding.lowerKeepingMarks(abbreviation);
        List<DocumentType> folded = FOLDED.getOrDefault(VietnameseFolding.fold(abbreviation), List.of());
        DocumentType exact = EXACT.get(written);
        boolean writtenWithD = written.indexOf('đ') >= 0;
        if (exact != null && (writtenWithD || folded.size() == 1)) {
            return List.of(exact);
        }
        return folded; // empty: no type abbreviation, a công văn; two: HD/HĐ or DA/ĐA typed without Đ
    }

    void addEvidence(List<Evidence> evidence) {
        if (types.isEmpty()) {
            evidence.add(new Evidence(Evidence.Source.NUMBER_LINE, excerpt, DocumentType.CONG_VAN, NO_ABBREVIATION_WEIGHT));
            return;
        }
        for (DocumentType type : types) {
            evidence.add(new Evidence(Evidence.Source.NUMBER_LINE, excerpt, type, WEIGHT / types.size()));
        }
    }

    /** The trích yếu line of a công văn: "V/v: ..." under the number. */
    static boolean isSubjectLine(String line) {
        // The folded, stripped line must start with "v": checked char by char before folding the whole line.
        int i = 0;
        while (i < line.length() && Character.isWhitespace(VietnameseFolding.foldChar(line.charAt(i)))) {
            i++;
        }
        if (i == line.length() || VietnameseFolding.foldChar(line.charAt(i)) != 'v') {
            return false;
        }
        return SUBJECT.matcher(VietnameseFolding.fold(line).strip()).matches();
    }
}
