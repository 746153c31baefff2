-- Audit log schema, version 1. Portable SQL: the same file runs on SQLite and PostgreSQL.
-- Times are epoch milliseconds (BIGINT): exact, comparable, and the same in both databases.
CREATE TABLE audit_record (
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
    -- Lower-cased words for free-text search; derived from the columns above, not part of the hash.
    search_text     TEXT         NOT NULL,
    CONSTRAINT audit_record_chain_position UNIQUE (node_id, seq)
);
CREATE INDEX audit_record_time ON audit_record (recorded_at, id);
CREATE INDEX audit_record_sender_time ON audit_record (envelope_sender, recorded_at);
CREATE INDEX audit_record_from_time ON audit_record (header_from, recorded_at);
CREATE INDEX audit_record_agency_time ON audit_record (agency, recorded_at);
CREATE INDEX audit_record_verdict_time ON audit_record (verdict, recorded_at);
CREATE INDEX audit_record_doctype_time ON audit_record (document_type, recorded_at);
CREATE INDEX audit_record_filetype_time ON audit_record (file_type, recorded_at);
CREATE INDEX audit_record_queue ON audit_record (queue_id);
CREATE INDEX audit_record_parent ON audit_record (parent_id);
CREATE INDEX audit_record_outcome_time ON audit_record (kind, outcome, recorded_at);

-- One row per (record, recipient): lets "recipient = x" use an index instead of scanning the JSON list.
CREATE TABLE audit_recipient (
    record_id VARCHAR(100) NOT NULL,
    recipient VARCHAR(320) NOT NULL,
    recorded_at BIGINT NOT NULL,
    PRIMARY KEY (record_id, recipient)
);
CREATE INDEX audit_recipient_lookup ON audit_recipient (recipient, recorded_at);

-- The newest record of each node's chain, signed with the node key: a cut tail no longer matches it.
CREATE TABLE audit_head (
    node_id    VARCHAR(40) NOT NULL PRIMARY KEY,
    last_seq   BIGINT      NOT NULL,
    last_hash  VARCHAR(64) NOT NULL,
    updated_at BIGINT      NOT NULL,
    key_id     VARCHAR(64),
    signature  TEXT
);

-- Left by each purge: the chain now starts after through_seq, linked to through_hash.
CREATE TABLE audit_checkpoint (
    node_id        VARCHAR(40) NOT NULL,
    through_seq    BIGINT      NOT NULL,
    through_hash   VARCHAR(64) NOT NULL,
    purged_records BIGINT      NOT NULL,
    total_purged   BIGINT      NOT NULL,
    created_at     BIGINT      NOT NULL,
    key_id         VARCHAR(64) NOT NULL,
    signature      TEXT        NOT NULL,
    PRIMARY KEY (node_id, through_seq)
);

-- Public keys of the node keys (Ed25519) that signed heads and checkpoints.
CREATE TABLE audit_node_key (
    node_id    VARCHAR(40) NOT NULL,
    key_id     VARCHAR(64) NOT NULL,
    algorithm  VARCHAR(20) NOT NULL,
    public_key TEXT        NOT NULL,
    created_at BIGINT      NOT NULL,
    PRIMARY KEY (node_id, key_id)
);
