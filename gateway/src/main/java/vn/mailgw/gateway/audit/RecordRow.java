package vn.mailgw.gateway.audit;

/**
 * A record with the column text the store writes for it (JSON lists, free-text words). None of it depends on the
 * chain position or hashes, so the appending thread computes it once for the draft and the single audit writer
 * only binds it.
 */
record RecordRow(AuditRecord record, String recipientsJson, String reasonCodesJson, String rulesAppliedJson,
                 String signaturesJson, String errorsJson, String searchText) {

    static RecordRow of(AuditRecord r) {
        return new RecordRow(r, AuditColumns.json(r.recipients()), AuditColumns.json(r.reasonCodes()),
                AuditColumns.json(r.rulesApplied()), AuditColumns.json(AuditColumns.signaturesToRows(r.signatures())),
                AuditColumns.json(r.errors()), AuditColumns.searchText(r));
    }

    /** The same row for the record placed in its chain. */
    RecordRow chained(long seq, String prevHash, String hash) {
        return new RecordRow(record.chained(seq, prevHash, hash), recipientsJson, reasonCodesJson, rulesAppliedJson,
                signaturesJson, errorsJson, searchText);
    }
}
