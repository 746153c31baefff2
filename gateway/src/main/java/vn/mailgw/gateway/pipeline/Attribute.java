package vn.mailgw.gateway.pipeline;

import java.util.Objects;

/**
 * A typed key for a value one step leaves on the {@link MessageContext} for later steps
 * (the James SMIMECheckSignature pattern: later steps read decisions instead of recomputing them).
 * Keys are constants on the step that produces the value, e.g. {@code ParseMime.MIME}.
 */
public record Attribute<T>(String name, Class<T> type) {
    public Attribute {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    public static <T> Attribute<T> of(String name, Class<T> type) {
        return new Attribute<>(name, type);
    }
}
