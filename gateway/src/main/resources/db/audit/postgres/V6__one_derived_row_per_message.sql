-- PostgreSQL part of version 6: recipient rows of MESSAGE records only (the documents' rows are their message's).
DELETE FROM audit_recipient WHERE record_id IN (SELECT id FROM audit_record WHERE kind = 'DOCUMENT');
