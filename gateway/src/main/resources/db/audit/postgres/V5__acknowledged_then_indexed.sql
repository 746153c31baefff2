-- PostgreSQL part of version 5: nothing to change in the schema. The trigram index keeps fastupdate (new entries
-- go to a pending list that is merged into the index in bulk, far cheaper than one insert per trigram), but the
-- list is now filled by the indexing transaction, off the commit a 250 waits for, and merged by the indexer as soon
-- as appends pause (JdbcAuditStore.indexPending), so searches after a burst do not read through it.
-- Merge what an older version left there now.
SELECT gin_clean_pending_list('audit_record_text_trgm'::regclass);
