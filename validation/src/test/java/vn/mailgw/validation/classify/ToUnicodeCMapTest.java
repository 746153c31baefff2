package vn.mailgw.validation.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.fontbox.cmap.CMap;
import org.apache.fontbox.cmap.CMapParser;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.io.RandomAccessRead;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.junit.jupiter.api.Test;

/**
 * {@link ToUnicodeCMap} against fontbox's {@code CMapParser} (what PDFBox reads a ToUnicode CMap with): wherever it
 * gives a map, every code's text must be fontbox's; where it gives none, the font reads its CMap with fontbox.
 */
class ToUnicodeCMapTest {

    @Test
    void shouldReadEveryToUnicodeCMapOfTheCorpusPdfsAndAnswerEveryCodeAsFontbox() throws IOException {
        int fonts = 0;
        for (Path file : corpusPdfs()) {
            try (PDDocument document = Loader.loadPDF(Files.readAllBytes(file))) {
                for (PDPage page : document.getPages()) {
                    for (COSDictionary font : fontsOf(page.getResources())) {
                        COSStream stream = (COSStream) font.getDictionaryObject(COSName.TO_UNICODE);
                        Optional<ToUnicodeCMap> read = ToUnicodeCMap.read(stream);
                        assertThat(read).as(file.getFileName() + " " + font).isPresent();
                        assertSameAsFontbox(read.get(), fontbox(stream), file.getFileName().toString());
                        // and through the font: PDFont.toUnicode's rules with this CMap, or with fontbox's
                        DictionaryFont own = DictionaryFont.of(font).orElseThrow();
                        DictionaryFont reference = DictionaryFont.of(font, false).orElseThrow();
                        for (int code = 0; code <= 0xFFFF; code++) {
                            if (!java.util.Objects.equals(own.toUnicode(code), reference.toUnicode(code))) {
                                throw new AssertionError(file.getFileName() + " code " + code + ": " + own.toUnicode(code)
                                        + " vs " + reference.toUnicode(code));
                            }
                        }
                        assertThat(own.getCOSObject()).isSameAs(font);
                        fonts++;
                    }
                }
            }
        }
        assertThat(fonts).as("fonts compared").isGreaterThan(100);
    }

    @Test
    void generatedCMapsShouldBeReadAsFontboxReadsThemOrLeftToFontbox() throws IOException {
        Random random = new Random(2026);
        int read = 0;
        for (int i = 0; i < 4000; i++) {
            String cmap = generated(random);
            for (boolean flate : new boolean[] {false, true}) {
                if (compare(stream(cmap.getBytes(StandardCharsets.ISO_8859_1), flate), "generated " + i + ":\n" + cmap)) {
                    read++;
                }
            }
        }
        assertThat(read).as("generated CMaps read here").isGreaterThan(4000);
    }

    @Test
    void damagedCopiesOfCorpusCMapsShouldBeReadAsFontboxReadsThemOrLeftToFontbox() throws IOException {
        List<byte[]> cmaps = new ArrayList<>();
        for (Path file : corpusPdfs().subList(0, 12)) {
            try (PDDocument document = Loader.loadPDF(Files.readAllBytes(file))) {
                for (COSDictionary font : fontsOf(document.getPage(0).getResources())) {
                    try (InputStream in = ((COSStream) font.getDictionaryObject(COSName.TO_UNICODE)).createInputStream()) {
                        cmaps.add(in.readAllBytes());
                    }
                }
            }
        }
        Random random = new Random(7);
        byte[] noise = "<>[]()/% \n\r\t0123456789abcdefABCDEFxyz.{}".getBytes(StandardCharsets.ISO_8859_1);
        int read = 0;
        int left = 0;
        for (int i = 0; i < 3000; i++) {
            byte[] cmap = cmaps.get(random.nextInt(cmaps.size())).clone();
            for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
                int at = random.nextInt(cmap.length);
                switch (random.nextInt(3)) {
                    case 0 -> cmap[at] = noise[random.nextInt(noise.length)];
                    case 1 -> cmap = cut(cmap, at, Math.min(cmap.length, at + 1 + random.nextInt(8)));
                    default -> cmap = insert(cmap, at, noise[random.nextInt(noise.length)]);
                }
            }
            if (compare(stream(cmap, random.nextBoolean()), "damaged copy " + i)) {
                read++;
            } else {
                left++;
            }
        }
        assertThat(read).as("damaged copies read here").isGreaterThan(300);
        assertThat(left).as("damaged copies left to fontbox").isGreaterThan(300);
    }

    @Test
    void textOfOneOrTwoBytesShouldBeWhatTheLatin1AndUtf16beDecodersGive() {
        for (int b = 0; b < 256; b++) {
            byte[] one = {(byte) b};
            assertThat(ToUnicodeCMap.Parser.text(one)).isEqualTo(new String(one, StandardCharsets.ISO_8859_1));
        }
        for (int unit = 0; unit <= 0xFFFF; unit++) {
            byte[] two = {(byte) (unit >> 8), (byte) unit};
            if (!ToUnicodeCMap.Parser.text(two).equals(new String(two, StandardCharsets.UTF_16BE))) {
                throw new AssertionError("unit " + Integer.toHexString(unit));
            }
        }
        byte[] pair = {(byte) 0xD8, 0x35, (byte) 0xDC, 0x00};
        assertThat(ToUnicodeCMap.Parser.text(pair)).isEqualTo(new String(pair, StandardCharsets.UTF_16BE));
    }

    @Test
    void shouldLeaveToFontboxWhatItDoesNotModel() throws IOException {
        String head = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n";
        assertThat(read(head + "/CMapName /Identity-H def 1 beginbfchar <01> <0041> endbfchar endcmap")).as("Identity name")
                .isEmpty();
        assertThat(read(head + "/Adobe-Japan1-UCS2 usecmap 1 beginbfchar <01> <0041> endbfchar endcmap")).isEmpty();
        assertThat(read(head + "1 begincidrange <00> <FF> 1 endcidrange endcmap")).isEmpty();
        assertThat(read(head + "1 beginbfrange <0000> <FFFF> <0000> endbfrange endcmap")).as("PDFBOX-4720 identity")
                .isEmpty();
        assertThat(read(head + "1 beginbfchar <01> <0041> endbfchar 7")).as("number at the end").isEmpty();
        assertThat(read(head + "endcmap")).as("no mapping").isEmpty();
        assertThat(read(head + "1 beginbfchar <01> <0041> endbfchar endcmap")).isPresent();
        // a bfrange whose text runs over 0xFF carries into the byte before, as fontbox's increment does
        ToUnicodeCMap carry = read(head + "1 beginbfrange <0010> <0012> <00FF> endbfrange endcmap").orElseThrow();
        assertThat(carry.toUnicode(0x11)).isEqualTo("\u0100");
    }

    @Test
    void shouldLeaveAStreamItCannotInflateWhollyToPdfBox() throws IOException {
        byte[] cmap = "1 beginbfchar <01> <0041> endbfchar".getBytes(StandardCharsets.ISO_8859_1);
        COSStream whole = stream(cmap, true);
        assertThat(ToUnicodeCMap.read(whole)).isPresent();
        byte[] raw;
        try (InputStream in = whole.createRawInputStream()) {
            raw = in.readAllBytes();
        }
        COSStream cut = new COSStream();
        try (OutputStream out = cut.createRawOutputStream()) {
            out.write(raw, 0, raw.length - 6);
        }
        cut.setItem(COSName.FILTER, COSName.FLATE_DECODE);
        assertThat(ToUnicodeCMap.read(cut)).as("deflate data cut short").isEmpty();
        whole.setItem(COSName.DECODE_PARMS, new COSDictionary());
        assertThat(ToUnicodeCMap.read(whole)).as("decode parameters").isEmpty();
    }

    /** True when read here (and then equal to fontbox in every code); false when left to fontbox. */
    private static boolean compare(COSStream stream, String what) throws IOException {
        Optional<ToUnicodeCMap> own = ToUnicodeCMap.read(stream);
        if (own.isEmpty()) {
            return false;
        }
        CMap reference;
        try {
            reference = fontbox(stream);
        } catch (IOException | RuntimeException e) {
            throw new AssertionError(what + ": read here, but fontbox fails: " + e, e);
        }
        assertThat(reference.hasUnicodeMappings()).as(what).isTrue();
        assertThat(reference.getName() == null || !reference.getName().startsWith("Identity-")).as(what).isTrue();
        assertSameAsFontbox(own.get(), reference, what);
        return true;
    }

    private static void assertSameAsFontbox(ToUnicodeCMap own, CMap reference, String what) {
        for (int code = 0; code <= 0xFFFF; code++) {
            if (!java.util.Objects.equals(own.toUnicode(code), reference.toUnicode(code))) {
                throw new AssertionError(what + ": code " + code + " reads " + own.toUnicode(code) + ", fontbox "
                        + reference.toUnicode(code));
            }
        }
        for (int code = 0; code < 256; code++) {
            assertThat(own.toUnicodeOneByte(code)).as(what + " 1-byte code " + code).isEqualTo(reference.toUnicode(code, 1));
        }
    }

    /** As PDFont reads it: PDFBox's {@code CMapManager.parseCMap}, a {@code new CMapParser()} over the decoded view. */
    private static CMap fontbox(COSStream stream) throws IOException {
        try (RandomAccessRead view = stream.createView()) {
            return new CMapParser().parse(view);
        }
    }

    private static Optional<ToUnicodeCMap> read(String cmap) throws IOException {
        return ToUnicodeCMap.read(stream(cmap.getBytes(StandardCharsets.ISO_8859_1), false));
    }

    private static COSStream stream(byte[] bytes, boolean flate) throws IOException {
        COSStream stream = new COSStream();
        try (OutputStream out = flate ? stream.createOutputStream(COSName.FLATE_DECODE) : stream.createOutputStream()) {
            out.write(bytes);
        }
        return stream;
    }

    /** A CMap in the shape writers emit, with random codes, texts, ranges, carries and some oddities fontbox tolerates. */
    private static String generated(Random random) {
        StringBuilder out = new StringBuilder();
        if (random.nextBoolean()) {
            out.append("%!PS-Adobe-3.0 Resource-CMap\n%%EndComments\n");
        }
        out.append("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n");
        out.append("/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n");
        out.append("/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n");
        int codeBytes = 1 + random.nextInt(2);
        out.append("1 begincodespacerange\n").append(hex(0, codeBytes)).append(' ')
                .append(hex((1 << (8 * codeBytes)) - 1, codeBytes)).append("\nendcodespacerange\n");
        for (int block = random.nextInt(4); block >= 0; block--) {
            int entries = 1 + random.nextInt(6);
            boolean ranges = random.nextBoolean();
            int declared = random.nextInt(5) == 0 ? entries + random.nextInt(3) - 1 : entries;
            out.append(declared).append(ranges ? " beginbfrange\n" : " beginbfchar\n");
            for (int e = 0; e < entries; e++) {
                int code = random.nextInt(4) == 0 ? 0xF8 + random.nextInt(8) : random.nextInt(1 << (8 * codeBytes));
                if (ranges) {
                    int end = random.nextInt(8) == 0 ? Math.max(0, code - 1) : code + random.nextInt(12);
                    end = Math.min(end, (1 << (8 * codeBytes)) - 1);
                    out.append(hex(code, codeBytes)).append(' ').append(hex(end, codeBytes)).append(' ');
                    if (random.nextInt(3) == 0) {
                        out.append('[');
                        for (int k = random.nextInt(Math.max(1, end - code + 3)); k >= 0; k--) {
                            out.append(text(random)).append(' ');
                        }
                        out.append("]\n");
                    } else {
                        out.append(random.nextInt(15) == 0 ? "<>" : text(random)).append('\n');
                    }
                } else {
                    out.append(hex(code, codeBytes)).append(' ').append(text(random)).append('\n');
                }
            }
            out.append(ranges ? "endbfrange\n" : "endbfchar\n");
        }
        out.append("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
        return out.toString();
    }

    private static String text(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> hex(random.nextInt(256), 1);
            case 1 -> hex(0xD835, 2) .replace(">", "") + hex(0xDC00 + random.nextInt(0x3FF), 2).replace("<", "");
            case 2 -> hex(0x00F0 + random.nextInt(16), 2);
            default -> hex(random.nextInt(0x2000), 2);
        };
    }

    private static String hex(int value, int bytes) {
        return String.format(bytes == 1 ? "<%02X>" : "<%04X>", value);
    }

    private static byte[] cut(byte[] bytes, int from, int to) {
        byte[] out = new byte[bytes.length - (to - from)];
        System.arraycopy(bytes, 0, out, 0, from);
        System.arraycopy(bytes, to, out, from, bytes.length - to);
        return out;
    }

    private static byte[] insert(byte[] bytes, int at, byte b) {
        byte[] out = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, out, 0, at);
        out[at] = b;
        System.arraycopy(bytes, at, out, at + 1, bytes.length - at);
        return out;
    }

    private static List<COSDictionary> fontsOf(PDResources resources) {
        List<COSDictionary> fonts = new ArrayList<>();
        COSDictionary all = resources == null ? null : resources.getCOSObject().getCOSDictionary(COSName.FONT);
        for (COSName name : all == null ? List.<COSName>of() : all.keySet()) {
            COSDictionary font = all.getCOSDictionary(name);
            if (font != null && font.getDictionaryObject(COSName.TO_UNICODE) instanceof COSStream) {
                fonts.add(font);
            }
        }
        return fonts;
    }

    private static List<Path> corpusPdfs() throws IOException {
        try (Stream<Path> files = Files.list(ClassificationCorpusTest.CORPUS)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".pdf")).sorted().toList();
        }
    }
}
