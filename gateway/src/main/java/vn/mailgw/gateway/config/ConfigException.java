package vn.mailgw.gateway.config;

/**
 * The configuration cannot be used: says where (file or command-line override), which key, and what is
 * wrong. Start-up stops on it with a non-zero exit code.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
