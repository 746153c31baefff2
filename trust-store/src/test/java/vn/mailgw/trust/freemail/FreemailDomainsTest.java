package vn.mailgw.trust.freemail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FreemailDomainsTest {

    private final FreemailDomains builtIn = FreemailDomains.builtIn();

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"yahoo.com", "yahoo.com.vn", "ymail.com", "rocketmail.com", "gmail.com", "googlemail.com",
            "hotmail.com", "outlook.com", "outlook.com.vn", "live.com", "msn.com", "icloud.com", "me.com", "aol.com"})
    void builtInShouldContainEveryDomainTheIssueNames(String domain) {
        assertThat(builtIn.isFreemailDomain(domain)).isTrue();
    }

    @Test
    void isFreemailAddressShouldMatchSubdomainsAndAnyCase() {
        assertThat(builtIn.isFreemailAddress("Nguyen.Van.A@GMAIL.COM")).isTrue();
        assertThat(builtIn.isFreemailAddress("x@mail.Yahoo.Com.VN")).isTrue();
        assertThat(builtIn.isFreemailAddress("x@yahoo.com.")).isTrue();
    }

    @Test
    void isFreemailAddressShouldNotMatchLookalikesOrOfficialDomains() {
        assertThat(builtIn.isFreemailAddress("vanthu@daknong.gov.vn")).isFalse();
        assertThat(builtIn.isFreemailAddress("a@notgmail.com")).isFalse();
        assertThat(builtIn.isFreemailAddress("a@gmail.com.evil.vn")).isFalse();
        assertThat(builtIn.isFreemailAddress("a@com.vn")).isFalse();
        assertThat(builtIn.isFreemailAddress("")).isFalse();
        assertThat(builtIn.isFreemailAddress("postmaster")).isFalse();
        assertThat(builtIn.isFreemailAddress("a@[192.0.2.1]")).isFalse();
    }

    @Test
    void plusShouldMatchUnicodeAndPunycodeSpellingsOfTheSameIdn() {
        FreemailDomains list = builtIn.plus(List.of("thư.vn"));
        assertThat(list.isFreemailDomain("THƯ.vn")).isTrue();
        assertThat(list.isFreemailDomain("xn--th-e0a.vn")).isTrue();
        assertThat(list.isFreemailAddress("ai@hop.thư.vn")).isTrue();
        assertThat(builtIn.isFreemailDomain("thư.vn")).isFalse();
    }

    @Test
    void plusFileShouldAddDomainsAndSkipComments(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("extra.txt");
        Files.writeString(file, "# provider added by the operator\n\n  Example-Free.VN  \n", StandardCharsets.UTF_8);
        FreemailDomains list = builtIn.plusFile(file);
        assertThat(list.isFreemailAddress("a@sub.example-free.vn")).isTrue();
        assertThat(list.isFreemailAddress("a@gmail.com")).isTrue();
    }

    @Test
    void plusFileShouldNameFileAndLineWhenAnEntryIsNotADomain(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.txt");
        Files.writeString(file, "ok.vn\nnot a domain\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> builtIn.plusFile(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad.txt line 2")
                .hasMessageContaining("not a domain");
    }
}
