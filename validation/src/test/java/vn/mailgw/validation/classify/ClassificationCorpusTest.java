package vn.mailgw.validation.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs the classifier over the labelled corpus ({@code classification-corpus/manifest.csv}), prints
 * per-type precision and recall, and fails below the bars: type accuracy 95 %, secrecy-mark
 * recall 100 % with no false secrecy refusal. The folder can be overridden with
 * {@code -Dclassification.corpus=<dir>}.
 */
class ClassificationCorpusTest {

    static final Path CORPUS = Path.of(System.getProperty("classification.corpus",
            "src/test/resources/classification-corpus"));

    record Row(String file, DocumentType type, String secrecy, String urgency, boolean draft, TextEncoding encoding,
               String format, String subject, String notes) {}

    static List<Row> manifest() throws IOException {
        List<Row> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(CORPUS.resolve("manifest.csv"), StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            List<String> c = Csv.split(line);
            rows.add(new Row(c.get(0), DocumentType.valueOf(c.get(1)), c.get(2), c.get(3), Boolean.parseBoolean(c.get(4)),
                    TextEncoding.valueOf(c.get(5)), c.get(6), c.get(7), c.get(8)));
        }
        return rows;
    }

    /** The name as the sender gave it: the corpus prefix "d012_" is ours, not the sender's. */
    static String senderFileName(String file) {
        return file.replaceFirst("^d\\d{3}_", "");
    }

    @Test
    void classifyShouldMeetAccuracyAndSecrecyBarsWhenRunOverTheLabelledCorpus() throws IOException {
        TesseractOcr ocr = new TesseractOcr();
        assertThat(ocr.available())
                .as("the corpus has scans: install tesseract-ocr and tesseract-ocr-vie (scripts/debian-packages.txt)")
                .isTrue();
        DocumentClassifier classifier = new DocumentClassifier(ClassifierConfig.DEFAULT, ocr, ProfileCategories.bundled(),
                "tuyenquang-2013");
        List<Row> rows = manifest();
        assertThat(rows).hasSizeGreaterThanOrEqualTo(80);

        Map<DocumentType, int[]> counts = new EnumMap<>(DocumentType.class); // [tp, fp, fn]
        int typeOk = 0, secretDocs = 0, secretFound = 0, falseSecret = 0, urgencyOk = 0, draftOk = 0, encodingOk = 0;
        List<String> failures = new ArrayList<>();
        for (Row row : rows) {
            byte[] bytes = Files.readAllBytes(CORPUS.resolve(row.file()));
            Classification result = classifier.classify(new ClassificationInput(bytes, senderFileName(row.file()), row.subject()));
            String gotSecrecy = result.secrecy() instanceof SecrecyFinding.Marked
                    ? ((SecrecyFinding.Marked) result.secrecy()).level().name() : "NONE";
            String gotUrgency = result.urgency().map(Enum::name).orElse("NONE");
            if (result.type() == row.type()) {
                typeOk++;
                counts.computeIfAbsent(row.type(), t -> new int[3])[0]++;
            } else {
                counts.computeIfAbsent(result.type(), t -> new int[3])[1]++;
                counts.computeIfAbsent(row.type(), t -> new int[3])[2]++;
                failures.add(row.file() + ": type " + result.type() + " expected " + row.type() + " evidence " + result.evidence());
            }
            if (!row.secrecy().equals("NONE")) {
                secretDocs++;
                if (gotSecrecy.equals(row.secrecy())) {
                    secretFound++;
                } else {
                    failures.add(row.file() + ": secrecy " + result.secrecy() + " expected " + row.secrecy());
                }
            } else if (!gotSecrecy.equals("NONE")) {
                falseSecret++;
                failures.add(row.file() + ": FALSE secrecy " + result.secrecy());
            }
            urgencyOk += count(gotUrgency.equals(row.urgency()), failures, row, "urgency " + gotUrgency);
            draftOk += count(result.draft() == row.draft(), failures, row, "draft " + result.draft());
            encodingOk += count(result.encoding().encoding() == row.encoding(), failures, row, "encoding " + result.encoding());
        }

        int n = rows.size();
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "%nClassification corpus: %d documents%n%-22s %9s %9s %7s%n", n, "type", "precision", "recall", "support"));
        for (Map.Entry<DocumentType, int[]> e : counts.entrySet()) {
            int[] c = e.getValue();
            report.append(String.format(Locale.ROOT, "%-22s %9s %9s %7d%n", e.getKey(),
                    ratio(c[0], c[0] + c[1]), ratio(c[0], c[0] + c[2]), c[0] + c[2]));
        }
        report.append(String.format(Locale.ROOT, "type accuracy %s; secrecy recall %d/%d, false secrecy %d;"
                        + " urgency %d/%d, draft %d/%d, encoding %d/%d%n",
                ratio(typeOk, n), secretFound, secretDocs, falseSecret, urgencyOk, n, draftOk, n, encodingOk, n));
        failures.forEach(f -> report.append("  miss: ").append(f).append('\n'));
        System.out.println(report);

        assertThat(secretDocs).as("the corpus must contain secret-marked documents").isGreaterThanOrEqualTo(5);
        assertThat(secretFound).as("secrecy-mark recall must be 100%%%s", report).isEqualTo(secretDocs);
        assertThat(falseSecret).as("no false secrecy refusal%s", report).isZero();
        assertThat((double) typeOk / n).as("type accuracy%s", report).isGreaterThanOrEqualTo(0.95);
        assertThat((double) urgencyOk / n).as("urgency marks%s", report).isGreaterThanOrEqualTo(0.95);
        assertThat((double) draftOk / n).as("draft marks%s", report).isGreaterThanOrEqualTo(0.95);
        assertThat((double) encodingOk / n).as("encodings%s", report).isGreaterThanOrEqualTo(0.95);
    }

    private static int count(boolean ok, List<String> failures, Row row, String what) {
        if (!ok) {
            failures.add(row.file() + ": " + what);
        }
        return ok ? 1 : 0;
    }

    private static String ratio(int a, int b) {
        return b == 0 ? "-" : String.format(Locale.ROOT, "%.2f", (double) a / b);
    }

    /** RFC 4180 fields: commas inside double quotes, "" for a quote. */
    static final class Csv {
        static List<String> split(String line) {
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = !quoted;
                } else if (c == ',' && !quoted) {
                    cells.add(cell.toString());
                    cell.setLength(0);
                } else {
                    cell.append(c);
                }
            }
            cells.add(cell.toString());
            return cells;
        }
    }
}
