-- Reports read many rows: covering indexes let them count from the index alone instead of fetching each
-- (wide) record. Statistics per agency (tuyenquang-2013 Art 13) and repeat violators (cantho-2005 Art 10.2).
CREATE INDEX audit_record_stats ON audit_record (recorded_at, agency, kind, outcome, verdict);
CREATE INDEX audit_record_refusals ON audit_record (kind, outcome, recorded_at, envelope_sender, agency);
