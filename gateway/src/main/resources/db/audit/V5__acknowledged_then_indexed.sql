-- Version 5: the commit a 250 waits for holds only the chained records (the truth); what search and reports derive
-- from them (the searched table's indexes, free-text rows, recipient rows, day counters) follows a few ms later.
-- An append writes its records here (same columns as audit_record, two small indexes); the same writer then moves
-- them into audit_record with their derived rows in one later transaction (JdbcAuditStore.indexPending). A crash in
-- between leaves them here, so the next start moves them: this table is the durable "not yet indexed" mark.
-- IF NOT EXISTS: tests rebuild older schema versions by deleting version rows and opening again.
CREATE TABLE IF NOT EXISTS audit_pending (
    id              VARCHAR(100) NOT NULL PRIMARY KEY,
    node_id         VARCHAR(40)  NOT NULL,
    seq             BIGINT       NOT NULL,
    kind            VARCHAR(10)  NOT NULL,
    parent_id       VARCHAR(100),
    recorded_at     BIGINT       NOT NULL,
    queue_id        VARCHAR(40)  NOT NULL,
    message_id      TEXT,
    envelope_sender VARCHAR(320) NOT NULL,
    header_from     VARCHAR(320),
    recipients      TEXT         NOT NULL,
    client_ip       VARCHAR(64)  NOT NULL,
    helo            TEXT,
    size_bytes      BIGINT,
    auth_results    TEXT,
    agency          VARCHAR(200),
    profile         VARCHAR(40),
    outcome         VARCHAR(16),
    smtp_reply      TEXT,
    verdict         VARCHAR(40),
    reason_codes    TEXT         NOT NULL,
    document_name   TEXT,
    document_sha256 VARCHAR(64),
    file_type       VARCHAR(40),
    document_type   VARCHAR(80),
    rules_applied   TEXT         NOT NULL,
    signatures      TEXT         NOT NULL,
    errors          TEXT         NOT NULL,
    prev_hash       VARCHAR(64)  NOT NULL,
    hash            VARCHAR(64)  NOT NULL,
    search_text     TEXT         NOT NULL,
    CONSTRAINT audit_pending_chain_position UNIQUE (node_id, seq)
);
