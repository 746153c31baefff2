package vn.mailgw.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");

    @Test
    void allowedShouldBeFalseWhenAUserFailedTheMaximumWithinTheWindowAndTrueAfterIt() {
        LoginThrottle t = new LoginThrottle(3, Duration.ofMinutes(15));
        for (int i = 0; i < 3; i++) {
            assertThat(t.allowed("kiemtoan", "10.0.0.1", T0)).isTrue();
            t.failed("kiemtoan", "10.0.0.1", T0);
        }

        assertThat(t.allowed("kiemtoan", "10.0.0.2", T0.plusSeconds(60))).isFalse();
        assertThat(t.allowed("other", "10.0.0.2", T0.plusSeconds(60))).isTrue();
        assertThat(t.allowed("kiemtoan", "10.0.0.2", T0.plus(Duration.ofMinutes(16)))).isTrue();
    }

    @Test
    void allowedShouldBeFalseWhenOneAddressTriesManyUsers() {
        LoginThrottle t = new LoginThrottle(3, Duration.ofMinutes(15));
        for (int i = 0; i < 12; i++) {
            t.failed("user" + i, "203.0.113.7", T0);
        }

        assertThat(t.allowed("fresh-user", "203.0.113.7", T0)).isFalse();
        assertThat(t.allowed("fresh-user", "10.0.0.9", T0)).isTrue();
    }

    @Test
    void succeededShouldClearTheUsersFailuresWhenTheRightPasswordCame() {
        LoginThrottle t = new LoginThrottle(3, Duration.ofMinutes(15));
        t.failed("kiemtoan", "10.0.0.1", T0);
        t.failed("kiemtoan", "10.0.0.1", T0);
        t.succeeded("kiemtoan");
        t.failed("kiemtoan", "10.0.0.1", T0);

        assertThat(t.allowed("kiemtoan", "10.0.0.1", T0)).isTrue();
    }
}
