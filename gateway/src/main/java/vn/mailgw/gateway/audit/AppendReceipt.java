package vn.mailgw.gateway.audit;

import java.util.List;

/** What {@link AuditLog#append} wrote: the message record's id, its documents' ids, and the node's new head. */
public record AppendReceipt(String messageRecordId, List<String> documentRecordIds, ChainHead head) {
    public AppendReceipt {
        documentRecordIds = List.copyOf(documentRecordIds);
    }
}
