-- SQLite part of version 3: a trigram full-text index (FTS5, built into sqlite-jdbc) over search_text, so a
-- free-text search (a substring, as before) reads the index instead of every record of the time range.
-- The index keeps its own copy of the text with the record id; it is written in the append's transaction.
CREATE VIRTUAL TABLE audit_text USING fts5(record_id UNINDEXED, search_text, tokenize = 'trigram');
INSERT INTO audit_text (record_id, search_text) SELECT id, search_text FROM audit_record;
