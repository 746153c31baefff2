package vn.mailgw.validation.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VietnameseFoldingTest {

    @Test
    void foldShouldMapDAndEthToDWhichNfdLeavesAlone() {
        assertThat(VietnameseFolding.fold("ĐỊNH đề Ðà")).isEqualTo("dinh de da");
    }

    @Test
    void foldShouldKeepTheLengthSoIndexesPointIntoTheOriginal() {
        String original = "Số: 12/2025/QĐ-UBND";
        assertThat(VietnameseFolding.fold(original)).hasSameSizeAs(original).isEqualTo("so: 12/2025/qd-ubnd");
    }

    @Test
    void foldWordsShouldSqueezeSeparators() {
        assertThat(VietnameseFolding.foldWords("  Quyết_định--số 12 .pdf ")).isEqualTo("quyet dinh so 12 pdf");
    }
}
