package vn.mailgw.gateway.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A size in bytes, written in configuration as "36MB", "512kB", "1GB" or a bare number of bytes.
 * Units are binary (1 kB = 1024 bytes), as mail servers usually count them.
 */
public record DataSize(long bytes) {

    private static final Pattern TEXT = Pattern.compile("(\\d+)\\s*([kKmMgG]?)[bB]?");
    private static final long KB = 1024;
    private static final long MB = 1024 * KB;
    private static final long GB = 1024 * MB;

    public DataSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("a size cannot be negative: " + bytes);
        }
    }

    public static DataSize ofMegabytes(long megabytes) {
        return new DataSize(Math.multiplyExact(megabytes, MB));
    }

    public static DataSize ofKilobytes(long kilobytes) {
        return new DataSize(Math.multiplyExact(kilobytes, KB));
    }

    @JsonCreator
    public static DataSize parse(String text) {
        Matcher m = TEXT.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size: '" + text + "' (write e.g. 36MB, 512kB or a number of bytes)");
        }
        long number = Long.parseLong(m.group(1));
        long unit = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> KB;
            case "m" -> MB;
            case "g" -> GB;
            default -> 1;
        };
        return new DataSize(Math.multiplyExact(number, unit));
    }

    @JsonCreator
    public static DataSize ofBytes(long bytes) {
        return new DataSize(bytes);
    }

    @JsonValue
    @Override
    public String toString() {
        if (bytes != 0 && bytes % GB == 0) {
            return bytes / GB + "GB";
        }
        if (bytes != 0 && bytes % MB == 0) {
            return bytes / MB + "MB";
        }
        if (bytes != 0 && bytes % KB == 0) {
            return bytes / KB + "kB";
        }
        return Long.toString(bytes);
    }
}
