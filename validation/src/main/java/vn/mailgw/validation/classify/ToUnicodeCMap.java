package vn.mailgw.validation.classify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import vn.mailgw.validation.filetype.PdfFilterChain;

/**
 * The code → text map of a font's ToUnicode CMap, read the way fontbox's {@code CMapParser} reads it (PDFBox 3.0.6),
 * for the plain shape PDF writers emit: {@code begincodespacerange}, {@code beginbfchar} and {@code beginbfrange}
 * blocks of hex strings, a {@code /CIDSystemInfo} dictionary, {@code /CMapName}, comments. Anything else (a
 * {@code usecmap}, CID mappings, an Identity-named CMap, no mapping at all, a token fontbox would read in some
 * lenient way of its own, an error fontbox would stop at, a stream other than one Flate or none) gives nothing, and
 * the font reads its CMap with fontbox as before, so a text is never read differently.
 *
 * <p>Why: fontbox decodes the stream through PDFBox's filter pipeline and builds three maps per CMap (every bfrange
 * entry cloned into a reverse map the classifier never asks), which cost about a sixth of a whole classification for
 * the two fonts of an agency PDF. Here the codes go straight into two-level arrays. {@code ToUnicodeCMapTest} compares
 * every code of every font of the corpus, and thousands of generated and damaged CMaps, with fontbox's answers.
 *
 * <p>Bounded: the stream is charged to the document's font budget before it gets here (as before), it is inflated
 * to at most {@link #MAX_DECODED_BYTES}, and at most {@link #MAX_MAPPINGS} codes are mapped; past either, fontbox reads
 * it as it did before.
 */
final class ToUnicodeCMap {

    /** A ToUnicode CMap of every 2-byte code with a long text each stays below this. */
    static final int MAX_DECODED_BYTES = 2 * 1024 * 1024;
    /** Codes mapped per CMap: a 2-byte CMap names at most 65 536 codes; bfranges may restate them. */
    static final int MAX_MAPPINGS = 1 << 18;
    /** Hex strings longer than this are left to fontbox (its own limit is 512 bytes). */
    private static final int MAX_HEX_BYTES = 64;

    /** Text of 1-byte codes. */
    private final String[] oneByte = new String[256];
    /** Text of 2-byte codes, by high byte then low byte; a block of 256 is allocated when first used. */
    private final String[][] twoBytes = new String[256][];
    private boolean anyMapping;
    private int mappings;

    private ToUnicodeCMap() {}

    /** The map, when the stream has the plain shape read here; else empty (fontbox reads it). */
    static Optional<ToUnicodeCMap> read(COSStream stream) {
        try {
            byte[] decoded = decoded(stream);
            if (decoded == null) {
                return Optional.empty();
            }
            ToUnicodeCMap cmap = new ToUnicodeCMap();
            return new Parser(decoded, cmap).parse() && cmap.anyMapping ? Optional.of(cmap) : Optional.empty();
        } catch (IOException | RuntimeException notThePlainShape) {
            return Optional.empty();
        }
    }

    /** {@code CMap.toUnicode(int)}: a code below 256 is looked up as a 1-byte code first, then as a 2-byte one. */
    String toUnicode(int code) {
        String unicode = code >= 0 && code < 256 ? oneByte[code] : null;
        if (unicode == null && code >= 0 && code <= 0xFFFF) {
            String[] block = twoBytes[code >> 8];
            unicode = block == null ? null : block[code & 0xFF];
        }
        return unicode;
    }

    /** {@code CMap.toUnicode(int, 1)}: only the 1-byte codes. */
    String toUnicodeOneByte(int code) {
        return code >= 0 && code < 256 ? oneByte[code] : null;
    }

    /** {@code CMap.addCharMapping}: codes of 1 or 2 bytes are kept, longer ones ignored (fontbox supports no others). */
    private void map(byte[] code, String unicode) throws IOException {
        if (++mappings > MAX_MAPPINGS) {
            throw new IOException("more than " + MAX_MAPPINGS + " mappings");
        }
        if (code.length == 1) {
            oneByte[code[0] & 0xFF] = unicode;
            anyMapping = true;
        } else if (code.length == 2) {
            String[] block = twoBytes[code[0] & 0xFF];
            if (block == null) {
                block = new String[256];
                twoBytes[code[0] & 0xFF] = block;
            }
            block[code[1] & 0xFF] = unicode;
            anyMapping = true;
        }
    }

    /** The stream's bytes: stored as they are, or one Flate filter without parameters inflated whole; else null. */
    private static byte[] decoded(COSStream stream) throws IOException {
        if (stream.containsKey(COSName.DECODE_PARMS) || stream.containsKey(COSName.DP)) {
            return null;
        }
        List<COSName> filters = PdfFilterChain.names(stream.getFilters());
        byte[] raw;
        try (InputStream in = stream.createRawInputStream()) {
            raw = in.readNBytes(MAX_DECODED_BYTES + 1);
        }
        if (filters.isEmpty()) {
            return raw.length > MAX_DECODED_BYTES ? null : raw;
        }
        if (!filters.equals(List.of(COSName.FLATE_DECODE)) || raw.length > MAX_DECODED_BYTES) {
            return null;
        }
        // A complete zlib stream (header, data, checksum) inflates to what PDFBox's lenient FlateFilter gives; anything
        // short of that (damaged, cut, preset dictionary) is left to PDFBox.
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(raw);
            byte[] out = new byte[Math.min(MAX_DECODED_BYTES, Math.max(1024, 8 * raw.length))];
            int size = 0;
            while (!inflater.finished()) {
                if (size == out.length) {
                    if (out.length == MAX_DECODED_BYTES) {
                        return null;
                    }
                    out = java.util.Arrays.copyOf(out, Math.min(MAX_DECODED_BYTES, 2 * out.length));
                }
                int n = inflater.inflate(out, size, out.length - size);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    return null;
                }
                size += n;
            }
            return java.util.Arrays.copyOf(out, size);
        } catch (DataFormatException damaged) {
            return null;
        } finally {
            inflater.end();
        }
    }

    /** Each byte as the 1-char Latin-1 string fontbox maps it to. */
    private static final String[] LATIN_1 = new String[256];
    /** Each byte's value as a hex digit, -1 for any other byte. */
    private static final int[] HEX_VALUE = new int[256];

    static {
        for (int b = 0; b < 256; b++) {
            LATIN_1[b] = String.valueOf((char) b);
            HEX_VALUE[b] = b >= '0' && b <= '9' ? b - '0' : b >= 'a' && b <= 'f' ? b - 'a' + 10 : b >= 'A' && b <= 'F' ? b - 'A' + 10 : -1;
        }
    }

    /** One token of the CMap, typed as fontbox types it. */
    private record Token(Kind kind, String text, byte[] bytes, int number, List<Token> items) {
        enum Kind { OPERATOR, NAME, NUMBER, HEX, STRING, ARRAY, DICTIONARY, END_OF_DICTIONARY, END_OF_ARRAY }

        static Token of(Kind kind, String text) {
            return new Token(kind, text, null, 0, null);
        }

        boolean isOperator(String op) {
            return kind == Kind.OPERATOR && text.equals(op);
        }
    }

    /** Thrown for whatever makes the CMap not the plain shape: fontbox then reads it. */
    private static final class NotPlain extends IOException {
        NotPlain(String message) {
            super(message, null);
        }
    }

    /**
     * {@code CMapParser.parse} and its token reader, step for step, over the decoded bytes; where fontbox would go a
     * lenient or failing way of its own, {@link NotPlain} is thrown instead.
     */
    static final class Parser {
        private final byte[] in;
        private final ToUnicodeCMap cmap;
        private int position;
        /** Arrays and dictionaries being read. */
        private int nesting;
        /** The hex string being read. */
        private final byte[] hex = new byte[MAX_HEX_BYTES];

        Parser(byte[] in, ToUnicodeCMap cmap) {
            this.in = in;
            this.cmap = cmap;
        }

        /** False when the CMap has a name fontbox treats as Identity: PDFont then answers codes as themselves. */
        boolean parse() throws IOException {
            String name = null;
            Token previous = null;
            Token token = next();
            while (token != null) {
                if (token.kind() == Token.Kind.OPERATOR) {
                    String op = token.text();
                    if (op.equals("endcmap")) {
                        break;
                    }
                    if (op.equals("usecmap") && previous != null && previous.kind() == Token.Kind.NAME) {
                        throw new NotPlain("usecmap");
                    } else if (previous != null && previous.kind() == Token.Kind.NUMBER) {
                        switch (op) {
                            case "begincodespacerange" -> codespaceRanges(previous.number());
                            case "beginbfchar" -> bfchars(previous.number());
                            case "beginbfrange" -> bfranges(previous.number());
                            case "begincidchar", "begincidrange" -> throw new NotPlain("CID mappings");
                            default -> { }
                        }
                    }
                } else if (token.kind() == Token.Kind.NAME) {
                    String value = literalName(token.text());
                    if (value != null) {
                        name = value;
                    }
                }
                previous = token;
                token = next();
            }
            return name == null || !name.startsWith("Identity-");
        }

        /** {@code parseLiteralName}: these keys take the next token as their value; returns a /CMapName's name. */
        private String literalName(String key) throws IOException {
            switch (key) {
                case "WMode", "CMapVersion", "CMapType", "Registry", "Ordering", "Supplement" -> {
                    next(); // their values do not change a code's text
                    return null;
                }
                case "CMapName" -> {
                    Token value = next();
                    return value != null && value.kind() == Token.Kind.NAME ? value.text() : null;
                }
                default -> {
                    return null;
                }
            }
        }

        private void codespaceRanges(int count) throws IOException {
            for (int j = 0; j < count; j++) {
                Token start = next();
                if (start != null && start.kind() == Token.Kind.OPERATOR) {
                    expect(start, "endcodespacerange");
                    break;
                }
                Token end = next();
                if (!isHex(start) || !isHex(end) || start.bytes().length != end.bytes().length) {
                    throw new NotPlain("codespace range");
                }
            }
        }

        private void bfchars(int count) throws IOException {
            for (int j = 0; j < count; j++) {
                Token code = next();
                if (code != null && code.kind() == Token.Kind.OPERATOR) {
                    expect(code, "endbfchar");
                    break;
                }
                Token text = next();
                if (!isHex(code) || !isHex(text)) {
                    throw new NotPlain("bfchar entry");
                }
                cmap.map(code.bytes(), text(text.bytes()));
            }
        }

        private void bfranges(int count) throws IOException {
            for (int j = 0; j < count; j++) {
                Token first = next();
                if (first != null && first.kind() == Token.Kind.OPERATOR) {
                    expect(first, "endbfrange");
                    break;
                }
                if (!isHex(first) || first.bytes().length > 2) {
                    throw new NotPlain("bfrange start");
                }
                Token last = next();
                if (last != null && last.kind() == Token.Kind.OPERATOR) {
                    expect(last, "endbfrange");
                    break;
                }
                if (!isHex(last) || last.bytes().length > 2) {
                    throw new NotPlain("bfrange end");
                }
                byte[] code = first.bytes().clone();
                int start = toInt(first.bytes());
                int end = toInt(last.bytes());
                if (end < start) {
                    return; // fontbox stops reading the block here (PDFBOX-4550)
                }
                Token text = next();
                if (text != null && text.kind() == Token.Kind.ARRAY) {
                    List<Token> texts = text.items();
                    if (!texts.isEmpty() && texts.size() >= end - start) {
                        for (Token each : texts) { // every one, even past the range's end, as fontbox does
                            if (!isHex(each)) {
                                throw new NotPlain("bfrange array entry");
                            }
                            cmap.map(code, text(each.bytes()));
                            increment(code, code.length - 1);
                        }
                    }
                } else if (text != null && text.kind() == Token.Kind.HEX && text.bytes().length > 0) {
                    byte[] unicode = text.bytes().clone();
                    if (unicode.length == 2 && start == 0 && end == 0xFFFF && unicode[0] == 0 && unicode[1] == 0) {
                        throw new NotPlain("identity bfrange"); // fontbox's special case (PDFBOX-4720)
                    }
                    for (int i = 0; i < end - start + 1; i++) {
                        cmap.map(code, text(unicode));
                        increment(unicode, unicode.length - 1);
                        increment(code, code.length - 1);
                    }
                }
                // anything else in the text's place (null, <>, an operator) is skipped, as fontbox skips it
            }
        }

        private static void expect(Token operator, String op) throws NotPlain {
            if (!operator.isOperator(op)) {
                throw new NotPlain("unexpected operator " + operator.text());
            }
        }

        private static boolean isHex(Token token) {
            return token != null && token.kind() == Token.Kind.HEX && token.bytes().length > 0;
        }

        /**
         * {@code CMapParser.createStringFromBytes}: one byte is Latin-1, more are UTF-16BE. One or two bytes, the most
         * common, without a charset decoder: a lone surrogate half decodes to U+FFFD, any other unit to itself
         * ({@code ToUnicodeCMapTest} checks all 65 536).
         */
        static String text(byte[] bytes) {
            if (bytes.length == 1) {
                return LATIN_1[bytes[0] & 0xFF];
            }
            if (bytes.length == 2) {
                char unit = (char) (((bytes[0] & 0xFF) << 8) | (bytes[1] & 0xFF));
                return Character.isSurrogate(unit) ? "\uFFFD" : String.valueOf(unit);
            }
            return new String(bytes, StandardCharsets.UTF_16BE);
        }

        private static int toInt(byte[] bytes) {
            int code = 0;
            for (byte b : bytes) {
                code = (code << 8) | (b & 0xFF);
            }
            return code;
        }

        /** {@code CMapParser.increment}, not strict (as {@code new CMapParser()}): a last byte of 0xFF carries into the one before. */
        private static void increment(byte[] data, int position) {
            if (position > 0 && (data[position] & 0xFF) == 255) {
                data[position] = 0;
                increment(data, position - 1);
            } else {
                data[position] = (byte) (data[position] + 1);
            }
        }

        private int read() {
            return position < in.length ? in[position++] & 0xFF : -1;
        }

        /** {@code RandomAccessRead.rewind(1)} after a byte was read (never after the end: fontbox would reread). */
        private void unread() {
            position--;
        }

        /** {@code parseNextToken}; null at the end. */
        private Token next() throws IOException {
            int c = read();
            while (c == 0x09 || c == 0x20 || c == 0x0D || c == 0x0A) {
                c = read();
            }
            switch (c) {
                case -1:
                    return null;
                case '%': {
                    StringBuilder line = new StringBuilder().append('%');
                    for (int b = read(); b != -1 && b != 0x0D && b != 0x0A; b = read()) {
                        line.append((char) b);
                    }
                    return Token.of(Token.Kind.STRING, line.toString());
                }
                case '(': {
                    StringBuilder string = new StringBuilder();
                    for (int b = read(); b != -1 && b != ')'; b = read()) {
                        string.append((char) b);
                    }
                    return Token.of(Token.Kind.STRING, string.toString());
                }
                case '>':
                    if (read() != '>') {
                        throw new NotPlain("'>' outside a hex string");
                    }
                    return Token.of(Token.Kind.END_OF_DICTIONARY, ">>");
                case ']':
                    return Token.of(Token.Kind.END_OF_ARRAY, "]");
                case '[':
                    return array();
                case '<':
                    return dictionaryOrHex();
                case '/':
                    return name();
                default:
                    return c >= '0' && c <= '9' ? number(c) : operator(c);
            }
        }

        /** An array of plain tokens (nested arrays and dictionaries are not the plain shape). */
        private Token array() throws IOException {
            enter();
            List<Token> items = new ArrayList<>();
            Token token = next();
            while (token != null && token.kind() != Token.Kind.END_OF_ARRAY) {
                if (token.kind() == Token.Kind.STRING) {
                    throw new NotPlain("string in an array"); // fontbox ends an array at the string "]"
                }
                items.add(token);
                token = next();
            }
            nesting--;
            return new Token(Token.Kind.ARRAY, null, null, 0, items);
        }

        /** Arrays and dictionaries one level deep at most: a deeper nesting is not the plain shape (nor recursed into). */
        private void enter() throws NotPlain {
            if (++nesting > 1) {
                throw new NotPlain("nested array or dictionary");
            }
        }

        private Token dictionaryOrHex() throws IOException {
            int c = read();
            if (c == '<') {
                enter();
                // fontbox reads key/value pairs while the key is a name; the first other token ends the dictionary
                Token key = next();
                while (key != null && key.kind() == Token.Kind.NAME) {
                    next(); // the value: no key of it changes a code's text
                    key = next();
                }
                if (key == null || key.kind() != Token.Kind.END_OF_DICTIONARY) {
                    throw new NotPlain("dictionary not ended by >>");
                }
                nesting--;
                return Token.of(Token.Kind.DICTIONARY, "<<");
            }
            int size = 0;
            boolean highNibble = true;
            while (c != -1 && c != '>') {
                if (c == 0x20 || c == 0x0D || c == 0x0A) {
                    c = read();
                    continue;
                }
                int value = HEX_VALUE[c];
                if (value < 0) {
                    throw new NotPlain("not a hex digit");
                }
                if (highNibble) {
                    if (size == MAX_HEX_BYTES) {
                        throw new NotPlain("hex string too long");
                    }
                    hex[size] = (byte) (value << 4);
                } else {
                    hex[size++] |= (byte) value;
                }
                highNibble = !highNibble;
                c = read();
            }
            if (c == -1 || !highNibble) {
                throw new NotPlain("hex string cut short or of odd length");
            }
            return new Token(Token.Kind.HEX, null, java.util.Arrays.copyOf(hex, size), 0, null);
        }

        private Token name() throws IOException {
            StringBuilder name = new StringBuilder();
            int c = read();
            while (c != -1 && c != 0x20 && c != 0x0D && c != 0x0A && !isDelimiter(c)) {
                if (c < 0x21 || c > 0x7E) {
                    throw new NotPlain("name with a byte outside printable ASCII");
                }
                name.append((char) c);
                c = read();
            }
            if (isDelimiter(c)) {
                unread();
            }
            return Token.of(Token.Kind.NAME, name.toString());
        }

        /** Digits only (fontbox reads a '.' as a real number): an integer of at most 9 digits. */
        private Token number(int first) throws IOException {
            int value = first - '0';
            int digits = 1;
            int c = read();
            while (c != -1 && c != 0x20 && c != 0x0D && c != 0x0A && (c >= '0' && c <= '9' || c == '.')) {
                if (c == '.' || ++digits > 9) {
                    throw new NotPlain("real or long number");
                }
                value = value * 10 + (c - '0');
                c = read();
            }
            if (c == -1) {
                throw new NotPlain("number at the very end"); // fontbox steps back over its last digit there
            }
            unread();
            return new Token(Token.Kind.NUMBER, null, null, value, null);
        }

        /** Letters only: fontbox takes any other byte into an operator's name. */
        private Token operator(int first) throws IOException {
            if (!(first >= 'a' && first <= 'z' || first >= 'A' && first <= 'Z')) {
                throw new NotPlain("operator starting with a byte other than a letter");
            }
            StringBuilder op = new StringBuilder();
            int c = first;
            while (c != -1 && c != 0x20 && c != 0x0D && c != 0x0A && !isDelimiter(c) && !(c >= '0' && c <= '9')) {
                if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
                    throw new NotPlain("operator with a byte other than a letter");
                }
                op.append((char) c);
                c = read();
            }
            if (isDelimiter(c) || c >= '0' && c <= '9') {
                unread();
            }
            return Token.of(Token.Kind.OPERATOR, op.toString());
        }

        private static boolean isDelimiter(int c) {
            return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' || c == '}'
                    || c == '/' || c == '%';
        }
    }
}
