package vn.mailgw.validation.classify;

import java.util.List;
import java.util.Optional;

/**
 * The copy block of Decree 30/2020/NĐ-CP Art 25-27: a copy carries the original's content and, at its
 * end, "SAO Y" / "TRÍCH SAO" / "SAO LỤC" with its own number ({@code Số: 05/SY-UBND}). The block makes
 * the document a copy whatever the original's type, so it weighs the most.
 */
final class CopyBlock {

    static final double WEIGHT = 1.0;

    private CopyBlock() {}

    /**
     * {@code DocumentMarks.isCapitals(line) && DocumentMarks.lettersAndDigits(line) <= 40} in one pass that stops at the
     * 41st letter or digit (ASCII answered without the Unicode tables).
     */
    static boolean capitalsOfAtMost40LettersAndDigits(String line) {
        int upper = 0, ascii = 0, lettersAndDigits = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < 0x80) {
                boolean letter = DocumentMarks.isAsciiLetter(c);
                if (letter) {
                    ascii++;
                    if (c <= 'Z') {
                        upper++;
                    }
                }
                if (letter || (c >= '0' && c <= '9')) {
                    lettersAndDigits++;
                }
            } else if (Character.isLetterOrDigit(c)) {
                lettersAndDigits++;
            }
            if (lettersAndDigits > 40) {
                return false;
            }
        }
        return DocumentMarks.mostlyCapitals(upper, ascii);
    }

    static Optional<Evidence> find(List<String> lines) {
        for (String line : lines) {
            // The same test as below on the core, without building it: the core keeps every letter and digit
            // of the line, and capitals are judged on ASCII letters only. Most lines (running text) stop here.
            if (!capitalsOfAtMost40LettersAndDigits(line)) {
                continue;
            }
            String core = DocumentMarks.core(line);
            if (core.isEmpty() || core.length() > 40 || !DocumentMarks.isCapitals(core)) {
                continue;
            }
            Optional<DocumentType> type = TitleHeading.match(core)
                    .filter(t -> t.kind() == DocumentType.Kind.COPY);
            if (type.isPresent()) {
                return Optional.of(new Evidence(Evidence.Source.COPY_BLOCK, core, type.get(), WEIGHT));
            }
        }
        for (String line : lines) {
            Optional<NumberLine> number = NumberLine.parse(line);
            if (number.isPresent() && number.get().types().size() == 1
                    && number.get().types().get(0).kind() == DocumentType.Kind.COPY) {
                return Optional.of(new Evidence(Evidence.Source.COPY_BLOCK, number.get().excerpt(),
                        number.get().types().get(0), WEIGHT));
            }
        }
        return Optional.empty();
    }
}
