package vn.mailgw.samples;

import java.util.List;

/**
 * One ready demo message and what the gateway must do with it.
 *
 * @param name            file name stem, e.g. "01-hop-le"
 * @param description     what it shows, in Vietnamese and English
 * @param mailFrom        the SMTP envelope sender the replay uses
 * @param recipients      RCPT TO addresses
 * @param eml             the message bytes (CRLF line ends)
 * @param expectedReply   the SMTP reply code expected at the end (250, or 550 for a refused sender)
 * @param expectedVerdict the X-Mailgw-Verdict expected on the delivered message ("" when refused)
 * @param expectedReasons reason codes the stamp must list
 */
public record SampleMessage(String name, String description, String mailFrom, List<String> recipients, byte[] eml,
                            int expectedReply, String expectedVerdict, List<String> expectedReasons) {
    public SampleMessage {
        recipients = List.copyOf(recipients);
        expectedReasons = List.copyOf(expectedReasons);
        eml = eml.clone();
    }

    @Override
    public byte[] eml() {
        return eml.clone();
    }
}
