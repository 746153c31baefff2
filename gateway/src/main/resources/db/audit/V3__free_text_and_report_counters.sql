-- Version 3, the part both databases share: pre-aggregated counters for the reports, kept up to date in the
-- same transaction as every append (JdbcAuditStore), so a quarterly or yearly report reads a few thousand
-- counter rows instead of a million records. A day is a calendar day in Vietnam time (UTC+7, no daylight
-- saving): report periods are Vietnamese quarters and years, so they cover whole days.
-- The free-text index differs per database: see sqlite/ and postgres/ V3 files (run after this one).

-- Per-agency statistics, tuyenquang-2013 Art 13: records per day, agency, kind, outcome and verdict.
CREATE TABLE audit_daily_count (
    day      BIGINT       NOT NULL,
    agency   VARCHAR(200) NOT NULL,
    kind     VARCHAR(10)  NOT NULL,
    outcome  VARCHAR(16)  NOT NULL,
    verdict  VARCHAR(40)  NOT NULL,
    records  BIGINT       NOT NULL,
    PRIMARY KEY (day, agency, kind, outcome, verdict)
);

-- Repeat violators, cantho-2005 Art 10.2: refused messages per day and envelope sender.
CREATE TABLE audit_daily_refusal (
    day             BIGINT       NOT NULL,
    envelope_sender VARCHAR(320) NOT NULL,
    agency          VARCHAR(200),
    refusals        BIGINT       NOT NULL,
    free_mail       BIGINT       NOT NULL,
    first_at        BIGINT       NOT NULL,
    last_at         BIGINT       NOT NULL,
    PRIMARY KEY (day, envelope_sender)
);

-- An existing log gets its counters from its records (the same sums JdbcAuditStore.ReportCounters keeps).
INSERT INTO audit_daily_count (day, agency, kind, outcome, verdict, records)
SELECT (recorded_at + 25200000) / 86400000, COALESCE(agency, ''), kind, COALESCE(outcome, ''), COALESCE(verdict, ''),
       COUNT(*)
FROM audit_record GROUP BY 1, 2, 3, 4, 5;
INSERT INTO audit_daily_refusal (day, envelope_sender, agency, refusals, free_mail, first_at, last_at)
SELECT (recorded_at + 25200000) / 86400000, envelope_sender, MAX(agency), COUNT(*),
       SUM(CASE WHEN UPPER(reason_codes) LIKE '%FREEMAIL%' OR UPPER(reason_codes) LIKE '%DAKNONG-2012 ART 9.4%'
                  OR UPPER(reason_codes) LIKE '%CANTHO-2005 ART 8.5%' OR UPPER(reason_codes) LIKE '%SONLA-2005 ART 10%'
                THEN 1 ELSE 0 END),
       MIN(recorded_at), MAX(recorded_at)
FROM audit_record WHERE kind = 'MESSAGE' AND outcome = 'REFUSED' GROUP BY 1, 2;

-- Indexes no query uses any more (the reports read the counters; file types are found by free text; records
-- are found by id, not queue id): each costs every append a B-tree insert.
DROP INDEX audit_record_stats;
DROP INDEX audit_record_refusals;
DROP INDEX audit_record_outcome_time;
DROP INDEX audit_record_filetype_time;
DROP INDEX audit_record_queue;
