package vn.mailgw.validation.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ProfileLoaderTest {

    static List<String> names() {
        return ProfileLoader.NAMES;
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("names")
    void loadShouldCiteOwnRegulationWhenProfileShipped(String name) {
        Profile p = ProfileLoader.load(name);
        assertThat(p.name()).isEqualTo(name);
        assertThat(p.rules()).isNotEmpty().allSatisfy(r -> assertThat(r.article()).startsWith(name + " Art "));
        assertThat(p.retentionArticle()).startsWith(name + " Art ");
        assertThat(p.requires(Condition.SENDER_AUTHENTICATED)).isTrue();
    }

    @Test
    void loadShouldEncodeArticle72WhenTuyenQuang() {
        Profile p = ProfileLoader.load("tuyenquang-2013");
        assertThat(p.rule(Condition.SIGNED).orElseThrow().article()).isEqualTo("tuyenquang-2013 Art 7.2(a)");
        assertThat(p.rule(Condition.LAWFUL_CA).orElseThrow().article()).isEqualTo("tuyenquang-2013 Art 7.2(b)");
        assertThat(p.rule(Condition.NON_EDITABLE_FORMAT).orElseThrow().article()).isEqualTo("tuyenquang-2013 Art 7.2(c)");
        assertThat(p.rule(Condition.OFFICIAL_MAILBOX).orElseThrow().article()).isEqualTo("tuyenquang-2013 Art 7.2(c)");
        assertThat(p.requires(Condition.SCAN_NEEDS_VISUAL_CHECK)).isFalse();
    }

    @Test
    void loadShouldGiveRetentionMonthsWhenProfileKnown() {
        assertThat(ProfileLoader.load("sonla-2025").retentionMonths()).isEqualTo(6);
        assertThat(ProfileLoader.load("daknong-2012").retentionMonths()).isEqualTo(12);
        assertThat(ProfileLoader.load("daknong-2012").rule(Condition.NOT_FREE_MAIL).orElseThrow().article())
                .isEqualTo("daknong-2012 Art 9.4");
    }

    @Test
    void configShouldRefuseUnknownProfileWhenMisspelled() {
        assertThatThrownBy(() -> new ProfileConfig("daknong-2021")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("daknong-2012");
        assertThatThrownBy(() -> new Profile("x-2020", "r", 6, "x-2020 Art 1", List.of()))
                .hasMessageContaining("SENDER_AUTHENTICATED");
    }
}
