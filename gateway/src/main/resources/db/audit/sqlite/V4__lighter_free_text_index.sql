-- SQLite part of version 4: the trigram FTS5 index without the two things that cost most of every append.
-- * content='' (contentless): the text is not stored a second time; audit_record.search_text already holds it.
--   contentless_unindexed=1 still stores record_id (what a search returns); contentless_delete=1 lets purge
--   delete rows.
-- * detail=none: no word positions, only which rows hold each trigram. A search asks for rows holding every
--   trigram of the text and then checks the substring with LIKE over search_text (JdbcAuditStore), so the
--   results are the same as the V3 phrase query; the index is a fraction of the size and of the commit's pages.
DROP TABLE audit_text;
CREATE VIRTUAL TABLE audit_text USING fts5(record_id UNINDEXED, search_text, tokenize = 'trigram', detail = 'none',
    content = '', contentless_delete = 1, contentless_unindexed = 1);
INSERT INTO audit_text (record_id, search_text) SELECT id, search_text FROM audit_record;
