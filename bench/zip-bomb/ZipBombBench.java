package vn.mailgw.gateway.service;

import io.vertx.core.Vertx;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import vn.mailgw.gateway.cli.DemoCommand;
import vn.mailgw.samples.DemoProvince;
import vn.mailgw.samples.SampleMessage;
import vn.mailgw.trust.anchors.TrustSnapshot;
import vn.mailgw.validation.classify.ClassificationInput;
import vn.mailgw.validation.classify.ClassifierConfig;
import vn.mailgw.validation.classify.DocumentClassifier;
import vn.mailgw.validation.classify.OcrEngine;
import vn.mailgw.validation.classify.ProfileCategories;
import vn.mailgw.validation.filetype.FileTypeSniffer;
import vn.mailgw.validation.signature.SignatureValidator;
import vn.mailgw.validation.signature.ValidationConfig;
import vn.mailgw.validation.signing.SampleOfficeWriter;

/**
 * What a hostile zip-based attachment costs: (1) each step the pipeline runs on it, in this JVM (type sniff, which
 * the attachment reader and the classifier each do once, classification, the Office signature engine), median of
 * ROUNDS after one warm-up round; (2) the whole gateway (the demo province, GreenMail-free: Maildir delivery), one
 * message at a time so the reply time is the message's pipeline time: an ordinary signed message, the 1 GB DOCX
 * bomb and the DOCX of 20 000 entries of HostileInputEndToEndTest. Compiles against the gateway's test classes
 * (HostileMail) of any tree since the sixth round, so the same harness measures before and after.
 */
public final class ZipBombBench {

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Map<String, byte[]> documents = new LinkedHashMap<>();
        documents.put("docx bomb (1 GB part)", HostileMail.docxBomb(HostileMail.oneGigabyteOfZeros()));
        documents.put("docx of 20000 entries", HostileMail.docxOfManyEntries(20_000));
        byte[] ordinary = SampleOfficeWriter.docx("SỞ TÀI CHÍNH", "KẾ HOẠCH Số: 22/KH-STC",
                "Triển khai công tác năm 2027.");
        documents.put("ordinary docx", ordinary);
        documents.put("docx + 5 MB of images", withPicture(ordinary, 5 << 20));

        SignatureValidator validator = new SignatureValidator(ValidationConfig.DEFAULT);
        DocumentClassifier classifier = new DocumentClassifier(ClassifierConfig.DEFAULT, OcrEngine.NONE,
                ProfileCategories.bundled(), "daknong-2012");
        TrustSnapshot trust = TrustSnapshot.empty(Instant.now());
        // The measuring alone, where the tree has it (office8 on): found by name, so the harness compiles before it.
        java.lang.reflect.Method zipCheck = zipCheckMethod();
        System.out.printf("STEPS (ms, median of %d after one warm-up round)%n", rounds);
        System.out.printf("%-24s %10s %10s %12s %10s   %s%n", "document", "sniff", "classify", "office-sig",
                "zip-check", "engine says");
        for (Map.Entry<String, byte[]> d : documents.entrySet()) {
            byte[] f = d.getValue();
            String[] said = new String[1];
            double sniff = median(rounds, () -> FileTypeSniffer.sniff(f));
            double classify = median(rounds, () -> classifier.classify(new ClassificationInput(f, "x.docx", "Van ban")));
            double office = median(rounds, () -> said[0] = String.valueOf(
                    validator.validateOfficePackage(f, "x.docx", trust, Instant.now())));
            String check = zipCheck == null ? "-" : String.format("%.1f", median(rounds, () -> invoke(zipCheck, f)));
            System.out.printf("%-24s %10.1f %10.1f %12.1f %10s   %s%n", d.getKey(), sniff, classify, office, check,
                    said[0].substring(0, Math.min(150, said[0].length())).replace('\n', ' '));
        }

        Path dir = Files.createTempDirectory("mailgw-zip-bomb-bench");
        try (DemoProvince province = DemoProvince.start(Instant.now())) {
            SampleMessage valid = province.messages().stream().filter(s -> s.name().startsWith("01")).findFirst()
                    .orElseThrow();
            Vertx vertx = Vertx.vertx();
            GatewayService gateway = DemoCommand.startOn(province, vertx, List.of("smtp.port=0", "http.port=0",
                    "audit.sqliteFile=" + dir.resolve("audit.sqlite"), "audit.keyDir=" + dir,
                    "spoolDir=" + dir.resolve("spool"), "delivery.maildir=" + dir.resolve("maildir"),
                    "workers.pipeline=2"));
            try {
                Map<String, Supplier<byte[]>> messages = new LinkedHashMap<>();
                messages.put("ordinary signed PDF (01)", valid::eml);
                messages.put("docx bomb (1 GB part)", () -> HostileMail.withAttachment(id(), "bom-zip.docx",
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        documents.get("docx bomb (1 GB part)")));
                messages.put("docx of 20000 entries", () -> HostileMail.withAttachment(id(), "nhieu-muc.docx",
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        documents.get("docx of 20000 entries")));
                System.out.printf("GATEWAY (ms from the final dot to the reply, one message at a time, median of %d "
                        + "after one warm-up message)%n", rounds);
                Map<String, Double> medians = new LinkedHashMap<>();
                for (Map.Entry<String, Supplier<byte[]>> m : messages.entrySet()) {
                    boolean isOrdinary = m.getKey().startsWith("ordinary");
                    String mailFrom = isOrdinary ? valid.mailFrom() : HostileMail.FROM;
                    String rcpt = isOrdinary ? valid.recipients().get(0) : DemoProvince.RECIPIENT;
                    List<Double> times = new ArrayList<>();
                    String reply = "";
                    for (int i = 0; i <= rounds; i++) {
                        long[] took = new long[1];
                        reply = send(gateway.smtpPort(), mailFrom, rcpt, m.getValue().get(), took);
                        if (!reply.startsWith("250")) {
                            throw new IllegalStateException(m.getKey() + ": " + reply);
                        }
                        if (i > 0) {
                            times.add(took[0] / 1e6);
                        }
                    }
                    medians.put(m.getKey(), median(times));
                    System.out.printf("%-28s %8.1f ms   (each: %s) reply %s%n", m.getKey(), median(times),
                            times.stream().map(t -> String.format("%.0f", t)).toList(), reply.strip());
                }
                double ordinaryMs = medians.get("ordinary signed PDF (01)");
                System.out.printf("RESULT bomb=%.1f ms entries=%.1f ms ordinary=%.1f ms bomb/ordinary=%.2f%n",
                        medians.get("docx bomb (1 GB part)"), medians.get("docx of 20000 entries"), ordinaryMs,
                        medians.get("docx bomb (1 GB part)") / ordinaryMs);
            } finally {
                gateway.stop().await(20, TimeUnit.SECONDS);
                vertx.close().await(20, TimeUnit.SECONDS);
            }
        }
        System.exit(0);
    }

    private static int counter;

    private static java.lang.reflect.Method zipCheckMethod() {
        try {
            return Class.forName("vn.mailgw.validation.filetype.ZipInflationCheck").getMethod("tooLarge", byte[].class);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private static void invoke(java.lang.reflect.Method method, byte[] file) {
        try {
            method.invoke(null, (Object) file);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The document with a picture of {@code size} random bytes (incompressible, as photos are) in word/media/. */
    private static byte[] withPicture(byte[] docx, int size) throws IOException {
        byte[] picture = new byte[size];
        new java.util.Random(4).nextBytes(picture);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(docx));
             java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
            java.util.zip.ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                byte[] data = in.readAllBytes();
                if (e.getName().equals("[Content_Types].xml")) { // the picture needs its content type, as Word writes it
                    data = new String(data, StandardCharsets.UTF_8).replace("</Types>",
                            "<Default Extension=\"jpeg\" ContentType=\"image/jpeg\"/></Types>").getBytes(StandardCharsets.UTF_8);
                }
                zip.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                zip.write(data);
                zip.closeEntry();
            }
            zip.putNextEntry(new java.util.zip.ZipEntry("word/media/image1.jpeg"));
            zip.write(picture);
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    private static String id() {
        return "zip-bench-" + (++counter) + "-" + System.nanoTime();
    }

    private static double median(int rounds, Runnable step) {
        step.run(); // warm-up
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            step.run();
            times.add((System.nanoTime() - start) / 1e6);
        }
        return median(times);
    }

    private static double median(List<Double> times) {
        List<Double> sorted = times.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /** One message over a plain socket; returns the reply to the final dot, and its wait in {@code took[0]} (ns). */
    private static String send(int port, String mailFrom, String rcpt, byte[] eml, long[] took) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(120_000);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            reply(in);
            for (String command : List.of("EHLO bench.daknong.gov.vn", "MAIL FROM:<" + mailFrom + "> BODY=8BITMIME",
                    "RCPT TO:<" + rcpt + ">", "DATA")) {
                out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String r = reply(in);
                if (!r.startsWith("2") && !r.startsWith("3")) {
                    return r;
                }
            }
            out.write(dotStuffed(eml));
            out.flush();
            long start = System.nanoTime();
            String r = reply(in);
            took[0] = System.nanoTime() - start;
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return r;
        }
    }

    private static byte[] dotStuffed(byte[] eml) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(eml.length + 1024);
        boolean lineStart = true;
        for (byte b : eml) {
            if (lineStart && b == '.') {
                out.write('.');
            }
            out.write(b);
            lineStart = b == '\n';
        }
        if (!lineStart) {
            out.write('\r');
            out.write('\n');
        }
        out.writeBytes(".\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static String reply(InputStream in) throws IOException {
        StringBuilder text = new StringBuilder();
        while (true) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                line.write(b);
            }
            String l = line.toString(StandardCharsets.UTF_8).strip();
            text.append(l).append(' ');
            if (b < 0 || l.length() < 4 || l.charAt(3) != '-') {
                return text.toString();
            }
        }
    }
}
