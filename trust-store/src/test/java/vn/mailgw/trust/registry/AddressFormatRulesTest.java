package vn.mailgw.trust.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressFormatRulesTest {

    @ParameterizedTest(name = "{index}: {0} {1} {2}")
    @CsvSource({
            "sonla-2025, skhcn@sonla.gov.vn, UNIT, , ''",
            "sonla-2025, chiengcoi@sonla.gov.vn, COMMUNE, , ''",
            "sonla-2025, ht.skhcn@sonla.gov.vn, SUB_UNIT, skhcn, ''",
            "sonla-2025, hoant90.skhcn@sonla.gov.vn, PERSONAL, skhcn, ''",
            "sonla-2025, ht.snv@sonla.gov.vn, SUB_UNIT, skhcn, ADDRESS_PARENT_MISMATCH",
            "sonla-2025, s.khcn.x@sonla.gov.vn, SUB_UNIT, , ADDRESS_FORMAT",
            "sonla-2025, skhcn2@sonla.gov.vn, UNIT, , ADDRESS_FORMAT",
            "sonla-2025, skhcn@sonla.vn, UNIT, , ADDRESS_WRONG_DOMAIN",
            "sonla-2025, SKHCN@sonla.gov.vn, UNIT, , ADDRESS_NOT_LOWER_CASE",
            "sonla-2025, sởkhcn@sonla.gov.vn, UNIT, , ADDRESS_HAS_DIACRITICS",
            "daknong-2012, internal@daknong.gov.vn, DISTRIBUTION_LIST, , ''",
            "daknong-2012, internal.stc@daknong.gov.vn, DISTRIBUTION_LIST, stc, ''",
            "daknong-2012, news.stc@daknong.gov.vn, DISTRIBUTION_LIST, stc, ADDRESS_FORMAT",
            "daknong-2012, quangphu.krongno@daknong.gov.vn, COMMUNE, krongno, ''",
            "daknong-2012, lannt.stc@daknong.gov.vn, PERSONAL, stc, ''",
            "tuyenquang-2013, stttt@tuyenquang.gov.vn, UNIT, , ''",
            "tuyenquang-2013, hoastttt@tuyenquang.gov.vn, PERSONAL, stttt, ''",
            "tuyenquang-2013, hoa.snv@tuyenquang.gov.vn, PERSONAL, stttt, ADDRESS_FORMAT",
            "tuyenquang-2013, hoasnv@tuyenquang.gov.vn, PERSONAL, stttt, ADDRESS_FORMAT",
    })
    void checkShouldReportExpectedCodeWhenAddressGiven(String profile, String address, AgencyKind kind,
                                                       String parent, String expected) {
        List<RegistryProblem> problems = AddressFormatRules.forProfile(profile).orElseThrow()
                .check(address, kind, Optional.ofNullable(parent));
        if (expected.isEmpty()) {
            assertThat(problems).isEmpty();
        } else {
            assertThat(problems).extracting(RegistryProblem::code).contains(expected);
            assertThat(problems).allSatisfy(p -> assertThat(p.article()).startsWith(profile + " Art"));
        }
    }
}
