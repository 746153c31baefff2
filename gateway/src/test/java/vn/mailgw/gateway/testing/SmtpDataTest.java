package vn.mailgw.gateway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SmtpDataTest {

    private static String sent(String eml, boolean bareLfToCrlf) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SmtpData.writeDotStuffed(eml.getBytes(StandardCharsets.UTF_8), out, bareLfToCrlf);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writeDotStuffedShouldDoubleEveryLeadingDotAndEndWithDotLine() throws IOException {
        assertThat(sent(".first\r\nmid.dle\r\n..two\r\n", false)).isEqualTo("..first\r\nmid.dle\r\n...two\r\n.\r\n");
    }

    @Test
    void writeDotStuffedShouldEndAnUnterminatedLastLineBeforeTheDot() throws IOException {
        assertThat(sent("Subject: x\r\n\r\nbody", false)).isEqualTo("Subject: x\r\n\r\nbody\r\n.\r\n");
        assertThat(sent("", false)).isEqualTo(".\r\n");
    }

    @Test
    void writeDotStuffedShouldTurnBareLfIntoCrlfOnlyWhenAsked() throws IOException {
        assertThat(sent("a\n.b\r\nc", true)).isEqualTo("a\r\n..b\r\nc\r\n.\r\n");
        assertThat(sent("a\n.b\r\nc", false)).isEqualTo("a\n..b\r\nc\r\n.\r\n");
    }
}
