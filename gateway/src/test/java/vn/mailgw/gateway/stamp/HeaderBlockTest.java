package vn.mailgw.gateway.stamp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class HeaderBlockTest {

    /** The fields, then everything after the empty line exactly as it was. */
    private static String[] split(String message) throws IOException {
        InputStream in = new ByteArrayInputStream(message.getBytes(StandardCharsets.UTF_8));
        HeaderBlock block = HeaderBlock.read(in);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(block.bodyStart());
        in.transferTo(body);
        return new String[] {String.join("|", block.fields()), body.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void readShouldKeepFoldingAndLineEndsWhenFieldsAreFolded() throws IOException {
        String[] r = split("Subject: Giấy mời\r\n họp\r\nFrom: a@b.vn\nX: 1\r\n\r\nThân thư\r\n.dòng\r\n");
        assertThat(r[0]).isEqualTo("Subject: Giấy mời\r\n họp\r\n|From: a@b.vn\n|X: 1\r\n");
        assertThat(r[1]).isEqualTo("Thân thư\r\n.dòng\r\n");
    }

    @Test
    void readShouldEndFieldWithCrlfWhenInputEndsWithoutEmptyLine() throws IOException {
        String[] r = split("From: a@b.vn\r\nSubject: x");
        assertThat(r[0]).isEqualTo("From: a@b.vn\r\n|Subject: x\r\n");
        assertThat(r[1]).isEmpty();
    }

    @Test
    void readShouldHandOverBodyBytesWhenHeaderBlockIsLongerThanOneChunk() throws IOException {
        StringBuilder m = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            m.append("X-Long: value ").append(i).append("\r\n");
        }
        String[] r = split(m + "\r\nbody after a 30 kB header block\r\n");
        assertThat(r[0].split("\\|")).hasSize(2000);
        assertThat(r[1]).isEqualTo("body after a 30 kB header block\r\n");
    }

    @Test
    void foldShouldBreakAfterSemicolonsWhenLineWouldPass78Characters() {
        String folded = StampHeaders.fold("X-Mailgw-Verdict", "NOT_A_DOCUMENT; profile=daknong-2012; documents=0; "
                + "audit-id=node1.1M825T0SR000; queue-id=1M825T0SR000");
        assertThat(folded).isEqualTo("X-Mailgw-Verdict: NOT_A_DOCUMENT; profile=daknong-2012; documents=0;\r\n"
                + " audit-id=node1.1M825T0SR000; queue-id=1M825T0SR000");
        assertThat(folded.split("\r\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(78));
        assertThat(StampHeaders.fold("X", "short")).isEqualTo("X: short");
    }
}
