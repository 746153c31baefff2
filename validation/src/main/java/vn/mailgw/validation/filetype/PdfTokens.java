package vn.mailgw.validation.filetype;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte searches over a PDF's raw bytes, for the checks that run before any parser does (the signature engine's
 * preflight, its cross-reference scan, the structure-stream check): keywords and names found without decoding.
 */
public final class PdfTokens {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private PdfTokens() {}

    /** Whether {@code word} starts at {@code at} (false when it would run past the end). */
    public static boolean startsWith(byte[] data, int at, byte[] word) {
        if (at < 0 || at + word.length > data.length) {
            return false;
        }
        for (int k = 0; k < word.length; k++) {
            if (data[at + k] != word[k]) {
                return false;
            }
        }
        return true;
    }

    /** The first start of {@code word} in {@code data[from, to)}, or -1. */
    public static int indexOf(byte[] data, byte[] word, int from, int to) {
        int last = Math.min(to, data.length) - word.length;
        for (int i = Math.max(0, from); i <= last; i++) {
            if (data[i] == word[0] && startsWith(data, i, word)) {
                return i;
            }
        }
        return -1;
    }

    /** The last start of {@code word} in {@code data[from, to)}, searching backwards from {@code to}, or -1. */
    public static int lastIndexOf(byte[] data, byte[] word, int from, int to) {
        for (int i = Math.min(to, data.length) - word.length; i >= Math.max(0, from); i--) {
            if (startsWith(data, i, word)) {
                return i;
            }
        }
        return -1;
    }

    /** A byte that continues a PDF name or keyword ("/Count" is not "/CountX"). */
    public static boolean isNameChar(byte[] data, int at) {
        if (at >= data.length) {
            return false;
        }
        byte c = data[at];
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    /**
     * The index of the next {@code a} or {@code b} from {@code from}, or -1. Tests eight bytes at a time (the "has a
     * zero byte" test on the word XOR each pattern: most words of page content and image data hold neither), several
     * times faster than a byte loop; the result is exactly the byte loop's.
     */
    public static int nextOf(byte[] data, int from, byte a, byte b) {
        long allA = 0x0101010101010101L * (a & 0xFF);
        long allB = 0x0101010101010101L * (b & 0xFF);
        int i = Math.max(0, from);
        while (i + Long.BYTES <= data.length) {
            long word = (long) LONGS.get(data, i);
            if (hasZeroByte(word ^ allA) || hasZeroByte(word ^ allB)) {
                break;
            }
            i += Long.BYTES;
        }
        for (; i < data.length; i++) {
            if (data[i] == a || data[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static boolean hasZeroByte(long x) {
        return ((x - 0x0101010101010101L) & ~x & 0x8080808080808080L) != 0;
    }
}
