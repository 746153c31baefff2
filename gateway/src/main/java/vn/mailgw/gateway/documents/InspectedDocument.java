package vn.mailgw.gateway.documents;

import java.util.Optional;
import vn.mailgw.validation.verdict.AttachmentFacts;

/** An attachment with what the signature engine found, and its machine report (DSS simple report XML) if any. */
public record InspectedDocument(AttachmentFacts facts, Optional<String> machineReportXml) {
    public InspectedDocument {
        if (facts == null) {
            throw new IllegalArgumentException("facts required");
        }
        machineReportXml = machineReportXml == null ? Optional.empty() : machineReportXml;
    }
}
