-- PostgreSQL part of version 5. The trigram index is now written by the indexing transaction, not by the commit a
-- 250 waits for, so it can afford fastupdate=off: entries go straight into the index instead of a pending list that
-- every free-text search reads through until (auto)vacuum merges it (p95 723 ms right after heavy appends).
ALTER INDEX audit_record_text_trgm SET (fastupdate = off);
SELECT gin_clean_pending_list('audit_record_text_trgm'::regclass);
