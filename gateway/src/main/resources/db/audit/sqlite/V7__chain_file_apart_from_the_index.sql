-- SQLite part of version 7: audit_pending and audit_head move into the attached chain file (JdbcAuditStore attaches
-- it to every connection before migrating, so unqualified names find them there afterwards). Written so that it can
-- run again on a file whose version rows were deleted (the migration tests do that): tables are created if missing,
-- rows copied without duplicates.
CREATE TABLE IF NOT EXISTS chain.audit_pending (
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
CREATE TABLE IF NOT EXISTS chain.audit_head (
    node_id    VARCHAR(40) NOT NULL PRIMARY KEY,
    last_seq   BIGINT      NOT NULL,
    last_hash  VARCHAR(64) NOT NULL,
    updated_at BIGINT      NOT NULL,
    key_id     VARCHAR(64),
    signature  TEXT
);
CREATE TABLE IF NOT EXISTS main.audit_pending AS SELECT * FROM chain.audit_pending WHERE 0;
CREATE TABLE IF NOT EXISTS main.audit_head AS SELECT * FROM chain.audit_head WHERE 0;
INSERT OR IGNORE INTO chain.audit_pending SELECT * FROM main.audit_pending;
-- The newest head wins (a head only moves forward).
INSERT INTO chain.audit_head SELECT * FROM main.audit_head WHERE true
ON CONFLICT (node_id) DO UPDATE SET last_seq = excluded.last_seq, last_hash = excluded.last_hash,
    updated_at = excluded.updated_at, key_id = excluded.key_id, signature = excluded.signature
WHERE excluded.last_seq > audit_head.last_seq;
DROP TABLE main.audit_pending;
DROP TABLE main.audit_head;
