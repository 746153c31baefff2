package vn.mailgw.gateway.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.mailgw.gateway.smtp.DecoderEvent.BadCommandLine;
import vn.mailgw.gateway.smtp.DecoderEvent.CommandLine;
import vn.mailgw.gateway.smtp.DecoderEvent.CommandLineDefect;
import vn.mailgw.gateway.smtp.DecoderEvent.DataChunk;
import vn.mailgw.gateway.smtp.DecoderEvent.DataDefect;
import vn.mailgw.gateway.smtp.DecoderEvent.DataDefectFound;
import vn.mailgw.gateway.smtp.DecoderEvent.EndOfData;
import vn.mailgw.gateway.smtp.DecoderEvent.NeedMoreInput;

class SmtpDecoderTest {

    /** What a whole conversation decodes to: command lines and messages, in order, as comparable strings. */
    private static List<String> decode(SmtpDecoder decoder, byte[] wire, int... splits) {
        List<String> seen = new ArrayList<>();
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        int from = 0;
        int[] cuts = new int[splits.length + 1];
        System.arraycopy(splits, 0, cuts, 0, splits.length);
        cuts[splits.length] = wire.length;
        for (int cut : cuts) {
            decoder.feed(wire, from, cut - from);
            from = cut;
            DecoderEvent event;
            while (!((event = decoder.next()) instanceof NeedMoreInput)) {
                if (event instanceof CommandLine c) {
                    seen.add("CMD " + c.text());
                    if (c.text().equalsIgnoreCase("DATA")) {
                        decoder.startData();
                    }
                } else if (event instanceof BadCommandLine b) {
                    seen.add("BAD " + b.defect());
                } else if (event instanceof DataChunk d) {
                    message.writeBytes(d.bytes());
                } else if (event instanceof DataDefectFound f) {
                    seen.add("DEFECT " + f.defect());
                } else if (event instanceof EndOfData e) {
                    seen.add("MSG " + message.toString(StandardCharsets.ISO_8859_1) + " " + e.defects());
                    message.reset();
                }
            }
        }
        return seen;
    }

    private static List<String> decode(String wire, int... splits) {
        return decode(new SmtpDecoder(), wire.getBytes(StandardCharsets.ISO_8859_1), splits);
    }

    @Test
    void nextShouldYieldCommandLinesWhenPipelined() {
        assertThat(decode("EHLO a\r\nMAIL FROM:<x@y>\r\nRCPT TO:<z@w>\r\n"))
                .containsExactly("CMD EHLO a", "CMD MAIL FROM:<x@y>", "CMD RCPT TO:<z@w>");
    }

    @Test
    void nextShouldUndoDotStuffingAndEndOnlyAtCrLfDotCrLf() {
        assertThat(decode("DATA\r\n..leading\r\n.\r\n"))
                .containsExactly("CMD DATA", "MSG .leading\r\n []");
        assertThat(decode("DATA\r\n.\r\nQUIT\r\n"))
                .containsExactly("CMD DATA", "MSG  []", "CMD QUIT");
        assertThat(decode("DATA\r\na\r\n..\r\n...\r\nb.\r\n.\r\n"))
                .containsExactly("CMD DATA", "MSG a\r\n.\r\n..\r\nb.\r\n []");
    }

    @Test
    void nextShouldGiveTheSameResultWhenSplitAtEveryPoint() {
        String wire = "EHLO client\r\nMAIL FROM:<a@b>\r\nDATA\r\nSubject: x\r\n\r\n..dot\r\nline\r\n.\r\nQUIT\r\n";
        List<String> whole = decode(wire);
        assertThat(whole).containsExactly("CMD EHLO client", "CMD MAIL FROM:<a@b>", "CMD DATA",
                "MSG Subject: x\r\n\r\n.dot\r\nline\r\n []", "CMD QUIT");
        for (int i = 0; i <= wire.length(); i++) {
            for (int j = i; j <= wire.length(); j += 7) {
                assertThat(decode(wire, i, j)).as("split at %d and %d", i, j).isEqualTo(whole);
            }
        }
    }

    @Test
    void nextShouldNotEndDataWhenBareLfSmugglingIsAttempted() {
        for (String smuggle : List.of("\n.\n", "\r\n.\n", "\n.\r\n", "\r.\r", "\r.\r\n")) {
            String wire = "DATA\r\nfirst" + smuggle + "MAIL FROM:<evil@x>\r\nRCPT TO:<v@y>\r\nDATA\r\nforged\r\n.\r\nNOOP\r\n";
            for (int i = 0; i <= wire.length(); i++) {
                List<String> events = decode(wire, i);
                assertThat(events).as("smuggle %s split %d", smuggle.replace("\r", "CR").replace("\n", "LF"), i)
                        .hasSize(4)
                        .startsWith("CMD DATA", "DEFECT BARE_LINE_END")
                        .endsWith("CMD NOOP");
                assertThat(events.get(2)).startsWith("MSG ").endsWith("[BARE_LINE_END]");
            }
        }
    }

    @Test
    void nextShouldReportLongTextLineWhenOver1000Octets() {
        String ok = "x".repeat(998);
        assertThat(decode("DATA\r\n" + ok + "\r\n.\r\n")).containsExactly("CMD DATA", "MSG " + ok + "\r\n []");
        String tooLong = "x".repeat(999);
        assertThat(decode("DATA\r\n" + tooLong + "\r\n.\r\nNOOP\r\n"))
                .containsExactly("CMD DATA", "DEFECT LINE_TOO_LONG", "MSG " + tooLong + "\r\n [LINE_TOO_LONG]", "CMD NOOP");
    }

    @Test
    void nextShouldRefuseCommandLineWhenOver512OctetsAndStayInSync() {
        String ok = "NOOP " + "a".repeat(510 - 5);
        assertThat(decode(ok + "\r\nRSET\r\n")).containsExactly("CMD " + ok, "CMD RSET");
        String tooLong = ok + "a";
        assertThat(decode(tooLong + "\r\nRSET\r\n")).containsExactly("BAD TOO_LONG", "CMD RSET");
        SmtpDecoder decoder = new SmtpDecoder();
        assertThat(decode(decoder, ("X".repeat(100_000) + "\r\nNOOP\r\n").getBytes(StandardCharsets.US_ASCII), 50_000))
                .containsExactly("BAD TOO_LONG", "CMD NOOP");
        assertThat(decoder.buffered()).isZero();
    }

    @Test
    void nextShouldRefuseCommandLineWhenItHasBareLineEnds() {
        assertThat(decode("NOOP\nRSET\r\n")).containsExactly("BAD BARE_LINE_END", "CMD RSET");
        assertThat(decode("NO\rOP\r\nRSET\r\n")).containsExactly("BAD BARE_LINE_END", "CMD RSET");
    }

    @Test
    void nextShouldDecodeUtf8CommandsAndRefuseMalformedOnes() {
        SmtpDecoder decoder = new SmtpDecoder();
        decoder.feed("RCPT TO:<thư@bộ.vn>\r\n".getBytes(StandardCharsets.UTF_8));
        assertThat(decoder.next()).isEqualTo(new CommandLine("RCPT TO:<thư@bộ.vn>"));
        decoder.feed(new byte[] {'R', (byte) 0xC3, '\r', '\n'});
        assertThat(decoder.next()).isEqualTo(new BadCommandLine(CommandLineDefect.MALFORMED_UTF8));
    }

    @Test
    void nextShouldPassEightBitAndNulBytesUnchanged() {
        byte[] body = new byte[256 * 3];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i % 256 == 13 || i % 256 == 10 ? 'z' : i);
        }
        SmtpDecoder decoder = new SmtpDecoder();
        decoder.startData();
        decoder.feed(body);
        decoder.feed("\r\n.\r\n".getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DecoderEvent event;
        while ((event = decoder.next()) instanceof DataChunk chunk) {
            out.writeBytes(chunk.bytes());
        }
        assertThat(event).isEqualTo(new EndOfData(Set.of()));
        byte[] expected = new byte[body.length + 2];
        System.arraycopy(body, 0, expected, 0, body.length);
        expected[body.length] = '\r';
        expected[body.length + 1] = '\n';
        assertThat(out.toByteArray()).isEqualTo(expected);
    }

    @Test
    void discardBufferedShouldDropBytesSentAfterStarttls() {
        SmtpDecoder decoder = new SmtpDecoder();
        decoder.feed("STARTTLS\r\nRSET\r\nMAIL FROM:<a@b>\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(decoder.next()).isEqualTo(new CommandLine("STARTTLS"));
        decoder.discardBuffered();
        assertThat(decoder.next()).isInstanceOf(NeedMoreInput.class);
        decoder.feed("EHLO x\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(decoder.next()).isEqualTo(new CommandLine("EHLO x"));
    }

    @Test
    void nextShouldKeepBufferSmallWhenStreamingLargeData() {
        SmtpDecoder decoder = new SmtpDecoder();
        decoder.startData();
        byte[] block = ("y".repeat(78) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        long total = 0;
        for (int i = 0; i < 20_000; i++) {
            decoder.feed(block);
            DecoderEvent event = decoder.next();
            total += ((DataChunk) event).bytes().length;
            assertThat(decoder.next()).isInstanceOf(NeedMoreInput.class);
        }
        assertThat(total).isEqualTo(20_000L * block.length);
        assertThat(decoder.buffered()).isZero();
        decoder.feed(".\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(decoder.next()).isInstanceOf(EndOfData.class);
        assertThat(DataDefect.values()).hasSize(2);
    }

    @Test
    void nextShouldDecodeRandomInputTheSameWayWhateverTheSplits() {
        java.util.Random random = new java.util.Random(20231218); // fixed seed: a failure is reproducible
        byte[] alphabet = "\r\n.DATA \r\nNOOP\u00e9x".getBytes(StandardCharsets.ISO_8859_1);
        for (int round = 0; round < 2_000; round++) {
            byte[] wire = new byte[random.nextInt(300)];
            for (int i = 0; i < wire.length; i++) {
                wire[i] = random.nextInt(10) == 0 ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
            }
            List<String> whole = decode(new SmtpDecoder(), wire);
            int a = wire.length == 0 ? 0 : random.nextInt(wire.length + 1);
            int b = a + (wire.length == a ? 0 : random.nextInt(wire.length - a + 1));
            assertThat(decode(new SmtpDecoder(), wire, a, b)).as("round %d split %d %d", round, a, b).isEqualTo(whole);
        }
    }

    /** Feeding one byte at a time leaves no run longer than a byte: the byte-at-a-time reference. */
    private static List<String> decodeByteByByte(byte[] wire) {
        int[] cuts = new int[Math.max(0, wire.length - 1)];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = i + 1;
        }
        return decode(new SmtpDecoder(), wire, cuts);
    }

    @Test
    void nextShouldDecodeLongLinesLikeByteByByteWhenContentComesInBulk() {
        java.util.Random random = new java.util.Random(20261122); // fixed seed: a failure is reproducible
        String[] pieces = {"\r\n", "\r\n.", "\r\n..", "\n", "\r", ".", "\r\n.\r\n", "\r\n.\rx"};
        for (int round = 0; round < 200; round++) {
            StringBuilder wire = new StringBuilder("DATA\r\n");
            while (wire.length() < 4_000) {
                // lines around the 1000-octet limit, so runs cross it on either side
                wire.append("a".repeat(990 + random.nextInt(15) - (random.nextBoolean() ? 500 : 0)));
                wire.append(pieces[random.nextInt(pieces.length)]);
            }
            wire.append("\r\n.\r\nNOOP\r\n");
            byte[] bytes = wire.toString().getBytes(StandardCharsets.ISO_8859_1);
            List<String> reference = decodeByteByByte(bytes);
            assertThat(decode(new SmtpDecoder(), bytes)).as("round %d whole", round).isEqualTo(reference);
            int a = random.nextInt(bytes.length + 1);
            int b = a + random.nextInt(bytes.length - a + 1);
            assertThat(decode(new SmtpDecoder(), bytes, a, b)).as("round %d split %d %d", round, a, b)
                    .isEqualTo(reference);
        }
    }

    @Test
    void nextShouldFindLineLimitAtEverySplitWhenLineIsOneOctetOver() {
        String wire = "DATA\r\n" + "y".repeat(999) + "\r\n" + "z".repeat(998) + "\r\n.\r\n";
        List<String> expected = List.of("CMD DATA", "DEFECT LINE_TOO_LONG",
                "MSG " + "y".repeat(999) + "\r\n" + "z".repeat(998) + "\r\n [LINE_TOO_LONG]");
        for (int i = 0; i <= wire.length(); i++) {
            assertThat(decode(wire, i)).as("split at %d", i).isEqualTo(expected);
        }
        String clean = "DATA\r\n" + "y".repeat(998) + "\r\n.\r\n";
        for (int i = 0; i <= clean.length(); i++) {
            assertThat(decode(clean, i)).as("split at %d", i)
                    .containsExactly("CMD DATA", "MSG " + "y".repeat(998) + "\r\n []");
        }
    }

    @Test
    void indexOfCrOrLfShouldFindTheFirstLineEndByteWhenPresent() {
        byte[] bytes = "abc\u00ff\u000b\u000c\rdef\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(SmtpDecoder.indexOfCrOrLf(bytes, 0, bytes.length)).isEqualTo(6);
        assertThat(SmtpDecoder.indexOfCrOrLf(bytes, 7, bytes.length)).isEqualTo(10);
        assertThat(SmtpDecoder.indexOfCrOrLf(bytes, 7, 10)).isEqualTo(10);
        assertThat(SmtpDecoder.indexOfCrOrLf(bytes, 0, 6)).isEqualTo(6);
    }

    @Test
    void indexOfCrOrLfShouldAgreeWithAPlainScanWhenLineEndsSitAnywhereInAWord() {
        java.util.Random random = new java.util.Random(20261122);
        // 0x0B/0x0C/0x0E and 0x8D/0x8A differ from CR/LF in one bit: the word trick must not flag them
        byte[] alphabet = {'a', 0x0B, 0x0C, 0x0E, 0x09, (byte) 0x8D, (byte) 0x8A, 0x00, 0x01, (byte) 0xFF, '\r', '\n'};
        for (int round = 0; round < 5_000; round++) {
            byte[] bytes = new byte[random.nextInt(40)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = alphabet[random.nextInt(random.nextBoolean() ? alphabet.length - 2 : alphabet.length)];
            }
            int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length + 1);
            int to = from + random.nextInt(bytes.length - from + 1);
            int expected = to;
            for (int i = from; i < to; i++) {
                if (bytes[i] == '\r' || bytes[i] == '\n') {
                    expected = i;
                    break;
                }
            }
            assertThat(SmtpDecoder.indexOfCrOrLf(bytes, from, to)).as("round %d", round).isEqualTo(expected);
        }
    }

    @Test
    void nextShouldEndDataAndUnstuffAtEverySplitOfTheSameBytes() {
        // CRLF.CRLF, a stuffed dot line, "." CR <not LF>, bare CR and bare LF: each split point, two at a time
        String[] wires = {
            "DATA\r\nab\r\n..dot\r\n.\r\nNOOP\r\n",
            "DATA\r\nx\r\n.\rx\r\n.\r\n",
            "DATA\r\nx\ry\r\nz\nw\r\n..\r\n.\r\n",
            "DATA\r\n.\r\n",
            "DATA\r\n..\r\n...\r\n.\r\n",
        };
        for (String wire : wires) {
            byte[] bytes = wire.getBytes(StandardCharsets.ISO_8859_1);
            List<String> reference = decodeByteByByte(bytes);
            for (int a = 0; a <= bytes.length; a++) {
                for (int b = a; b <= bytes.length; b++) {
                    assertThat(decode(new SmtpDecoder(), bytes, a, b)).as("%s split %d %d", wire, a, b)
                            .isEqualTo(reference);
                }
            }
        }
        assertThat(decode(wires[0])).containsExactly("CMD DATA", "MSG ab\r\n.dot\r\n []", "CMD NOOP");
        assertThat(decode(wires[1])).containsExactly("CMD DATA", "DEFECT BARE_LINE_END",
                "MSG x\r\n\rx\r\n [BARE_LINE_END]");
        assertThat(decode(wires[4])).containsExactly("CMD DATA", "MSG .\r\n..\r\n []");
    }

    @Test
    void nextShouldGiveChunksThatAreViewsValidUntilTheNextCall() {
        SmtpDecoder decoder = new SmtpDecoder();
        decoder.startData();
        decoder.feed("..a\r\nb".getBytes(StandardCharsets.US_ASCII));
        DataChunk chunk = (DataChunk) decoder.next();
        assertThat(new String(chunk.array(), chunk.offset(), chunk.length(), StandardCharsets.US_ASCII))
                .isEqualTo(".a\r\nb");
        assertThat(chunk.bytes()).isEqualTo(".a\r\nb".getBytes(StandardCharsets.US_ASCII));
        decoder.feed("\r".getBytes(StandardCharsets.US_ASCII));
        assertThat(decoder.next()).isInstanceOf(NeedMoreInput.class); // a lone CR waits for its next byte
        assertThat(decoder.buffered()).isEqualTo(1);
        decoder.feed("\n.\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(((DataChunk) decoder.next()).bytes()).isEqualTo("\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(decoder.next()).isEqualTo(new EndOfData(java.util.Set.of()));
    }
}
