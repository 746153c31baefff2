package vn.mailgw.gateway.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Checks an {@code Authorization: Bearer <token>} header (RFC 6750) against the SHA-256 the configuration holds,
 * so the configuration file never contains the token itself. The hashes are compared in constant time.
 */
final class BearerToken {

    private BearerToken() {}

    static boolean matches(String authorization, String expectedSha256Hex) {
        if (authorization == null || expectedSha256Hex.isEmpty()
                || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        String token = authorization.substring(7).strip();
        if (token.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(sha256(token), HexFormat.of().parseHex(expectedSha256Hex));
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
