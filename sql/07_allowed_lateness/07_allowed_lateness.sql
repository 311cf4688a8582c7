-- Allowed lateness: accept events up to 10 minutes behind the watermark and correct the result.

SET 'table.dml-sync' = 'true';

-- Events more than 10 minutes behind the watermark are turned away (send them to a late topic
-- as in recipe 06 if you need them); everything else is accepted, however late.
CREATE VIEW accepted AS
SELECT id, ts FROM events
WHERE CURRENT_WATERMARK(ts) IS NULL OR ts >= CURRENT_WATERMARK(ts) - INTERVAL '10' MINUTE;

CREATE VIEW too_late AS
SELECT id, ts, CURRENT_WATERMARK(ts) AS watermark_at_arrival FROM events
WHERE ts < CURRENT_WATERMARK(ts) - INTERVAL '10' MINUTE;

-- A count per minute that updates when a late event arrives: every change is shown,
-- +I the first value of a minute, -U/+U a correction.
-- @changelog
SELECT FLOOR(ts TO MINUTE) AS minute_start, COUNT(*) AS events
FROM accepted
GROUP BY FLOOR(ts TO MINUTE);

-- The same result upserted into PostgreSQL: one row per minute, overwritten on each correction.
INSERT INTO minute_counts_pg
SELECT FLOOR(ts TO MINUTE), COUNT(*) FROM accepted GROUP BY FLOOR(ts TO MINUTE);

-- What PostgreSQL holds now (read back through the JDBC connector).
SELECT minute_start, events FROM minute_counts_pg;

-- The event that came too late.
SELECT id, ts, watermark_at_arrival FROM too_late;
