package vn.mailgw.gateway.config;

import java.time.Duration;

/** The few checks the config records' compact constructors share. */
final class ConfigChecks {
    private ConfigChecks() {}

    static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    static void positive(Duration duration, String name) {
        check(!duration.isNegative() && !duration.isZero(), name + " must be longer than zero");
    }
}
