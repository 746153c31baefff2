package vn.mailgw.gateway.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class CommandArgumentsTest {

    private static String refusal(Parsed<?> parsed) {
        assertThat(parsed).isInstanceOf(Parsed.Refused.class);
        SmtpReply reply = ((Parsed.Refused<?>) parsed).reply();
        return reply.code() + " " + reply.status();
    }

    @Test
    void parseShouldSplitVerbAndArgumentWhenAnyCase() {
        assertThat(SmtpCommand.parse("mail FROM:<a@b.vn>")).isEqualTo(new SmtpCommand(SmtpCommand.Verb.MAIL, "FROM:<a@b.vn>"));
        assertThat(SmtpCommand.parse("QUIT")).isEqualTo(new SmtpCommand(SmtpCommand.Verb.QUIT, ""));
        assertThat(SmtpCommand.parse("EXPN list").verb()).isEqualTo(SmtpCommand.Verb.NOT_IMPLEMENTED);
        assertThat(SmtpCommand.parse("GET / HTTP/1.1").verb()).isEqualTo(SmtpCommand.Verb.UNKNOWN);
    }

    @Test
    void mailFromShouldReadParametersWhenValid() {
        Parsed<MailFrom> parsed = MailFrom.parse("FROM:<vp@sonla.gov.vn> SIZE=12345 BODY=8bitmime");
        assertThat(parsed).isEqualTo(new Parsed.Ok<>(
                new MailFrom("vp@sonla.gov.vn", OptionalLong.of(12345), "8BITMIME", false)));
        assertThat(MailFrom.parse("from: <>")).isEqualTo(new Parsed.Ok<>(
                new MailFrom("", OptionalLong.empty(), "7BIT", false)));
        assertThat(MailFrom.parse("FROM:<@relay.vn:vp@sonla.gov.vn>"))
                .isEqualTo(new Parsed.Ok<>(new MailFrom("vp@sonla.gov.vn", OptionalLong.empty(), "7BIT", false)));
    }

    @Test
    void mailFromShouldRefuseWhenSyntaxOrParameterIsBad() {
        assertThat(refusal(MailFrom.parse("TO:<a@b.vn>"))).isEqualTo("501 5.5.4");
        assertThat(refusal(MailFrom.parse("FROM:a@b.vn"))).isEqualTo("501 5.5.4");
        assertThat(refusal(MailFrom.parse("FROM:<a@b.vn"))).isEqualTo("501 5.5.4");
        assertThat(refusal(MailFrom.parse("FROM:<no-at-sign>"))).isEqualTo("501 5.1.3");
        assertThat(refusal(MailFrom.parse("FROM:<a@b.vn> SIZE=big"))).isEqualTo("501 5.5.4");
        assertThat(refusal(MailFrom.parse("FROM:<a@b.vn> BODY=BINARYMIME"))).isEqualTo("501 5.5.4");
        assertThat(refusal(MailFrom.parse("FROM:<a@b.vn> RET=HDRS"))).isEqualTo("555 5.5.4");
        assertThat(refusal(MailFrom.parse("FROM:<thư@b.vn>"))).isEqualTo("553 5.6.7");
    }

    @Test
    void rcptToShouldRefuseWhenEmptyOrNonAsciiWithoutSmtpUtf8() {
        assertThat(RcptTo.parse("TO:<snv@sonla.gov.vn>", false)).isEqualTo(new Parsed.Ok<>(new RcptTo("snv@sonla.gov.vn")));
        assertThat(refusal(RcptTo.parse("TO:<>", false))).isEqualTo("501 5.1.3");
        assertThat(refusal(RcptTo.parse("TO:<sở@b.vn>", false))).isEqualTo("553 5.6.7");
        assertThat(RcptTo.parse("TO:<sở@b.vn>", true)).isEqualTo(new Parsed.Ok<>(new RcptTo("sở@b.vn")));
        assertThat(refusal(RcptTo.parse("TO:<a@b.vn> NOTIFY=NEVER", false))).isEqualTo("555 5.5.4");
    }
}
