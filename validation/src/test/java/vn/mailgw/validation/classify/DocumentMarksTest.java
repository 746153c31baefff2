package vn.mailgw.validation.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DocumentMarksTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"MẬT", "Mật", "  MẬT  ", "[MẬT]", "| MẬT |", "“MẬT”", "MAT", "Độ mật: Mật", "ĐỘ MẬT: MẬT"})
    void secrecyShouldFindMatWhenTheLineIsTheMark(String line) {
        assertThat(DocumentMarks.secrecy(line)).contains(SecrecyLevel.MAT);
    }

    @Test
    void secrecyShouldTellTheThreeLevelsApart() {
        assertThat(DocumentMarks.secrecy("TỐI MẬT")).contains(SecrecyLevel.TOI_MAT);
        assertThat(DocumentMarks.secrecy("Tuyệt mật")).contains(SecrecyLevel.TUYET_MAT);
        assertThat(DocumentMarks.secrecy("TUYET MAT")).contains(SecrecyLevel.TUYET_MAT);
        assertThat(DocumentMarks.secrecy("Độ mật: Tối mật")).contains(SecrecyLevel.TOI_MAT);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "Cán bộ, công chức có trách nhiệm giữ bí mật thông tin cá nhân của người dân.",
            "giữ bí mật thông tin",
            "Bí mật nhà nước",
            "V/v tăng cường bảo vệ bí mật nhà nước",
            "BẢO VỆ BÍ MẬT NHÀ NƯỚC",
            "Mật khẩu",
            "MẶT TRẬN TỔ QUỐC",
            "MẶT",
            "mat",
            "Không tiết lộ bí mật công tác; mật khẩu phải đổi 03 tháng một lần.",
            "Độ mật: không"})
    void secrecyShouldIgnoreRunningTextAndLookAlikes(String line) {
        assertThat(DocumentMarks.secrecy(line)).isEmpty();
    }

    @Test
    void urgencyShouldFindTheMarksButNotKhanTruongInRunningText() {
        assertThat(DocumentMarks.urgency("KHẨN")).contains(UrgencyMark.KHAN);
        assertThat(DocumentMarks.urgency("THƯỢNG KHẨN")).contains(UrgencyMark.THUONG_KHAN);
        assertThat(DocumentMarks.urgency("HỎA TỐC")).contains(UrgencyMark.HOA_TOC);
        assertThat(DocumentMarks.urgency("HOẢ TỐC")).contains(UrgencyMark.HOA_TOC);
        assertThat(DocumentMarks.urgency("Hỏa tốc hẹn giờ")).contains(UrgencyMark.HOA_TOC);
        assertThat(DocumentMarks.urgency("Đề nghị các cơ quan khẩn trương triển khai")).isEmpty();
        assertThat(DocumentMarks.urgency("Khẩn trương")).isEmpty();
    }

    @Test
    void draftShouldFindTheMarkButNotDraftsMentionedInRunningText() {
        assertThat(DocumentMarks.draft("DỰ THẢO")).isTrue();
        assertThat(DocumentMarks.draft("(Dự thảo)")).isTrue();
        assertThat(DocumentMarks.draft("DỰ THẢO LẦN 2")).isTrue();
        assertThat(DocumentMarks.draft("Du thao lan 3")).isTrue();
        assertThat(DocumentMarks.draft("Sở kính trình dự thảo Quyết định ban hành Quy chế.")).isFalse();
        assertThat(DocumentMarks.draft("DỰ THẢO QUYẾT ĐỊNH VỀ VIỆC BAN HÀNH QUY CHẾ LÀM VIỆC CỦA ỦY BAN")).isFalse();
    }

    @Test
    void secrecyShouldFindAMarkMergedWithTheRightHeaderColumn() {
        assertThat(DocumentMarks.secrecy("MẬT Sơn La, ngày 10 tháng 3 năm 2025")).contains(SecrecyLevel.MAT);
        assertThat(DocumentMarks.secrecy("TỐI MẬT Độc lập - Tự do - Hạnh phúc")).contains(SecrecyLevel.TOI_MAT);
        assertThat(DocumentMarks.secrecy("Mật khẩu được cấp ngày 10 tháng 3")).isEmpty();
        assertThat(DocumentMarks.secrecy("MẬT KHẨU CẤP NGÀY 10 THÁNG 3")).isEmpty();
        assertThat(DocumentMarks.secrecy("MẬT ĐỘ DÂN SỐ NĂM 2025")).isEmpty();
        assertThat(DocumentMarks.secrecy("MẬT KHẨU CẤP NGÀY 10 THÁNG 3 NĂM 2025")).isEmpty();
        assertThat(DocumentMarks.secrecy("MẬT Gia Nghĩa, ngày 8 tháng 8 năm 2025")).contains(SecrecyLevel.MAT);
    }

    @Test
    void copyBlockLinePreCheckShouldAgreeWithCapitalsAndLetterCountOnAnyLine() {
        java.util.Random random = new java.util.Random(40);
        char[] pool = "aZ9 .:-ẾếĐđ@[`{Ⅻ٣\u00AA".toCharArray();
        for (int i = 0; i < 50_000; i++) {
            char[] line = new char[random.nextInt(60)];
            for (int k = 0; k < line.length; k++) {
                line[k] = pool[random.nextInt(pool.length)];
            }
            String s = new String(line);
            org.assertj.core.api.Assertions.assertThat(CopyBlock.capitalsOfAtMost40LettersAndDigits(s)).as(s)
                    .isEqualTo(DocumentMarks.isCapitals(s) && DocumentMarks.lettersAndDigits(s) <= 40);
        }
    }
}
