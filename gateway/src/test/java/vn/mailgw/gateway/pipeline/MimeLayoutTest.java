package vn.mailgw.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.mailgw.gateway.documents.Attachment;
import vn.mailgw.gateway.documents.AttachmentExtractor;
import vn.mailgw.gateway.testing.TestMail;

/**
 * The fast multipart scan must find exactly the parts Jakarta Mail's parser finds on well-formed mail (same
 * headers, same raw bytes, same decoded attachments), and give up (so Jakarta Mail decides) on anything else.
 */
class MimeLayoutTest {

    private static final Session SESSION = Session.getInstance(new Properties());

    private static final String NESTED = String.join("\r\n",
            "From: stc@daknong.gov.vn",
            "Subject: test",
            "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=\"outer\"",
            "",
            "This is the preamble; --outer inside a line is no delimiter.",
            "--outer",
            "Content-Type: multipart/alternative; boundary=inner",
            "",
            "--inner",
            "Content-Type: text/plain; charset=utf-8",
            "",
            "Kính gửi.",
            "--outerX is an ordinary line, and so is --inner-not",
            "--inner  \t",
            "Content-Type: text/html; charset=utf-8",
            "",
            "<p>Kính gửi.</p>",
            "--inner--",
            "",
            "--outer",
            "Content-Type: application/pdf; name=\"q.pdf\"",
            "Content-Disposition: attachment; filename*=utf-8''Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh.pdf",
            "Content-Transfer-Encoding: base64",
            "",
            "JVBERi0xLjcKJeLjz9MK",
            "AAECAwQFBgcICQ==",
            "--outer",
            "Content-Type: text/plain; name=\"ghi-chu.txt\"",
            "Content-Transfer-Encoding: quoted-printable",
            "",
            "Ghi ch=C3=BA",
            "--outer--",
            "epilogue",
            "");

    private static MimeMessage parse(String eml) throws Exception {
        return new MimeMessage(SESSION, new SharedByteArrayInputStream(eml.getBytes(StandardCharsets.UTF_8)));
    }

    /** Parsed as ParseMime does: Jakarta Mail over the bytes, then the fast scan over the same bytes. */
    private record Scanned(MimeMessage message, Optional<MimeLayout> layout) {
        static Scanned of(String eml) throws Exception {
            byte[] bytes = eml.getBytes(StandardCharsets.UTF_8);
            SharedByteArrayInputStream shared = new SharedByteArrayInputStream(bytes);
            MimeMessage message = new MimeMessage(SESSION, shared);
            return new Scanned(message, MimeLayout.scan(message, bytes, shared));
        }
    }

    @Test
    void scanShouldFindTheSamePartsAsJakartaMailOnWellFormedMail() throws Exception {
        for (String eml : List.of(NESTED, NESTED.replace("\r\n", "\n"))) {
            Scanned fast = Scanned.of(eml);
            assertThat(describe(fast.message(), fast.layout().orElseThrow())).isEqualTo(describe(parse(eml), null))
                    .hasSize(4); // the leaves: plain, html, pdf, note
        }
    }

    @Test
    void extractorShouldDecodeTheSameAttachmentsOverTheLayoutAsOverJakartaMail() throws Exception {
        AttachmentExtractor extractor = new AttachmentExtractor(1_000_000);
        Scanned fast = Scanned.of(NESTED);
        assertThat(fast.layout()).isPresent();
        List<Attachment> viaLayout = extractor.extract(new ParsedMime.Parsed(fast.message(), List.of(), fast.layout()));
        List<Attachment> viaJakarta = extractor.extract(parse(NESTED));
        assertThat(viaLayout).hasSize(2);
        for (int i = 0; i < viaLayout.size(); i++) {
            assertThat(viaLayout.get(i).fileName()).isEqualTo(viaJakarta.get(i).fileName());
            assertThat(viaLayout.get(i).sha256()).isEqualTo(viaJakarta.get(i).sha256());
            assertThat(viaLayout.get(i).content()).isEqualTo(viaJakarta.get(i).content());
        }
        assertThat(viaLayout.get(0).fileName()).isEqualTo("Quyết định.pdf");
        assertThat(new String(viaLayout.get(1).content(), StandardCharsets.UTF_8)).isEqualTo("Ghi chú");
    }

    /**
     * The line-stripping buffer is reused per thread: a big attachment, then a small one, then one whose base64 is
     * broken (Jakarta Mail's lenient decoder decides) must each decode to exactly what Jakarta Mail gives, with
     * nothing left over from the body before.
     */
    @Test
    void extractorShouldNotSeeTheLastBodyWhenTheLineBufferIsReused() throws Exception {
        AttachmentExtractor extractor = new AttachmentExtractor(10_000_000);
        java.util.Random random = new java.util.Random(20261122);
        byte[] big = new byte[700_000];
        random.nextBytes(big);
        String bigBody = java.util.Base64.getMimeEncoder().encodeToString(big);
        String smallBody = "JVBERi0xLjcKJeLjz9MK\r\nAAECAwQFBgcICQ==";
        String brokenBody = "JVBERi0xLjcKJeLjz9MK\r\nAAEC*AwQFBgcICQ==";
        for (String body : List.of(bigBody, smallBody, brokenBody, bigBody.substring(0, 7_600))) {
            String eml = NESTED.replace("JVBERi0xLjcKJeLjz9MK\r\nAAECAwQFBgcICQ==", body);
            Scanned fast = Scanned.of(eml);
            assertThat(fast.layout()).isPresent();
            Attachment viaLayout = extractor.extract(new ParsedMime.Parsed(fast.message(), List.of(), fast.layout())).get(0);
            Attachment viaJakarta = extractor.extract(parse(eml)).get(0);
            assertThat(viaLayout.content()).isEqualTo(viaJakarta.content()).isNotEmpty();
            assertThat(viaLayout.sha256()).isEqualTo(viaJakarta.sha256());
        }
    }

    /**
     * ParseMime reads every message into one reused array per thread ({@link MessageBuffer}), longer than the message.
     * Here the second message is the first one cut just before its close delimiter, so the stale bytes right after
     * its end are that delimiter: a reader that looked past the message's length would take it as well-formed. It
     * must be read as what it is (no close delimiter: no fast layout, the structure problem reported), and the third
     * message, well-formed and small, must again give exactly Jakarta Mail's attachment.
     */
    @Test
    void parseMimeShouldNotSeeTheLastMessageWhenItsBufferIsReused(@TempDir Path spool) throws Exception {
        byte[] big = new byte[700_000];
        new java.util.Random(20261122).nextBytes(big);
        String first = NESTED.replace("JVBERi0xLjcKJeLjz9MK\r\nAAECAwQFBgcICQ==",
                java.util.Base64.getMimeEncoder().encodeToString(big));
        String cut = first.substring(0, first.lastIndexOf("--outer--"));
        List<MessageContext> contexts = new ArrayList<>();
        try {
            for (String eml : List.of(first, cut, NESTED)) {
                MessageContext context = new MessageContext(TestMail.builder()
                        .content(eml.getBytes(StandardCharsets.UTF_8)).spoolInto(spool));
                contexts.add(context);
                new ParseMime().apply(context);
            }
            ParsedMime.Parsed whole = (ParsedMime.Parsed) contexts.get(0).require(ParseMime.MIME);
            ParsedMime.Parsed unclosed = (ParsedMime.Parsed) contexts.get(1).require(ParseMime.MIME);
            ParsedMime.Parsed small = (ParsedMime.Parsed) contexts.get(2).require(ParseMime.MIME);
            assertThat(whole.layout()).isPresent();
            assertThat(unclosed.layout()).isEmpty();
            assertThat(contexts.get(1).findings()).anyMatch(f -> f.contains("multipart not closed"));
            assertThat(small.layout()).isPresent();
            AttachmentExtractor extractor = new AttachmentExtractor(1_000_000);
            assertThat(extractor.extract(small).get(0).content())
                    .isEqualTo(extractor.extract(parse(NESTED)).get(0).content());
        } finally {
            contexts.forEach(MessageContext::close);
        }
    }

    @Test
    void scanShouldLeaveMailThatIsNotWellFormedToJakartaMail() throws Exception {
        String noClose = NESTED.substring(0, NESTED.lastIndexOf("--outer--"));
        String noBoundary = NESTED.replace("multipart/mixed; boundary=\"outer\"", "multipart/mixed");
        String noParts = String.join("\r\n", "Content-Type: multipart/mixed; boundary=b", "", "--b--", "");
        String notMultipart = String.join("\r\n", "Content-Type: text/plain", "", "--b", "--b--", "");
        for (String eml : List.of(noClose, noBoundary, noParts, notMultipart)) {
            assertThat(Scanned.of(eml).layout()).isEmpty();
        }
    }

    @Test
    void parseMimeShouldReportBrokenStructureAsBeforeWhenTheScanGivesUp() throws Exception {
        String noClose = NESTED.substring(0, NESTED.lastIndexOf("--outer--"))
                .replace("multipart/alternative; boundary=inner", "multipart/alternative");
        Scanned scanned = Scanned.of(noClose);
        assertThat(scanned.layout()).isEmpty();
        MimeMessage message = scanned.message();
        // Jakarta Mail still reads it (leniently) for the extractor: the fallback path is the old one.
        assertThat(new AttachmentExtractor(1_000_000).extract(new ParsedMime.Parsed(message, List.of()))).isNotEmpty();
    }

    @Test
    void extractorShouldDecodeUnevenBase64LinesFromTheLayoutLikeJakartaMail() throws Exception {
        // Line lengths 8, 2, 5, 9: after the first line the guessed next line break (8 further) is the third line's,
        // so the copy holds a LF, the strict decoder refuses and Jakarta Mail's decoder answers.
        for (String lines : List.of("QUJDREVG\nR0\nhJSkt\nMTU5PUA==", "QUJDREVG\r\nR0hJSktM\r\nTU5PUA==")) {
            String eml = String.join("\r\n", "Content-Type: multipart/mixed; boundary=b", "", "--b",
                    "Content-Type: application/octet-stream; name=x.bin", "Content-Transfer-Encoding: base64", "",
                    lines, "--b--", "");
            Scanned fast = Scanned.of(eml);
            List<Attachment> found = new AttachmentExtractor(1_000).extract(
                    new ParsedMime.Parsed(fast.message(), List.of(), fast.layout()));
            assertThat(fast.layout()).isPresent();
            assertThat(new String(found.get(0).content(), StandardCharsets.US_ASCII)).isEqualTo("ABCDEFGHIJKLMNOP");
        }
    }


    /**
     * Differential check on thousands of damaged variants of a nested message (stray and near-miss delimiters, lines
     * lost, bare LF line ends, doubled blank lines): whenever the fast scan accepts a message, it must see exactly the
     * parts Jakarta Mail sees. A difference would let a part (a secret document) hide from one of the two readers.
     * Deeper runs: {@code -Dfuzz.seed=N -Dfuzz.rounds=20000} (three seeds × 20 000 passed when this was written).
     */
    @Test
    void scanShouldNeverSeeOtherPartsThanJakartaMailOnDamagedMail() throws Exception {
        String[] tricky = {"--outer", "--outer--", "--inner", "--inner--", "--outer \t", "--outerX", "--inner-not", "",
                "Content-Type: multipart/mixed; boundary=outer", "Content-Type: text/plain", " --outer", "--outer--x",
                "---outer", "--OUTER"};
        java.util.Random random = new java.util.Random(Long.getLong("fuzz.seed", 20261122));
        int accepted = 0;
        for (int round = 0; round < Integer.getInteger("fuzz.rounds", 3000); round++) {
            List<String> lines = new ArrayList<>(List.of(NESTED.split("\r\n", -1)));
            for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
                int at = 5 + random.nextInt(lines.size() - 5); // keep the top-level header block
                switch (random.nextInt(3)) {
                    case 0 -> lines.add(at, tricky[random.nextInt(tricky.length)]);
                    case 1 -> lines.remove(at);
                    default -> lines.set(at, lines.get(at) + "\n" + tricky[random.nextInt(tricky.length)]);
                }
            }
            String eml = String.join("\r\n", lines);
            Scanned fast = Scanned.of(eml);
            if (fast.layout().isEmpty()) {
                continue; // Jakarta Mail alone reads it, as before
            }
            accepted++;
            assertThat(describe(fast.message(), fast.layout().get())).as("variant %d:%n%s", round, eml)
                    .isEqualTo(describe(parse(eml), null));
        }
        assertThat(accepted).as("variants the fast scan accepted and compared").isGreaterThan(300);
    }

    @Test
    void horspoolShouldFindEveryOccurrenceANaiveSearchFinds() {
        java.util.Random random = new java.util.Random(7);
        byte[] pattern = "--=_b1".getBytes(StandardCharsets.US_ASCII);
        byte[] text = new byte[20_000];
        for (int i = 0; i < text.length; i++) {
            text[i] = (byte) "-=_b1a\n".charAt(random.nextInt(7)); // a small alphabet: many near misses
        }
        for (int at : new int[] {0, 4_321, 4_324, text.length - pattern.length}) { // overlapping and at both ends
            System.arraycopy(pattern, 0, text, at, pattern.length);
        }
        MimeLayout.Horspool search = new MimeLayout.Horspool(pattern);
        int found = 0;
        for (int from = 0; from < text.length; from++) {
            int naive = -1;
            outer:
            for (int i = from; i + pattern.length <= text.length; i++) {
                for (int j = 0; j < pattern.length; j++) {
                    if (text[i + j] != pattern[j]) {
                        continue outer;
                    }
                }
                naive = i;
                break;
            }
            assertThat(search.indexIn(text, from, text.length)).as("from %d", from).isEqualTo(naive);
            found += naive == from ? 1 : 0;
        }
        assertThat(found).isGreaterThanOrEqualTo(3);
    }

    /** Every part, depth first: content type, file name and raw body bytes. */
    private static List<String> describe(Part root, MimeLayout layout) throws Exception {
        List<String> out = new ArrayList<>();
        walk(root, layout, out);
        return out;
    }

    private static void walk(Part part, MimeLayout layout, List<String> out) throws Exception {
        if (part.isMimeType("multipart/*")) {
            List<BodyPart> children = new ArrayList<>();
            if (layout != null) {
                children.addAll(layout.children(part).orElseThrow());
            } else {
                Multipart m = (Multipart) part.getContent();
                for (int i = 0; i < m.getCount(); i++) {
                    children.add(m.getBodyPart(i));
                }
            }
            for (BodyPart child : children) {
                walk(child, layout, out);
            }
            return;
        }
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try (var in = ((jakarta.mail.internet.MimeBodyPart) part).getRawInputStream()) {
            in.transferTo(raw);
        }
        String fileName;
        try {
            fileName = Optional.ofNullable(part.getFileName()).orElse("-");
        } catch (jakarta.mail.MessagingException unreadable) {
            fileName = "(unreadable: " + unreadable.getMessage() + ")"; // the same on both sides, or a difference
        }
        out.add(part.getContentType() + " | " + fileName + " | " + raw.toString(StandardCharsets.UTF_8));
    }
}
