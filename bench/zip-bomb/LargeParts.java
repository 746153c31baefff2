import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import vn.mailgw.trust.anchors.TrustSnapshot;
import vn.mailgw.validation.classify.ClassificationInput;
import vn.mailgw.validation.classify.ClassifierConfig;
import vn.mailgw.validation.classify.DocumentClassifier;
import vn.mailgw.validation.classify.OcrEngine;
import vn.mailgw.validation.classify.ProfileCategories;
import vn.mailgw.validation.filetype.HandMadeZip;
import vn.mailgw.validation.filetype.ZipInflationCheck;
import vn.mailgw.validation.signature.SignatureValidator;
import vn.mailgw.validation.signature.ValidationConfig;
import vn.mailgw.validation.signing.CertificateAuthority;
import vn.mailgw.validation.signing.CertificateProfile;
import vn.mailgw.validation.signing.IssuedCertificate;
import vn.mailgw.validation.signing.OfficeSigner;
import vn.mailgw.validation.signing.SignOptions;
import vn.mailgw.validation.signing.VnSubject;

/**
 * Large zip-based documents that are no zip bombs (plain paragraphs or rows, 8-26:1, under every zip limit): what the
 * zip check, classification and the Office signature engine cost on them, in time and in bytes allocated by the calling
 * thread (a measure of what the step holds: POI's OPCPackage copies every part into memory). Uses only the public API
 * that the code before office9 has too, so run.sh-style before/after runs compile it against both trees.
 *
 * <p>One case per JVM (`large-parts.sh` runs them): {@code docx MB}, {@code signed-docx MB}, {@code xlsx MB}. Each step
 * is called ROUNDS times after one warm-up call; the median and the spread are printed.
 */
public class LargeParts {
    private static final long MB = 1024 * 1024;

    public static void main(String[] args) throws Exception {
        String kind = args[0];
        int mb = Integer.parseInt(args[1]);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        byte[] file = switch (kind) {
            case "docx", "signed-docx" -> docx(mb);
            case "xlsx" -> xlsx(mb);
            default -> throw new IllegalArgumentException(kind);
        };
        if (kind.equals("signed-docx")) {
            file = sign(file);
        }
        String name = kind.equals("xlsx") ? "x.xlsx" : "x.docx";
        System.out.printf("CASE %s part=%d MB file=%d kB%n", kind, mb, file.length >> 10);
        byte[] f = file;
        DocumentClassifier classifier = new DocumentClassifier(ClassifierConfig.DEFAULT, OcrEngine.NONE,
                ProfileCategories.bundled(), "daknong-2012");
        SignatureValidator validator = new SignatureValidator(ValidationConfig.DEFAULT);
        step(kind, "zip-check", rounds, () -> ZipInflationCheck.tooLarge(f).orElse("within limits"));
        step(kind, "classify", rounds, () -> {
            var c = classifier.classify(new ClassificationInput(f, name, "x"));
            return c.type() + " " + c.notices();
        });
        if (kind.equals("signed-docx")) {
            // The floor of any verification: inflate every part and SHA-256 it once (what the digests must cost).
            step(kind, "digest-floor", rounds, () -> {
                java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
                byte[] buffer = new byte[64 * 1024];
                long total = 0;
                try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(new ByteArrayInputStream(f))) {
                    while (zip.getNextEntry() != null) {
                        for (int n; (n = zip.read(buffer)) > 0; total += n) {
                            sha.update(buffer, 0, n);
                        }
                    }
                }
                return total + " bytes inflated and digested";
            });
        }
        if (!kind.equals("xlsx")) {
            step(kind, "office-sig", rounds, () -> String.valueOf(validator.validateOfficePackage(f, name,
                    TrustSnapshot.empty(Instant.now()), Instant.now())));
        }
        System.exit(0);
    }

    /**
     * Calls {@code work} once to warm up, then {@code rounds} times; prints median ms and median MB allocated by the
     * calling thread plus the signature engine's worker threads ("mailgw-validation-N", one per call, sampled every
     * millisecond while the call runs: the last millisecond of a worker may be missed).
     */
    static void step(String kind, String label, int rounds, Callable<String> work) throws InterruptedException {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        double[] ms = new double[rounds];
        double[] allocated = new double[rounds];
        String result = "";
        for (int r = -1; r < rounds; r++) {
            java.util.Map<Long, Long> workers = new java.util.concurrent.ConcurrentHashMap<>();
            java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
            Thread sampler = new Thread(() -> {
                while (running.get()) {
                    for (Thread t : Thread.getAllStackTraces().keySet()) {
                        if (t.getName().startsWith("mailgw-validation-")) {
                            long bytes = threads.getThreadAllocatedBytes(t.getId());
                            if (bytes > 0) {
                                workers.merge(t.getId(), bytes, Math::max);
                            }
                        }
                    }
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            long a0 = threads.getThreadAllocatedBytes(tid);
            sampler.start();
            long t0 = System.nanoTime();
            try {
                result = work.call();
            } catch (Throwable e) {
                result = e.toString();
            }
            long t1 = System.nanoTime();
            long a1 = threads.getThreadAllocatedBytes(tid);
            running.set(false);
            sampler.join();
            if (r >= 0) {
                ms[r] = (t1 - t0) / 1e6;
                allocated[r] = (a1 - a0 + workers.values().stream().mapToLong(Long::longValue).sum()) / (double) MB;
            }
        }
        double[] sortedMs = ms.clone();
        Arrays.sort(sortedMs);
        double[] sortedMb = allocated.clone();
        Arrays.sort(sortedMb);
        System.out.printf("STEP %s %s median=%.1f ms (%.1f-%.1f) allocated=%.0f MB result=%s%n", kind, label,
                sortedMs[rounds / 2], sortedMs[0], sortedMs[rounds - 1], sortedMb[rounds / 2],
                result.substring(0, Math.min(160, result.length())).replace('\n', ' '));
    }

    /** A .docx whose document.xml is {@code mb} MB of plain paragraphs, deflated as it is written (26:1). */
    static byte[] docx(int mb) throws Exception {
        String head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/"
                + "wordprocessingml/2006/main\"><w:body>";
        Part doc = part(head, i -> "<w:p><w:r><w:t>Dòng số " + i + " của văn bản</w:t></w:r></w:p>",
                "</w:body></w:document>", mb);
        String types = "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" "
                + "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";
        String rels = "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                + "relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                + "relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";
        return new HandMadeZip().add(HandMadeZip.deflated("[Content_Types].xml", types),
                HandMadeZip.deflated("_rels/.rels", rels), doc.entry("word/document.xml")).finish();
    }

    /** An .xlsx of one sheet of {@code mb} MB of rows (a text cell and a number each). */
    static byte[] xlsx(int mb) throws Exception {
        Part sheet = part("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/"
                        + "spreadsheetml/2006/main\"><sheetData>",
                i -> "<row r=\"" + (i + 1) + "\"><c r=\"A" + (i + 1) + "\" t=\"inlineStr\"><is><t>Dòng " + (i + 1)
                        + "</t></is></c><c r=\"B" + (i + 1) + "\"><v>" + (i + 1) + "</v></c></row>",
                "</sheetData></worksheet>", mb);
        String types = "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" "
                + "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override "
                + "PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument."
                + "spreadsheetml.worksheet+xml\"/></Types>";
        String rels = "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                + "relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                + "relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
        String wb = "<?xml version=\"1.0\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets><sheet name=\"S\" "
                + "sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>";
        String wbRels = "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                + "relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                + "relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>";
        return new HandMadeZip().add(HandMadeZip.deflated("[Content_Types].xml", types),
                HandMadeZip.deflated("_rels/.rels", rels), HandMadeZip.deflated("xl/workbook.xml", wb),
                HandMadeZip.deflated("xl/_rels/workbook.xml.rels", wbRels), sheet.entry("xl/worksheets/sheet1.xml")).finish();
    }

    /** Signed by a throw-away CA (the engine digests every signed part before it looks at the chain). */
    static byte[] sign(byte[] ooxml) {
        Instant now = Instant.now();
        CertificateProfile profile = CertificateProfile.valid(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));
        CertificateAuthority ca = CertificateAuthority.root(VnSubject.ca("Bench CA", "Bench"), profile,
                CertificateAuthority.seededRandom("large-parts"));
        IssuedCertificate signer = ca.issue(VnSubject.agency("Sở Tài chính", "Ủy ban nhân dân tỉnh Demo", "Demo",
                "stc@demo.gov.vn", "0100000001", "1000001"), profile);
        return OfficeSigner.signOoxml(ooxml, signer, SignOptions.at(now.minusSeconds(60)));
    }

    record Part(byte[] deflated, long size, long crc) {
        HandMadeZip.Entry entry(String name) {
            return new HandMadeZip.Entry(name, HandMadeZip.DEFLATED, deflated, size, deflated.length, crc, 0, true);
        }
    }

    /** Writes head, rows until {@code mb} MB, tail: deflated on the fly (level 6), never held inflated. */
    static Part part(String head, java.util.function.IntFunction<String> row, String tail, int mb) throws Exception {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        CRC32 crc = new CRC32();
        long size = 0;
        Deflater deflater = new Deflater(6, true);
        try (DeflaterOutputStream out = new DeflaterOutputStream(raw, deflater, 1 << 16)) {
            StringBuilder chunk = new StringBuilder(head);
            for (int i = 0; size < mb * MB; i++) {
                chunk.append(row.apply(i));
                if (chunk.length() > 60_000) {
                    byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
                    out.write(bytes);
                    crc.update(bytes);
                    size += bytes.length;
                    chunk.setLength(0);
                }
            }
            byte[] end = (chunk + tail).getBytes(StandardCharsets.UTF_8);
            out.write(end);
            crc.update(end);
            size += end.length;
        } finally {
            deflater.end();
        }
        return new Part(raw.toByteArray(), size, crc.getValue());
    }
}
