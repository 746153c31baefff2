package vn.mailgw.validation.filetype;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.mailgw.validation.filetype.HandMadeZip.deflated;
import static vn.mailgw.validation.filetype.HandMadeZip.stored;
import static vn.mailgw.validation.filetype.HandMadeZip.zeros;

import org.junit.jupiter.api.Test;

/**
 * Hand-made hostile packages: each must be refused by the measuring, with the entry and the limit named, before
 * any library would inflate it. Declared sizes are made to lie in every way the records allow.
 */
class ZipInflationCheckTest {

    private static final String TYPES = "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/"
            + "package/2006/content-types\"/>";
    private static final long MB = 1024 * 1024;

    private static HandMadeZip docxStart() {
        return new HandMadeZip().add(deflated("[Content_Types].xml", TYPES));
    }

    @Test
    void tooLargeShouldRefuseBombByDeclaredSizesWithoutInflatingIt() {
        // The 300 MB the records declare are over the 256 MB budget: refused from the directory alone.
        byte[] bomb = docxStart().add(zeros("word/document.xml", 300 * MB)).finish();

        assertThat(ZipInflationCheck.tooLarge(bomb)).hasValueSatisfying(r -> assertThat(r)
                .contains("declare more than " + ZipInflationCheck.DEFAULT.maxInflatedBytes()));
    }

    @Test
    void tooLargeShouldRefuseBombWhoseSizesLie() {
        // 8 MB of zeros declared as 2 kB: measuring stops at the first byte past the declared size.
        byte[] bomb = docxStart().add(zeros("word/document.xml", 8 * MB).withDeclaredSize(2048)).finish();

        assertThat(ZipInflationCheck.tooLarge(bomb)).hasValueSatisfying(r -> assertThat(r)
                .contains("word/document.xml inflates beyond the 2048 bytes its zip records declare"));
    }

    @Test
    void tooLargeShouldRefuseBombWhoseSizesFollowTheData() {
        // Local header without sizes (flag bit 3, as ZipOutputStream writes), directory declaring a huge size honestly
        // would be refused by the sum; here it declares the bomb's size but stays under the budget: the ratio stops it.
        byte[] bomb = docxStart().add(zeros("word/document.xml", 64 * MB).withSizesAfterData()).finish();

        assertThat(ZipInflationCheck.tooLarge(bomb)).hasValueSatisfying(r -> assertThat(r)
                .contains("word/document.xml inflates more than 100 times its compressed size"));
    }

    @Test
    void tooLargeShouldRefuseBombTheCentralDirectoryDoesNotList() {
        // Streaming readers (POI, DSS, ZipInputStream) read every local header; the directory hides the bomb.
        byte[] bomb = docxStart().add(zeros("word/document.xml", 64 * MB).unlisted(), deflated("word/styles.xml", "<s/>"))
                .finish();

        assertThat(ZipInflationCheck.tooLarge(bomb)).hasValueSatisfying(r -> assertThat(r)
                .contains("word/document.xml inflates more than 100 times"));
    }

    @Test
    void tooLargeShouldRefuseBombOnlyTheCentralDirectoryReaches() {
        // The local walk stops at a stored entry of unknown length; a random-access reader still finds the bomb after it.
        HandMadeZip.Entry opaque = stored("word/media/image1.png", new byte[100]).withSizesAfterData();
        byte[] bomb = docxStart().add(opaque, zeros("word/document.xml", 64 * MB)).finish();

        assertThat(ZipInflationCheck.tooLarge(bomb)).hasValueSatisfying(r -> assertThat(r)
                .contains("word/document.xml inflates more than 100 times"));
    }

    @Test
    void tooLargeShouldRefuseThousandsOfEntriesByTheDirectoryCount() {
        HandMadeZip zip = docxStart();
        for (int i = 0; i < 5000; i++) {
            zip.add(stored("word/media/e" + i, new byte[0]));
        }

        assertThat(ZipInflationCheck.tooLarge(zip.finish())).hasValueSatisfying(r -> assertThat(r)
                .contains("lists 5001 entries, more than 1000"));
    }

    @Test
    void tooLargeShouldRefuseThousandsOfEntriesWhenTheDirectoryMiscounts() {
        HandMadeZip zip = docxStart();
        for (int i = 0; i < 5000; i++) {
            zip.add(stored("word/media/e" + i, new byte[0]).unlisted());
        }

        assertThat(ZipInflationCheck.tooLarge(zip.finish(1))).hasValueSatisfying(r -> assertThat(r)
                .contains("more than 1000 entries"));
    }

    @Test
    void tooLargeShouldRefuseBombInsideANestedPackage() {
        // An ASiC-E carrying a .docx whose part is the bomb: the inner package is already compressed, so the outer
        // entry inflates about 1:1; only measuring the inner package finds the bomb.
        byte[] innerDocx = docxStart().add(zeros("word/document.xml", 64 * MB).withDeclaredSize(4096)).finish();
        for (HandMadeZip.Entry carried : new HandMadeZip.Entry[] {stored("ke-hoach.docx", innerDocx),
                deflated("ke-hoach.docx", innerDocx)}) {
            byte[] asic = new HandMadeZip().add(stored("mimetype", "application/vnd.etsi.asic-e+zip"), carried,
                    deflated("META-INF/signatures001.xml", "<x/>")).finish();

            assertThat(ZipInflationCheck.tooLarge(asic)).as(carried.method() == 0 ? "stored" : "deflated")
                    .hasValueSatisfying(r -> assertThat(r).contains("ke-hoach.docx!/word/document.xml inflates beyond"));
        }
    }

    @Test
    void tooLargeShouldWalkOnPastAHarmlessNestedPackage() {
        // The entry after a nested package is found where the outer entry's deflate data ends (measuring the inner
        // package must not lose that place), here a bomb only the local headers show.
        byte[] innerDocx = docxStart().add(deflated("word/document.xml", "<w:document/>")).finish();
        byte[] outer = new HandMadeZip().add(stored("mimetype", "application/vnd.etsi.asic-e+zip"),
                deflated("ke-hoach.docx", innerDocx), zeros("phu-luc.xml", 64 * MB).unlisted()).finish();

        assertThat(ZipInflationCheck.tooLarge(innerDocx)).isEmpty();
        assertThat(ZipInflationCheck.tooLarge(outer)).hasValueSatisfying(r -> assertThat(r)
                .contains("phu-luc.xml inflates more than 100 times"));
    }

    @Test
    void tooLargeShouldRefuseManyModestEntriesOverTheTotalBudget() {
        // Each part about 2:1 (text-like), under every per-entry rule; sizes declared nowhere (local headers without
        // sizes, no directory entry): only the measured total stops them (a small budget here, the rule is the same).
        ZipInflationCheck.Limits small = new ZipInflationCheck.Limits(4 * MB, 1000, 100, MB, 3, (int) MB);
        java.util.Random random = new java.util.Random(1);
        HandMadeZip zip = docxStart();
        for (int i = 0; i < 8; i++) {
            byte[] part = new byte[(int) MB];
            for (int k = 0; k < part.length; k++) {
                part[k] = (byte) ('a' + random.nextInt(16));
            }
            zip.add(deflated("word/part" + i + ".xml", part).withSizesAfterData().unlisted());
        }

        assertThat(ZipInflationCheck.tooLarge(zip.finish(), small)).hasValueSatisfying(r -> assertThat(r)
                .contains("inflates to more than " + 4 * MB + " bytes (at word/part3.xml)"));
        assertThat(ZipInflationCheck.tooLarge(zip.finish())).as("the default budget").isEmpty();
    }

    @Test
    void tooLargeShouldRefuseCompressionMethodsNoOfficeWriterUses() {
        byte[] bzip2 = docxStart().add(deflated("word/document.xml", "<w:document/>").withMethod(12)).finish();

        assertThat(ZipInflationCheck.tooLarge(bzip2)).hasValueSatisfying(r -> assertThat(r)
                .contains("word/document.xml: compression method 12 is not accepted"));
    }

    @Test
    void tooLargeShouldLeaveSmallAndDamagedPackagesToTheirReaders() {
        byte[] small = docxStart().add(deflated("word/document.xml", "<w:document/>")).finish();
        byte[] truncated = java.util.Arrays.copyOf(small, small.length - 30);
        byte[] garbageData = docxStart().add(new HandMadeZip.Entry("word/document.xml", HandMadeZip.DEFLATED,
                new byte[] {(byte) 0xFF, (byte) 0xFF, 0, 1, 2}, 10, 5, 0, 0, true)).finish();

        assertThat(ZipInflationCheck.tooLarge(small)).isEmpty();
        assertThat(ZipInflationCheck.tooLarge(truncated)).isEmpty();
        assertThat(ZipInflationCheck.tooLarge(garbageData)).isEmpty();
        assertThat(ZipInflationCheck.tooLarge("not a zip at all".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .isEmpty();
    }
}
