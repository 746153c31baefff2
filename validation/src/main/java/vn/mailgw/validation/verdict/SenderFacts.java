package vn.mailgw.validation.verdict;

import java.util.Locale;

/**
 * What the gateway knows about who sent a message.
 *
 * @param envelopeSender MAIL FROM ("" for the null sender)
 * @param headerFrom     the address in the From header: the one the regulations and clerks look at
 * @param authentication whether headerFrom is proven
 * @param freeMail       whether headerFrom (or the envelope sender) is at a free-mail domain
 */
public record SenderFacts(String envelopeSender, String headerFrom, SenderAuthentication authentication,
                          boolean freeMail) {
    public SenderFacts {
        envelopeSender = envelopeSender == null ? "" : envelopeSender.strip().toLowerCase(Locale.ROOT);
        headerFrom = headerFrom == null ? "" : headerFrom.strip().toLowerCase(Locale.ROOT);
        if (authentication == null) {
            throw new IllegalArgumentException("authentication is required (use NOT_CHECKED)");
        }
    }
}
