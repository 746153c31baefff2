package vn.mailgw.validation.classify;

import java.util.ArrayList;
import java.util.List;

/**
 * Which pages of a PDF are read for classification: the first {@code leading} pages and the last page.
 *
 * <p>Why these: Decree 30/2020/NĐ-CP Appendix I lays out page 1 with the agency, the number line
 * (box 3), the title and summary (box 5), the "V/v" line of a công văn and the secrecy and urgency marks
 * (boxes 10a, 10b, under the number); the draft mark sits at the top of page 1. The last page carries the
 * signature block and, on a copy, the copy form (SAO Y / TRÍCH SAO / SAO LỤC, Appendix I Part II: right
 * after the end of the copied text), which turns any document into a copy. The pages in between are running text that cannot change the
 * answer, so reading them only costs time (a 20-page plan read in full costs more than validating it).
 */
record PdfPages(List<Range> ranges) {

    /** Pages {@code first..last}, 1-based and inclusive, as {@code PDFTextStripper} takes them. */
    record Range(int first, int last) {}

    static PdfPages toRead(int pageCount, int leading) {
        if (pageCount <= 0) {
            return new PdfPages(List.of());
        }
        int head = Math.min(pageCount, leading);
        List<Range> ranges = new ArrayList<>(List.of(new Range(1, head)));
        if (pageCount > head) {
            ranges.add(new Range(pageCount, pageCount));
        }
        return new PdfPages(List.copyOf(ranges));
    }

    List<Integer> pageNumbers() {
        List<Integer> numbers = new ArrayList<>();
        for (Range range : ranges) {
            for (int page = range.first(); page <= range.last(); page++) {
                numbers.add(page);
            }
        }
        return numbers;
    }
}
