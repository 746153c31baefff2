package vn.mailgw.validation.filetype;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.mailgw.validation.filetype.HandMadeZip.deflated;
import static vn.mailgw.validation.filetype.HandMadeZip.stored;
import static vn.mailgw.validation.filetype.HandMadeZip.zeros;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The lazy zip reader: an entry is inflated only when and as far as it is read ({@link ZipEntries#inflatedBytes()}),
 * within the zip budget, and the listing is the central directory's (local headers only without one).
 */
class ZipEntriesTest {

    private static final long MB = 1024 * 1024;

    @Test
    void openShouldInflateOnlyTheEntryReadAndOnlyAsFarAsItIsRead() throws IOException {
        byte[] zip = new HandMadeZip().add(zeros("big.bin", 32 * MB), deflated("small.xml", "<a>xin chào</a>"),
                stored("plain.txt", "văn bản")).finish();
        ZipEntries entries = ZipEntries.of(zip);

        assertThat(entries.list()).extracting(ZipEntries.Entry::name).containsExactly("big.bin", "small.xml", "plain.txt");
        assertThat(entries.inflatedBytes()).isZero();
        try (InputStream in = entries.open(entries.find("small.xml").orElseThrow())) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("<a>xin chào</a>");
        }
        try (InputStream in = entries.open(entries.find("/plain.txt").orElseThrow())) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("văn bản");
        }
        try (InputStream in = entries.open(entries.find("big.bin").orElseThrow())) {
            assertThat(in.readNBytes(100_000)).hasSize(100_000);
        }

        assertThat(entries.inflatedBytes()).as("of 32 MB, a 100 000-byte read").isLessThan(200_000);
    }

    @Test
    void openShouldStopAnEntryThatInflatesBeyondItsDeclaredSizeAndRememberWhy() throws IOException {
        byte[] zip = new HandMadeZip().add(zeros("word/document.xml", 64 * MB).withDeclaredSize(4096)).finish();
        ZipEntries entries = ZipEntries.of(zip);

        try (InputStream in = entries.open(entries.find("word/document.xml").orElseThrow())) {
            assertThatThrownBy(() -> in.transferTo(OutputStream.nullOutputStream()))
                    .isInstanceOf(ZipEntries.Refused.class)
                    .hasMessageContaining("word/document.xml inflates beyond the 4096 bytes its zip records declare");
        }
        assertThat(entries.firstFailure()).containsInstanceOf(ZipEntries.Refused.class);
        assertThat(entries.inflatedBytes()).isLessThan(128 * 1024);
    }

    @Test
    void openShouldStopAnEntryPastTheRatioWhenItsSizesFollowTheData() throws IOException {
        byte[] zip = new HandMadeZip().add(zeros("content.xml", 64 * MB).withSizesAfterData()).finish();
        ZipEntries entries = ZipEntries.of(zip);

        try (InputStream in = entries.open(entries.list().get(0))) {
            assertThatThrownBy(() -> in.transferTo(OutputStream.nullOutputStream()))
                    .isInstanceOf(ZipEntries.Refused.class)
                    .hasMessageContaining("content.xml inflates more than 100 times its compressed size");
        }
        assertThat(entries.inflatedBytes()).isLessThan(2 * MB);
    }

    @Test
    void ofShouldRefuseWhatTheCentralDirectoryAloneShowsOverTheBudget() {
        HandMadeZip many = new HandMadeZip();
        for (int i = 0; i < 1001; i++) {
            many.add(stored("e" + i, new byte[0]));
        }

        assertThatThrownBy(() -> ZipEntries.of(many.finish())).isInstanceOf(ZipEntries.Refused.class)
                .hasMessageContaining("the central directory lists 1001 entries, more than 1000");
        assertThatThrownBy(() -> ZipEntries.of(new HandMadeZip().add(zeros("a.bin", 300 * MB)).finish()))
                .isInstanceOf(ZipEntries.Refused.class).hasMessageContaining("entries declare more than");
    }

    @Test
    void ofShouldListAPackageWithoutDirectoryByItsLocalHeadersAndSeeOnlyTheDirectoryOtherwise() throws IOException {
        byte[] cut = new HandMadeZip().add(deflated("a.xml", "<a/>"), deflated("b.xml", "<b/>")).finishWithoutDirectory();
        ZipEntries walked = ZipEntries.of(cut);
        assertThat(walked.list()).extracting(ZipEntries.Entry::name).containsExactly("a.xml", "b.xml");
        try (InputStream in = walked.open(walked.find("b.xml").orElseThrow())) {
            assertThat(in.readAllBytes()).isEqualTo("<b/>".getBytes(StandardCharsets.UTF_8));
        }

        // As Word and LibreOffice read it: an entry in the local headers only is not part of the package.
        byte[] hidden = new HandMadeZip().add(deflated("hidden.xml", "<h/>").unlisted(), deflated("a.xml", "<a/>"))
                .finish();
        assertThat(ZipEntries.of(hidden).list()).extracting(ZipEntries.Entry::name).containsExactly("a.xml");
    }

    @Test
    void partSourceShouldRefuseTwoEntriesOfTheSameName() throws IOException {
        byte[] twice = new HandMadeZip().add(deflated("word/document.xml", "<a/>"), deflated("word/document.xml", "<b/>"))
                .finish();

        assertThatThrownBy(() -> new ZipPartSource(ZipEntries.of(twice))).isInstanceOf(IOException.class)
                .hasMessageContaining("more than one entry named word/document.xml");
    }
}
