-- What PostgreSQL's free-text index costs per record, and what a search costs without it (bench/audit/README.md,
-- "Why PostgreSQL's appends cannot reach the goal here"). Run against a PostgreSQL holding the bench's log (the data
-- folder bench/audit/run.sh keeps in /tmp/mailgw-audit-bench/postgres-v3-1000000):
--   psql -h 127.0.0.1 -p PORT -U postgres -f bench/audit/trigram-cost.sql postgres
-- Scratch tables only (t_src, t_rec, t_blk, dropped at the end); the audit tables are read, never written.
\timing on
SET jit = off;
DROP TABLE IF EXISTS t_src, t_rec, t_blk;

-- 1. A rare text's page without the trigram index: GIN answers only bitmap scans, so this leaves the planner a scan.
SET enable_bitmapscan = off;
EXPLAIN (ANALYZE) SELECT id FROM audit_record WHERE search_text LIKE '%nguyen van zzq%' ORDER BY recorded_at + 0 DESC LIMIT 51;
EXPLAIN (ANALYZE) SELECT id FROM audit_record WHERE search_text LIKE '%nguyen van zzq%' ORDER BY recorded_at + 0 DESC LIMIT 51;
RESET enable_bitmapscan;
EXPLAIN (ANALYZE) SELECT id FROM audit_record WHERE search_text LIKE '%nguyen van zzq%' ORDER BY recorded_at + 0 DESC LIMIT 51;

-- 2. The newest 320 000 records' search texts: 300 000 to fill the indexes, 20 000 to insert and time.
CREATE UNLOGGED TABLE t_src AS SELECT row_number() OVER (ORDER BY recorded_at, id) AS n, search_text AS txt
    FROM (SELECT recorded_at, id, search_text FROM audit_record ORDER BY recorded_at DESC LIMIT 320000) s;
CREATE INDEX ON t_src (n);
ANALYZE t_src;
-- One row per record (as audit_record), and one row per block of 100 records (their texts joined).
CREATE TABLE t_rec (n bigint, txt text);
INSERT INTO t_rec SELECT n, txt FROM t_src WHERE n <= 300000;
CREATE INDEX t_rec_trgm ON t_rec USING gin (txt gin_trgm_ops);
CREATE TABLE t_blk (b bigint, txt text);
INSERT INTO t_blk SELECT (n - 1) / 100, string_agg(txt, ' ' ORDER BY n) FROM t_src WHERE n <= 300000 GROUP BY (n - 1) / 100;
CREATE INDEX t_blk_trgm ON t_blk USING gin (txt gin_trgm_ops);

-- 3. 20 000 more records, 50 per commit (as the indexer moves them), then the same as 200 blocks; then no index.
DO $$ DECLARE i int; BEGIN FOR i IN 0..399 LOOP
    INSERT INTO t_rec SELECT n, txt FROM t_src WHERE n > 300000 + i * 50 AND n <= 300000 + (i + 1) * 50; COMMIT;
END LOOP; END $$;
SELECT gin_clean_pending_list('t_rec_trgm'::regclass);
DO $$ DECLARE i int; BEGIN FOR i IN 0..199 LOOP
    INSERT INTO t_blk SELECT (n - 1) / 100, string_agg(txt, ' ' ORDER BY n) FROM t_src
        WHERE n > 300000 + i * 100 AND n <= 300000 + (i + 1) * 100 GROUP BY (n - 1) / 100; COMMIT;
END LOOP; END $$;
SELECT gin_clean_pending_list('t_blk_trgm'::regclass);
DO $$ DECLARE i int; BEGIN FOR i IN 0..399 LOOP
    INSERT INTO t_src SELECT n + 1000000, txt FROM t_src WHERE n > 300000 + i * 50 AND n <= 300000 + (i + 1) * 50; COMMIT;
END LOOP; END $$;

DROP TABLE t_src, t_rec, t_blk;
