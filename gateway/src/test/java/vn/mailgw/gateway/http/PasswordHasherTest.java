package vn.mailgw.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    @Test
    void verifyShouldAcceptTheRightPasswordAndRefuseAWrongOneWhenHashedWithASalt() {
        String hash = PasswordHasher.hash("Kiểm-toán-2026!".toCharArray(), 10_000);

        assertThat(PasswordHasher.isWellFormed(hash)).isTrue();
        assertThat(PasswordHasher.verify("Kiểm-toán-2026!".toCharArray(), hash)).isTrue();
        assertThat(PasswordHasher.verify("Kiem-toan-2026!".toCharArray(), hash)).isFalse();
        assertThat(PasswordHasher.hash("Kiểm-toán-2026!".toCharArray(), 10_000)).isNotEqualTo(hash);
    }

    @Test
    void verifyShouldRefuseWhenTheStoredHashIsMalformed() {
        assertThat(PasswordHasher.verify("password1".toCharArray(), "plain-text-password")).isFalse();
        assertThat(PasswordHasher.verify("password1".toCharArray(), null)).isFalse();
    }

    @Test
    void hashShouldRefuseWhenThePasswordIsShorterThanEightCharacters() {
        assertThatThrownBy(() -> PasswordHasher.hash("short".toCharArray())).isInstanceOf(IllegalArgumentException.class);
    }
}
