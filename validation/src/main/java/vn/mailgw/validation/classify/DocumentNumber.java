package vn.mailgw.validation.classify;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * The document's number line ({@code Số: 12/2025/QĐ-UBND}): the number, the year when the symbol
 * carries one, and the symbol as written ("QĐ-UBND", or "UBND-VP" for a công văn).
 */
public record DocumentNumber(String number, OptionalInt year, String symbol) {

    public DocumentNumber {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(year, "year");
        Objects.requireNonNull(symbol, "symbol");
        if (number.isBlank()) {
            throw new IllegalArgumentException("number must not be blank");
        }
    }

    @Override
    public String toString() {
        return number + "/" + (year.isPresent() ? year.getAsInt() + "/" : "") + symbol;
    }
}
