package vn.mailgw.gateway.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MessageSubjectTest {

    private static MimeMessage withSubject(String rawSubject) throws Exception {
        String eml = "From: a@daknong.gov.vn\r\nSubject: " + rawSubject + "\r\n\r\nbody\r\n";
        return new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(eml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void ofShouldDecodeAnEncodedVietnameseSubject() throws Exception {
        assertThat(MessageSubject.of(withSubject("=?UTF-8?B?R2nhuqV5IG3hu51p?="))).isEqualTo("Giấy mời");
    }

    @Test
    void ofShouldBeEmptyWithoutASubject() throws Exception {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream("From: a@b.vn\r\n\r\nx\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertThat(MessageSubject.of(m)).isEmpty();
    }

    @Test
    void ofShouldCutASubjectFoldedOverTensOfThousandsOfLines() throws Exception {
        StringBuilder folded = new StringBuilder("Giay moi");
        for (int i = 0; i < 40_000; i++) {
            folded.append("\r\n ").append("y".repeat(74));
        }
        MimeMessage m = withSubject(folded.toString());

        // getSubject() unfolds all 3 MB with a quadratic algorithm (half a minute); this reads the first 4 kB.
        String subject = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> MessageSubject.of(m));

        assertThat(subject).startsWith("Giay moi yyy").hasSizeLessThanOrEqualTo(MessageSubject.MAX_RAW_CHARS)
                .doesNotContain("\r", "\n");
    }
}
