package vn.mailgw.gateway.freemail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import vn.mailgw.gateway.config.FreemailConfig;
import vn.mailgw.gateway.smtp.EnhancedStatus;
import vn.mailgw.gateway.smtp.SmtpReply;
import vn.mailgw.trust.freemail.FreemailDomains;

/**
 * daknong-2012 Art 9.4: documents sent from free mailboxes (Yahoo, Gmail, ...) are not accepted; the
 * agency is treated as not having sent them (also sonla-2005 Art 10, cantho-2005 Art 8.5). Holds the
 * domain list and the mailboxes configured to accept free mail anyway (e.g. a citizens' feedback mailbox).
 * Immutable and thread-safe.
 */
public final class FreemailPolicy {

    /** The refusal: 550 5.7.1, Vietnamese and English, citing the article. Each line well under 512 octets. */
    public static final SmtpReply REFUSAL = SmtpReply.of(550, EnhancedStatus.of(5, 7, 1),
            "Không chấp nhận văn bản gửi từ hộp thư miễn phí (daknong-2012 Art 9.4):"
                    + " cơ quan được coi là chưa gửi văn bản.",
            "Documents from free mailboxes are not accepted (daknong-2012 Art 9.4);"
                    + " the agency is treated as not having sent them.");

    /** Header added to free mail delivered to an accepting mailbox (RFC 2047 encodes the Vietnamese half). */
    public static final String NOTICE_HEADER = "X-Mailgw-Notice";
    public static final String NOTICE_ENGLISH = "not an official document (free-mail sender, daknong-2012 Art 9.4)";
    public static final String NOTICE_VIETNAMESE = "Không phải văn bản chính thức (người gửi dùng hộp thư miễn phí)";

    private final FreemailDomains domains;
    private final Set<String> acceptingMailboxes;

    public FreemailPolicy(FreemailDomains domains, List<String> acceptingMailboxes) {
        this.domains = Objects.requireNonNull(domains, "domains");
        Set<String> lower = new HashSet<>();
        for (String mailbox : acceptingMailboxes) {
            lower.add(mailbox.strip().toLowerCase(Locale.ROOT));
        }
        this.acceptingMailboxes = Set.copyOf(lower);
    }

    /** The built-in list plus the configured extra domains and file. */
    public static FreemailPolicy fromConfig(FreemailConfig config) {
        FreemailDomains domains = FreemailDomains.builtIn().plus(config.extraDomains());
        if (config.extraDomainsFile().isPresent()) {
            try {
                domains = domains.plusFile(config.extraDomainsFile().get());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read freemail.extraDomainsFile "
                        + config.extraDomainsFile().get(), e);
            }
        }
        return new FreemailPolicy(domains, config.acceptingMailboxes());
    }

    public boolean isFreemail(String address) {
        return domains.isFreemailAddress(address);
    }

    public boolean acceptsFreemail(String recipient) {
        return acceptingMailboxes.contains(recipient.strip().toLowerCase(Locale.ROOT));
    }

    public boolean allAcceptFreemail(List<String> recipients) {
        return !recipients.isEmpty() && recipients.stream().allMatch(this::acceptsFreemail);
    }

    public boolean hasAcceptingMailboxes() {
        return !acceptingMailboxes.isEmpty();
    }
}
