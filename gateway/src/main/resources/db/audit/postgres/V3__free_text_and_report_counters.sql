-- PostgreSQL part of version 3: a trigram GIN index (pg_trgm, a trusted contrib extension shipped with
-- PostgreSQL) over search_text, so the same LIKE '%text%' search reads the index instead of every record.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX audit_record_text_trgm ON audit_record USING gin (search_text gin_trgm_ops);
