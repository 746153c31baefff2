package vn.mailgw.gateway.stamp;

import java.util.List;
import java.util.Optional;
import vn.mailgw.validation.verdict.MessageVerdict;
import vn.mailgw.validation.verdict.SenderFacts;

/**
 * Everything a stamp shows besides the original message.
 *
 * @param verdict               the message verdict
 * @param sender                the sender facts the verdict was made on
 * @param authenticationResults value of our Authentication-Results header, when the checks ran
 * @param auditRecordId         the audit log's id for this message (clerks quote it to auditors)
 * @param queueId               the gateway's queue id
 * @param machineReports        DSS's machine reports (XML), one per signed document
 */
public record StampInput(MessageVerdict verdict, SenderFacts sender, Optional<String> authenticationResults,
                         String auditRecordId, String queueId, List<MachineReport> machineReports) {

    /** A signature engine's machine-readable report for one attachment. */
    public record MachineReport(String sha256, String fileName, byte[] xml) {
        public MachineReport {
            xml = xml.clone();
        }
    }

    public StampInput {
        if (verdict == null || sender == null) {
            throw new IllegalArgumentException("verdict and sender are required");
        }
        authenticationResults = authenticationResults == null ? Optional.empty() : authenticationResults;
        if (auditRecordId == null || auditRecordId.isBlank() || !auditRecordId.matches("[\\x21-\\x7e]+")) {
            throw new IllegalArgumentException("auditRecordId must be printable ASCII without spaces: " + auditRecordId);
        }
        if (queueId == null || !queueId.matches("[\\x21-\\x7e]+")) {
            throw new IllegalArgumentException("queueId must be printable ASCII without spaces: " + queueId);
        }
        machineReports = List.copyOf(machineReports == null ? List.of() : machineReports);
    }
}
