package vn.mailgw.gateway.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code freemail} section (daknong-2012 Art 9.4): extends the built-in free-mail domain list and names
 * the mailboxes that accept free mail anyway (e.g. a citizens' feedback mailbox).
 *
 * @param extraDomains       domains added to the built-in list
 * @param extraDomainsFile   a file with more domains, one a line
 * @param acceptingMailboxes recipient addresses that accept free-mail senders; such messages are marked
 *                           as not official documents
 */
public record FreemailConfig(List<String> extraDomains, Optional<Path> extraDomainsFile, List<String> acceptingMailboxes) {

    public static final FreemailConfig DEFAULTS = new FreemailConfig(List.of(), Optional.empty(), List.of());

    public FreemailConfig {
        extraDomains = List.copyOf(Objects.requireNonNullElse(extraDomains, List.of()));
        extraDomainsFile = Objects.requireNonNullElse(extraDomainsFile, Optional.empty());
        acceptingMailboxes = List.copyOf(Objects.requireNonNullElse(acceptingMailboxes, List.of()));
        for (String mailbox : acceptingMailboxes) {
            ConfigChecks.check(mailbox.indexOf('@') > 0 && mailbox.indexOf('@') < mailbox.length() - 1,
                    "acceptingMailboxes entry is not an address: '" + mailbox + "'");
        }
    }
}
