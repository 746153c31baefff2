-- SQLite part of version 6.
-- Recipient rows of MESSAGE records only, in a WITHOUT ROWID table keyed by what the search looks up: one B-tree
-- per row instead of three (the rowid table, its (record_id, recipient) key and the (recipient, recorded_at) index).
-- A purge deletes by record_id with one pass over the table (daily).
CREATE TABLE audit_recipient_v6 (
    recipient   VARCHAR(320) NOT NULL,
    recorded_at BIGINT       NOT NULL,
    record_id   VARCHAR(100) NOT NULL,
    PRIMARY KEY (recipient, recorded_at, record_id)
) WITHOUT ROWID;
INSERT INTO audit_recipient_v6 (recipient, recorded_at, record_id)
SELECT r.recipient, r.recorded_at, r.record_id FROM audit_recipient r
WHERE r.record_id IN (SELECT id FROM audit_record WHERE kind = 'MESSAGE');
DROP TABLE audit_recipient;
ALTER TABLE audit_recipient_v6 RENAME TO audit_recipient;
-- One free-text row per message: the message's and its documents' search text together, keyed by the message id
-- (a third of the rows, and the trigrams the records share - ids, addresses, agency - once). The index only narrows
-- the candidates (a record matches when its message's row holds every trigram of the text); LIKE over each record's
-- own search_text still decides, so the answers are the same as with a row per record.
DROP TABLE audit_text;
DROP TABLE IF EXISTS audit_text_content;
CREATE VIRTUAL TABLE audit_text USING fts5(record_id UNINDEXED, search_text, tokenize = 'trigram', detail = 'none',
    content = '', contentless_delete = 1, contentless_unindexed = 1);
INSERT INTO audit_text (record_id, search_text)
SELECT m.id, m.search_text || COALESCE((SELECT ' ' || group_concat(d.search_text, ' ') FROM audit_record d
                                        WHERE d.parent_id = m.id), '')
FROM audit_record m WHERE m.kind = 'MESSAGE';
-- Documents whose message a purge removed keep a row of their own, under their message's id.
INSERT INTO audit_text (record_id, search_text)
SELECT d.parent_id, group_concat(d.search_text, ' ') FROM audit_record d
WHERE d.kind = 'DOCUMENT' AND NOT EXISTS (SELECT 1 FROM audit_record m WHERE m.id = d.parent_id)
GROUP BY d.parent_id;
