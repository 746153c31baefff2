package vn.mailgw.gateway.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What {@link AuditLog#append} is given for one message the gateway handled (delivered, refused or failed):
 * the fields of sonla-2025 Art 11.1 and more. Becomes one MESSAGE record plus one DOCUMENT record per document.
 * Optional text fields are null when not known; lists are empty.
 *
 * @param time           when the gateway finished with the message (the reply time)
 * @param queueId        the queue id given at DATA; the audit ids are derived from it (see {@link AuditIds})
 * @param messageId      the Message-ID header; null when absent
 * @param envelopeSender MAIL FROM ("" for the null sender)
 * @param headerFrom     the From header address; null when absent or unparsable
 * @param recipients     RCPT TO addresses
 * @param clientIp       the SMTP client's IP address
 * @param helo           the EHLO/HELO argument
 * @param sizeBytes      message size in bytes; null when the message was refused before DATA
 * @param authResults    the Authentication-Results value for SPF/DKIM/DMARC; null when not checked
 * @param agency         the sending agency from the registry; null when the sender is not an agency's
 * @param profile        the policy profile in force
 * @param verdict        the message verdict (worst of its documents) or REFUSED; null when not decided
 * @param reasonCodes    message-level reason codes, citing articles
 * @param outcome        delivered, refused or failed
 * @param smtpReply      the reply the client got, as text ("250 2.0.0 Ok: queued as ...")
 * @param errors         error texts (system errors, sonla-2025 Art 11.1)
 * @param documents      one entry per attachment
 */
public record MessageAudit(Instant time, String queueId, String messageId, String envelopeSender, String headerFrom,
                           List<String> recipients, String clientIp, String helo, Long sizeBytes, String authResults,
                           String agency, String profile, String verdict, List<String> reasonCodes, Outcome outcome,
                           String smtpReply, List<String> errors, List<DocumentAudit> documents) {

    public MessageAudit {
        time = Objects.requireNonNull(time, "time").truncatedTo(ChronoUnit.MILLIS);
        AuditIds.requireValidQueueId(queueId);
        // Addresses are kept in lower case so an auditor's search finds them however they were typed.
        envelopeSender = Objects.requireNonNull(envelopeSender, "envelopeSender").toLowerCase(Locale.ROOT);
        headerFrom = headerFrom == null ? null : headerFrom.toLowerCase(Locale.ROOT);
        recipients = recipients.stream().map(r -> r.toLowerCase(Locale.ROOT)).toList();
        Objects.requireNonNull(clientIp, "clientIp");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(smtpReply, "smtpReply");
        if (sizeBytes != null && sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes must not be negative");
        }
        reasonCodes = List.copyOf(reasonCodes);
        errors = List.copyOf(errors);
        documents = List.copyOf(documents);
    }
}
