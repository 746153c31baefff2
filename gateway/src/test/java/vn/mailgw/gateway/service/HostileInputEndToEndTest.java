package vn.mailgw.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vertx.core.Vertx;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.mailgw.gateway.audit.AuditRecord;
import vn.mailgw.gateway.audit.Outcome;
import vn.mailgw.gateway.cli.DemoCommand;
import vn.mailgw.gateway.testing.SmtpData;
import vn.mailgw.samples.DemoProvince;
import vn.mailgw.samples.SampleMessage;
import vn.mailgw.samples.SampleSender;
import vn.mailgw.validation.signing.SamplePdfWriter;

/**
 * Hostile and broken input through the whole running gateway: a raw SMTP socket in, the real pipeline with the
 * signature engine, classification and verdict, GreenMail as the next hop, the SQLite audit store. For every case:
 * the reply the client gets, the delivered copy (stamped, never PAPER_EQUIVALENT, the original body byte for byte)
 * or nothing delivered on a refusal, the audit record, and the next ordinary message served normally. Runs with the
 * module's surefire heap; an OutOfMemoryError or a hang fails the case (60 s preemptive timeout each).
 */
class HostileInputEndToEndTest {

    private static final String NODE = "gwH";
    private static final Duration CASE_TIMEOUT = Duration.ofSeconds(60);

    /** Deleted by JUnit after the class (the gateway is stopped first, in @AfterAll). */

    @TempDir

    static Path dir;
    static DemoProvince province;
    static SampleMessage valid;
    static GreenMail nextHop;
    static Vertx vertx;
    static GatewayService gateway;

    @BeforeAll
    static void start() throws Exception {
        province = DemoProvince.start(Instant.now());
        valid = province.messages().stream().filter(s -> s.expectedVerdict().equals("PAPER_EQUIVALENT")
                && s.eml().length < 200_000 && s.name().startsWith("01")).findFirst().orElseThrow();
        int nextHopPort;
        try (ServerSocket s = new ServerSocket(0)) {
            nextHopPort = s.getLocalPort();
        }
        nextHop = new GreenMail(new ServerSetup(nextHopPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        nextHop.start();
        vertx = Vertx.vertx();
        gateway = DemoCommand.startOn(province, vertx, List.of("smtp.port=0", "http.port=0",
                "audit.sqliteFile=" + dir.resolve("audit.sqlite"), "audit.keyDir=" + dir, "audit.nodeId=" + NODE,
                "spoolDir=" + dir.resolve("spool"), "workers.pipeline=2",
                "delivery.nextHop.host=127.0.0.1", "delivery.nextHop.port=" + nextHopPort,
                "delivery.nextHop.startTls=NONE"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.stop().await(20, TimeUnit.SECONDS);
        }
        if (vertx != null) {
            vertx.close().await(20, TimeUnit.SECONDS);
        }
        if (nextHop != null) {
            nextHop.stop();
        }
        if (province != null) {
            province.close();
        }
    }

    // ------------------------------------------------------------------ MIME bombs

    @Test
    void multipartNestedHundredsOfLevelsShouldBeDeliveredWithTheNestingReported() {
        hostile("nested", id -> HostileMail.deeplyNested(id, 600, smallPdf()), (sent, reply) -> {
            Delivered d = assertDeliveredIntact(sent, reply);
            assertThat(d.audit().errors()).anySatisfy(e -> assertThat(e).contains("nested deeper than"));
            assertThat(d.verdictHeader()).doesNotStartWith("PAPER_EQUIVALENT");
        });
    }

    @Test
    void tensOfThousandsOfEmptyPartsShouldBeDelivered() {
        hostile("empty-parts", id -> HostileMail.manyEmptyParts(id, 30_000, ""), (sent, reply) ->
                assertDeliveredIntact(sent, reply));
    }

    @Test
    void tensOfThousandsOfEmptyAttachmentsShouldBeRefusedWithTheLimitNamed() {
        hostile("empty-attachments", id -> HostileMail.manyEmptyParts(id, 20_000,
                "Content-Type: application/pdf\r\nContent-Disposition: attachment; filename=\"a.pdf\"\r\n"),
                (sent, reply) -> {
                    assertThat(reply.code()).as(reply.text()).isEqualTo(552);
                    assertThat(reply.text()).contains("5.3.4", "quá nhiều tệp đính kèm", "at most 1000");
                    assertNotDelivered(sent);
                    AuditRecord record = auditedRefusal(r -> r.messageId() != null && r.messageId().contains(sent.id()));
                    assertThat(record.errors()).anySatisfy(e -> assertThat(e).contains("more than 1000 attachments"));
                });
    }

    @Test
    void headerBlockOfManyMegabytesShouldBeDelivered() {
        hostile("header-block", id -> HostileMail.hugeHeaderBlock(id, 30_000, 150), (sent, reply) ->
                assertDeliveredIntact(sent, reply));
    }

    @Test
    void oneFoldedHeaderFieldOfMegabytesShouldBeDelivered() {
        hostile("folded-subject", id -> HostileMail.hugeFoldedSubject(id, 40_000), (sent, reply) ->
                assertDeliveredIntact(sent, reply));
    }

    @Test
    void headerLineOfMegabytesOnOneLineShouldBeRefusedWithTheLimitNamed() {
        hostile("long-line", id -> HostileMail.oneHeaderLineOf(id, 2_000_000), (sent, reply) -> {
            assertThat(reply.code()).as(reply.text()).isEqualTo(550);
            assertThat(reply.text()).contains("5.5.2", "1000", "dòng dài");
            assertNotDelivered(sent);
            AuditRecord record = auditedRefusal(r -> r.smtpReply() != null && r.smtpReply().startsWith("550 5.5.2")
                    && r.sizeBytes() != null && r.sizeBytes() >= 2_000_000);
            assertThat(record.errors()).anySatisfy(e -> assertThat(e).contains("dòng dài quá 1000 byte"));
        });
    }

    @Test
    void boundaryNeverClosedShouldBeDeliveredWithTheDocumentChecked() {
        hostile("never-closed", id -> HostileMail.neverClosed(id, smallPdf()), (sent, reply) -> {
            Delivered d = assertDeliveredIntact(sent, reply);
            assertThat(d.documents()).contains("khong-dong.pdf");
            assertThat(d.audit().errors()).anySatisfy(e -> assertThat(e).contains("multipart not closed"));
        });
    }

    @Test
    void base64FullOfGarbageShouldBeDeliveredAsNotADocument() {
        hostile("bad-base64", id -> HostileMail.withPart(id, "Content-Type: application/pdf\r\n"
                + "Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\"rac.pdf\"\r\n",
                "!!!!@@@@####$$$$ this is not base64 at all ~~~~\r\n%%%%^^^^&&&&****\r\n===\r\nQUJD=RA==\r\n"),
                (sent, reply) -> {
                    Delivered d = assertDeliveredIntact(sent, reply);
                    assertThat(d.documents()).contains("rac.pdf");
                });
    }

    @Test
    void quotedPrintableWithBrokenSoftBreaksShouldBeDelivered() {
        hostile("bad-qp", id -> HostileMail.withPart(id, "Content-Type: text/plain; charset=UTF-8\r\n"
                + "Content-Transfer-Encoding: quoted-printable\r\n"
                + "Content-Disposition: attachment; filename=\"giay-moi.txt\"\r\n",
                "GI=E1=BA=A4Y M=E1=BB=9CI=\r\n=\r\nbroken =ZZ soft =4\r\nbreak at end=  \r\n=\r"
                        + "\n=E1=BB\r\n"),
                (sent, reply) -> {
                    Delivered d = assertDeliveredIntact(sent, reply);
                    assertThat(d.documents()).contains("giay-moi.txt");
                });
    }

    @Test
    void malformedAndHugeRfc2231FileNamesShouldBeDeliveredWithABoundedName() {
        StringBuilder huge = new StringBuilder();
        for (int i = 0; i < 5_000; i++) {
            huge.append(";\r\n filename*").append(i).append("*=utf-8''%E1%BA%A4%ZZ%E1").append("a".repeat(40));
        }
        hostile("rfc2231", id -> HostileMail.withPart(id, "Content-Type: application/pdf; name*=utf-8'vi'%ZZ%E1%BB\r\n"
                + "Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment" + huge + "\r\n",
                HostileMail.base64Lines(smallPdf())), (sent, reply) -> {
                    Delivered d = assertDeliveredIntact(sent, reply);
                    assertThat(d.documents().length()).as("stamped document headers stay bounded").isLessThan(20_000);
                });
    }

    @Test
    void contentTypeWithAbsurdParametersShouldBeDelivered() {
        StringBuilder params = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            params.append(";\r\n p").append(i).append("=\"").append("v".repeat(30)).append('"');
        }
        hostile("ct-params", id -> HostileMail.withPart(id, "Content-Type: application/pdf" + params
                + "; name=\"tham-so.pdf\"\r\nContent-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"tham-so.pdf\"\r\n", HostileMail.base64Lines(smallPdf())),
                (sent, reply) -> assertDeliveredIntact(sent, reply));
    }

    @Test
    void eightBitBytesAndNulInHeadersShouldBeDeliveredUnchanged() {
        hostile("eight-bit", HostileMail::eightBitAndNulHeaders, (sent, reply) -> assertDeliveredIntact(sent, reply));
    }

    // ------------------------------------------------------------------ hostile attachments

    @Test
    void pdfWhoseXrefDeclaresBillionsOfObjectsShouldBeIndeterminate() {
        attachment("xref", "ty-doi-tuong.pdf", "application/pdf", HostileMail.xrefOfBillions(),
                d -> assertThat(d.banner()).contains("Tệp quá phức tạp"));
    }

    @Test
    void flateDecompressionBombShouldNotExhaustTheGateway() {
        byte[] bomb = HostileMail.flateBomb(HostileMail.oneGigabyteOfZeros());
        assertThat(bomb.length).as("a small file").isLessThan(3 * 1024 * 1024);
        attachment("flate-bomb", "bom-nen.pdf", "application/pdf", bomb, d -> { });
    }

    @Test
    void objectStreamBombShouldBeRefusedBeforeAnyParserOpensIt() {
        byte[] bomb = HostileMail.objectStreamBomb(HostileMail.oneGigabyteOfZeros());
        assertThat(bomb.length).as("a small file").isLessThan(3 * 1024 * 1024);
        // Before PdfStructureStreams, PDFBox inflated the 1 GB object stream whole, in classification and in the
        // signature engine alike: OutOfMemoryError.
        attachment("objstm-bomb", "giay-moi.pdf", "application/pdf", bomb, d -> {
            assertThat(d.banner()).contains("Tệp quá phức tạp");
            assertThat(d.audit().errors()).anyMatch(e -> e.contains("ObjStm stream") && e.contains("inflates"));
        });
    }

    @Test
    void objectStreamBombBehindAHexLayerShouldBeRefusedToo() {
        byte[] bomb = HostileMail.objectStreamBomb(HostileMail.oneGigabyteOfZeros(), true);
        assertThat(bomb.length).as("a small file").isLessThan(5 * 1024 * 1024);
        // Before the check decoded filter chains, the hex layer hid the zlib data from it and PDFBox decoded both
        // layers whole, into memory.
        attachment("objstm-hex-bomb", "thong-bao.pdf", "application/pdf", bomb, d -> {
            assertThat(d.banner()).contains("Tệp quá phức tạp");
            assertThat(d.audit().errors()).anyMatch(e -> e.contains("ObjStm stream")
                    && e.contains("decodes (ASCIIHexDecode, FlateDecode) to more than"));
        });
    }

    @Test
    void encryptedObjectStreamBombShouldBeRefusedBeforeDssOpensIt() {
        byte[] bomb = HostileMail.encryptedObjectStreamBomb();
        assertThat(bomb.length).as("a small file").isLessThan(200_000);
        // Ciphertext to the raw-byte check: decoded after decryption, within the limit, by classification and by the
        // signature engine before DSS loads the file unbounded.
        attachment("objstm-encrypted-bomb", "bao-cao.pdf", "application/pdf", bomb, d -> {
            assertThat(d.banner()).contains("Tệp quá phức tạp");
            // classification's finding; the engine's DOCUMENT_TOO_COMPLEX is the banner's "Tệp quá phức tạp"
            assertThat(d.audit().errors()).anyMatch(e -> e.contains("an object stream decodes (FlateDecode) to more than"));
        });
    }

    @Test
    void posterSizedScanShouldNotBeRenderedWhole() {
        // No text layer, so the classifier renders it for OCR: 200 x 200 inches at 200 dpi were 1.6 GB of pixels
        // (OutOfMemoryError, 451) before the render budget.
        byte[] poster = HostileMail.rawPdf("<< /Type /Catalog /Pages 2 0 R >>",
                "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 14400 14400] >>");
        attachment("poster-scan", "ban-do.pdf", "application/pdf", poster, d -> assertThat(d.audit().errors())
                .anyMatch(e -> e.contains("not rendered for OCR") && e.contains("too large to render")));
    }

    @Test
    void fontCmapBombShouldBeStoppedBeforePdfBoxDecodesIt() {
        // PDFBox decodes a font's ToUnicode CMap whole when the font is first used: 1 GB here (OutOfMemoryError and
        // 451 before the font budget).
        attachment("font-bomb", "giay-moi-hop.pdf", "application/pdf",
                HostileMail.fontBomb(HostileMail.oneGigabyteOfZeros()), d -> assertThat(d.audit().errors())
                        .anyMatch(e -> e.contains("font streams decode to more than")));
    }

    @Test
    void cyclicPageTreeShouldBeAnswered() {
        attachment("cyclic", "vong-lap.pdf", "application/pdf", HostileMail.cyclicPageTree(), d -> { });
    }

    @Test
    void objectsNestedHundredsOfThousandsDeepShouldBeAnswered() {
        // Deep enough to exhaust a recursive parser's stack: the signature engine and the classifier both read it.
        attachment("deep-objects", "long-sau.pdf", "application/pdf", HostileMail.rawPdf(
                "<< /Type /Catalog /Pages 2 0 R /Deep 3 0 R >>", "<< /Type /Pages /Kids [] /Count 0 >>",
                "[".repeat(200_000) + "]".repeat(200_000)), d -> { });
    }

    @Test
    void encryptedPdfShouldBeReportedEncrypted() throws Exception {
        byte[] encrypted;
        try (PDDocument doc = Loader.loadPDF(smallPdf()); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            StandardProtectionPolicy policy = new StandardProtectionPolicy("owner", "user", new AccessPermission());
            policy.setEncryptionKeyLength(128);
            doc.protect(policy);
            doc.save(out);
            encrypted = out.toByteArray();
        }
        attachment("encrypted", "ma-hoa.pdf", "application/pdf", encrypted,
                d -> assertThat(d.banner()).contains("Tệp được mã hóa bằng mật khẩu"));
    }

    @Test
    void docxZipBombShouldNotExhaustTheGateway() {
        byte[] bomb = HostileMail.docxBomb(HostileMail.oneGigabyteOfZeros());
        assertThat(bomb.length).isLessThan(3 * 1024 * 1024);
        // Refused by measuring the package before POI opens it (ZipInflationCheck), the clerk told why.
        attachment("docx-bomb", "bom-zip.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", bomb,
                d -> assertThat(d.banner()).contains("Tệp quá phức tạp"));
    }

    @Test
    void docxOfThousandsOfEntriesShouldBeAnswered() {
        attachment("docx-entries", "nhieu-muc.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                HostileMail.docxOfManyEntries(20_000), d -> assertThat(d.banner()).contains("Tệp quá phức tạp"));
    }

    @Test
    void pdfNamedDocxShouldBeJudgedByItsContent() {
        attachment("pdf-as-docx", "quyet-dinh.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document", smallPdf(),
                d -> {
                    assertThat(d.documents()).contains("quyet-dinh.docx");
                    assertThat(d.banner()).contains("Tên tệp có đuôi .docx nhưng nội dung là tệp PDF");
                });
    }

    @Test
    void docxNamedPdfShouldBeJudgedByItsContent() {
        attachment("docx-as-pdf", "ke-hoach.pdf", "application/pdf", vn.mailgw.validation.signing.SampleOfficeWriter
                .docx("SỞ TÀI CHÍNH TỈNH ĐẮK NÔNG", "KẾ HOẠCH Số: 22/KH-STC", "Triển khai công tác năm 2027."),
                d -> {
                    assertThat(d.documents()).contains("ke-hoach.pdf");
                    // The clerk opening "ke-hoach.pdf" is told it is a Word file (the verdict is by content).
                    assertThat(d.banner()).contains("Tên tệp có đuôi .pdf nhưng nội dung là tệp DOCX (chỉnh sửa được)");
                });
    }

    @Test
    void signedPdfWithGarbageContentsShouldNeverPass() {
        attachment("garbage-sig", "chu-ky-rac.pdf", "application/pdf", HostileMail.signedWithGarbageContents(),
                d -> assertThat(d.documents()).doesNotContain("NOT_SIGNED"));
    }

    @Test
    void p7mThatIsNotDerShouldBeAnswered() {
        attachment("not-der", "van-ban.pdf.p7m", "application/pkcs7-mime", HostileMail.notDerP7m(), d -> { });
    }

    // ------------------------------------------------------------------ SMTP abuse seen end to end

    @Test
    void clientVanishingMidDataShouldLeaveNothingBehindAndTheNextClientIsServed() {
        assertTimeoutPreemptively(CASE_TIMEOUT, () -> {
            int before = nextHop.getReceivedMessages().length;
            List<Path> spoolBefore = spoolFiles();
            try (Socket socket = new Socket("127.0.0.1", gateway.smtpPort())) {
                SmtpLines smtp = new SmtpLines(socket);
                smtp.expect(220);
                smtp.command("EHLO vanish.daknong.gov.vn", 250);
                smtp.command("MAIL FROM:<" + HostileMail.FROM + ">", 250);
                smtp.command("RCPT TO:<" + DemoProvince.RECIPIENT + ">", 250);
                smtp.command("DATA", 354);
                byte[] half = HostileMail.withAttachment("vanish-" + System.nanoTime(), "mot-nua.pdf",
                        "application/pdf", smallPdf());
                smtp.out.write(half, 0, half.length / 2);
                smtp.out.flush();
                socket.setSoLinger(true, 0); // a reset, as a client that crashes
            }
            serveNextMessage();
            assertThat(nextHop.getReceivedMessages().length).as("the half message is never relayed")
                    .isEqualTo(before + 1);
            // The session's spool file is removed when the connection drops (nothing half-kept on disk).
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!newSpoolFiles(spoolBefore).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(newSpoolFiles(spoolBefore)).isEmpty();
        });
    }

    // ------------------------------------------------------------------ the checks every case makes

    /** Sends the hostile message, lets {@code check} judge the reply, then the next ordinary message must pass. */
    private void hostile(String name, java.util.function.Function<String, byte[]> build, Check check) {
        assertTimeoutPreemptively(CASE_TIMEOUT, () -> {
            String id = name + "-" + System.nanoTime();
            byte[] eml = build.apply(id);
            Reply reply = sendRaw(eml);
            check.judge(new Sent(id, eml), reply);
            serveNextMessage();
            assertNoErrorThrownInAnyStep();
        }, name);
    }

    /**
     * No step failed on any message so far: a step that throws (an OutOfMemoryError or StackOverflowError included)
     * leaves "step-failed: ..." in its message's audit record (PipelineRunner), besides the 451 the checks see.
     */
    private static void assertNoErrorThrownInAnyStep() {
        List<String> errors = new ArrayList<>();
        gateway.audit().store().scanChain(NODE, 0, r -> {
            r.errors().stream().filter(e -> e.startsWith("step-failed:")).forEach(errors::add);
            return true;
        });
        assertThat(errors).as("errors thrown on pipeline workers").isEmpty();
    }

    /** A message with one hostile attachment: 250, stamped, never PAPER_EQUIVALENT, each document with a reason. */
    private void attachment(String name, String fileName, String contentType, byte[] document, Consumer<Delivered> more) {
        hostile(name, id -> HostileMail.withAttachment(id, fileName, contentType, document), (sent, reply) -> {
            Delivered d = assertDeliveredIntact(sent, reply);
            assertThat(d.documentHeaders()).as("one stamped document").hasSize(1);
            assertThat(d.documents()).containsAnyOf("verdict=INDETERMINATE", "verdict=NOT_A_DOCUMENT",
                    "verdict=NOT_PAPER_EQUIVALENT").doesNotContain("reasons=none");
            List<AuditRecord> children = gateway.audit().store().children(d.audit().id());
            assertThat(children).hasSize(1);
            assertThat(children.get(0).reasonCodes()).as("reason codes in the audit record").isNotEmpty();
            assertThat(children.get(0).documentSha256()).isEqualTo(
                    vn.mailgw.gateway.documents.AttachmentExtractor.sha256(document));
            assertThat(children.get(0).verdict()).isNotEqualTo("PAPER_EQUIVALENT");
            more.accept(d);
        });
    }

    /**
     * 250, the copy at the next hop stamped (verdict header, banner) and never PAPER_EQUIVALENT, the original body
     * byte for byte inside it, and an audit record saying DELIVERED.
     */
    private Delivered assertDeliveredIntact(Sent sent, Reply reply) throws Exception {
        assertThat(reply.code()).as(reply.text()).isEqualTo(250);
        String auditId = NODE + "." + reply.text().substring(reply.text().lastIndexOf(' ') + 1);
        MimeMessage m = deliveredWithAuditId(auditId);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        m.writeTo(raw);
        byte[] delivered = raw.toByteArray();
        byte[] body = bodyOf(sent.eml());
        assertThat(indexOf(delivered, body)).as("the original body, byte for byte, in the delivered copy")
                .isGreaterThanOrEqualTo(0);
        String verdict = m.getHeader("X-Mailgw-Verdict")[0];
        assertThat(verdict).doesNotStartWith("PAPER_EQUIVALENT");
        String[] documents = Optional.ofNullable(m.getHeader("X-Mailgw-Document")).orElse(new String[0]);
        AuditRecord record = gateway.audit().store().find(auditId).orElseThrow(() -> new AssertionError(
                "no audit record " + auditId));
        assertThat(record.outcome()).isEqualTo(Outcome.DELIVERED);
        assertThat(record.verdict()).isNotEqualTo("PAPER_EQUIVALENT");
        assertThat(record.messageId()).contains(sent.id());
        jakarta.mail.internet.MimeMultipart top = (jakarta.mail.internet.MimeMultipart) m.getContent();
        jakarta.mail.internet.MimeMultipart banner = (jakarta.mail.internet.MimeMultipart) top.getBodyPart(0).getContent();
        return new Delivered(verdict, List.of(documents), record, (String) banner.getBodyPart(0).getContent());
    }

    private void assertNotDelivered(Sent sent) throws Exception {
        for (MimeMessage m : nextHop.getReceivedMessages()) {
            String messageId = m.getMessageID();
            assertThat(messageId == null || !messageId.contains(sent.id())).as("refused yet relayed").isTrue();
        }
    }

    /**
     * The audit record of a refused message, with the reply the client got. A refusal the SMTP session gives itself
     * is written after the reply (it promises nothing), so it is waited for.
     */
    private static AuditRecord auditedRefusal(java.util.function.Predicate<AuditRecord> which) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            List<AuditRecord> found = new ArrayList<>();
            gateway.audit().store().scanChain(NODE, 0, r -> {
                if (r.outcome() == Outcome.REFUSED && which.test(r)) {
                    found.add(r);
                }
                return true;
            });
            if (!found.isEmpty() || System.nanoTime() > deadline) {
                assertThat(found).as("audit record of the refusal").isNotEmpty();
                return found.get(found.size() - 1);
            }
            Thread.sleep(50);
        }
    }

    /** The gateway still validates, stamps and relays an ordinary signed document after the hostile one. */
    private void serveNextMessage() throws Exception {
        SampleSender.Reply reply = new SampleSender("127.0.0.1", gateway.smtpPort()).send(valid);
        assertThat(reply.code()).as("next ordinary message: " + reply.text()).isEqualTo(250);
        MimeMessage m = deliveredWithAuditId(NODE + "." + reply.text().substring(reply.text().lastIndexOf(' ') + 1));
        assertThat(m.getHeader("X-Mailgw-Verdict")[0]).startsWith("PAPER_EQUIVALENT");
    }

    private static MimeMessage deliveredWithAuditId(String auditId) throws Exception {
        for (MimeMessage m : nextHop.getReceivedMessages()) {
            String[] verdict = m.getHeader("X-Mailgw-Verdict");
            if (verdict != null && verdict[0].contains("audit-id=" + auditId + ";")) {
                return m;
            }
        }
        throw new AssertionError("nothing relayed is stamped with audit-id=" + auditId);
    }

    private static List<Path> spoolFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("spool"))) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static List<Path> newSpoolFiles(List<Path> before) throws IOException {
        return spoolFiles().stream().filter(f -> !before.contains(f)).toList();
    }

    static byte[] smallPdf() {
        return SamplePdfWriter.write("GIẤY MỜI", List.of("Kính mời dự họp giao ban."), 1, 0);
    }

    private static byte[] bodyOf(byte[] eml) {
        int i = indexOf(eml, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return java.util.Arrays.copyOfRange(eml, i + 4, eml.length);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    // ------------------------------------------------------------------ a raw SMTP client

    /** Sends the bytes as they are (dot-stuffed) over a plain socket and returns the reply to the final dot. */
    private Reply sendRaw(byte[] eml) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", gateway.smtpPort())) {
            socket.setSoTimeout(55_000);
            SmtpLines smtp = new SmtpLines(socket);
            smtp.expect(220);
            smtp.command("EHLO hostile.daknong.gov.vn", 250);
            smtp.command("MAIL FROM:<" + HostileMail.FROM + "> BODY=8BITMIME", 250);
            smtp.command("RCPT TO:<" + DemoProvince.RECIPIENT + ">", 250);
            smtp.command("DATA", 354);
            smtp.writeDotStuffed(eml);
            Reply reply = smtp.reply();
            smtp.command("QUIT", 221);
            return reply;
        }
    }

    record Reply(int code, String text) {}

    record Sent(String id, byte[] eml) {}

    record Delivered(String verdictHeader, List<String> documentHeaders, AuditRecord audit, String banner) {
        String documents() {
            return String.join("\n", documentHeaders);
        }
    }

    @FunctionalInterface
    interface Check {
        void judge(Sent sent, Reply reply) throws Exception;
    }

    private static final class SmtpLines {
        final InputStream in;
        final OutputStream out;

        SmtpLines(Socket socket) throws IOException {
            socket.setSoTimeout(55_000);
            this.in = socket.getInputStream();
            this.out = new java.io.BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        }

        void command(String line, int expected) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            expect(expected);
        }

        void expect(int code) throws IOException {
            Reply reply = reply();
            assertThat(reply.code()).as(reply.text()).isEqualTo(code);
        }

        /** Writes the message with leading dots doubled and a CRLF before the final dot. */
        void writeDotStuffed(byte[] eml) throws IOException {
            SmtpData.writeDotStuffed(eml, out, false);
            out.flush();
        }

        Reply reply() throws IOException {
            StringBuilder text = new StringBuilder();
            while (true) {
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                int b;
                while ((b = in.read()) >= 0 && b != '\n') {
                    if (b != '\r') {
                        line.write(b);
                    }
                }
                String l = line.toString(StandardCharsets.UTF_8);
                if (b < 0 && l.isEmpty()) {
                    throw new IOException("connection closed; reply so far: " + text);
                }
                text.append(text.length() == 0 ? "" : "\n").append(l.length() > 4 ? l.substring(4) : "");
                if (l.length() < 4 || l.charAt(3) != '-') {
                    return new Reply(Integer.parseInt(l.substring(0, 3)), text.toString());
                }
            }
        }
    }
}
