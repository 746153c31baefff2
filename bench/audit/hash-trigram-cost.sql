-- What a document's SHA-256 in the free-text search text costs PostgreSQL's trigram index per record
-- (bench/audit/README.md, tenth round). Run against a PostgreSQL holding the bench's log (the data folder
-- bench/audit/run.sh keeps in /tmp/mailgw-audit-bench/postgres-v3-1000000):
--   psql -h 127.0.0.1 -p PORT -U postgres -f bench/audit/hash-trigram-cost.sql postgres
-- Scratch tables only (h_src, h_a, h_b, h_c, dropped at the end); the audit tables are read, never written.
-- The newest 320 000 records' search texts three ways: A as the bench wrote them (its document hashes differ from one
-- another in a few hex digits only), B with every 64-hex run replaced by a real SHA-256 (62 random trigrams, as real
-- documents give), C with the hashes left out. For each: 300 000 rows indexed, then 20 000 more, 50 per commit (as
-- the indexer moves them), fastupdate on, the pending list merged at the end; twice.
\timing on
SET jit = off;
DROP TABLE IF EXISTS h_src, h_a, h_b, h_c;
DROP PROCEDURE IF EXISTS h_insert;
CREATE UNLOGGED TABLE h_src AS SELECT row_number() OVER (ORDER BY recorded_at, id) AS n, search_text AS txt_a
    FROM (SELECT recorded_at, id, search_text FROM audit_record ORDER BY recorded_at DESC LIMIT 320000) s;
ALTER TABLE h_src ADD COLUMN txt_b text, ADD COLUMN txt_c text;
UPDATE h_src SET txt_b = regexp_replace(txt_a, '[0-9a-f]{64}', encode(sha256(('doc' || n)::bytea), 'hex'), 'g'),
                 txt_c = regexp_replace(txt_a, '[0-9a-f]{64}', '', 'g');
CREATE INDEX ON h_src (n);
ANALYZE h_src;
SELECT count(*) FILTER (WHERE txt_a ~ '[0-9a-f]{64}') AS records_with_a_hash, count(*) AS records FROM h_src;
CREATE TABLE h_a (n bigint, txt text);
INSERT INTO h_a SELECT n, txt_a FROM h_src WHERE n <= 300000;
CREATE INDEX h_a_trgm ON h_a USING gin (txt gin_trgm_ops);
CREATE TABLE h_b (n bigint, txt text);
INSERT INTO h_b SELECT n, txt_b FROM h_src WHERE n <= 300000;
CREATE INDEX h_b_trgm ON h_b USING gin (txt gin_trgm_ops);
CREATE TABLE h_c (n bigint, txt text);
INSERT INTO h_c SELECT n, txt_c FROM h_src WHERE n <= 300000;
CREATE INDEX h_c_trgm ON h_c USING gin (txt gin_trgm_ops);
CHECKPOINT;
-- 20 000 more records of one variant (a, b or c), 50 per commit, then its pending list merged (timed by the CALL).
CREATE PROCEDURE h_insert(variant text, shift bigint) LANGUAGE plpgsql AS $$
DECLARE i int;
BEGIN
    FOR i IN 0..399 LOOP
        EXECUTE format('INSERT INTO h_%s SELECT n + $1, txt_%s FROM h_src WHERE n > $2 AND n <= $3', variant, variant)
            USING shift, 300000 + i * 50, 300000 + (i + 1) * 50;
        COMMIT;
    END LOOP;
    PERFORM gin_clean_pending_list(format('h_%s_trgm', variant)::regclass);
END $$;
\echo A, the bench texts
CALL h_insert('a', 0);
\echo B, real hashes
CALL h_insert('b', 0);
\echo C, no hashes
CALL h_insert('c', 0);
\echo A again
CALL h_insert('a', 1000000);
\echo B again
CALL h_insert('b', 1000000);
\echo C again
CALL h_insert('c', 1000000);
DROP PROCEDURE h_insert;
DROP TABLE h_src, h_a, h_b, h_c;
