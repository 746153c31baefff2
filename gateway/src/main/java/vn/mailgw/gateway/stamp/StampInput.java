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
 * @param documentTypes         the classification's label per attachment SHA-256 (e.g. "Giấy mời (GM)");
 *                              attachments that were not classified are absent
 */
public record StampInput(MessageVerdict verdict, SenderFacts sender, Optional<String> authenticationResults,
                         String auditRecordId, String queueId, List<MachineReport> machineReports,
                         java.util.Map<String, String> documentTypes) {

    /** Without document types (no classification ran). */
    public StampInput(MessageVerdict verdict, SenderFacts sender, Optional<String> authenticationResults,
                      String auditRecordId, String queueId, List<MachineReport> machineReports) {
        this(verdict, sender, authenticationResults, auditRecordId, queueId, machineReports, java.util.Map.of());
    }

    /** The classification's label of an attachment, when it was classified. */
    public Optional<String> documentType(String sha256) {
        return Optional.ofNullable(documentTypes.get(sha256));
    }

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
        documentTypes = java.util.Map.copyOf(documentTypes == null ? java.util.Map.of() : documentTypes);
    }
}
