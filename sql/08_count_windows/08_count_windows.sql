-- Count windows with a timeout: per device, a window closes after 3 taps or after 5 minutes
-- without a tap, whichever comes first; one output row per window.

-- Flink 2.0 SQL has no count windows, and its process table functions have no timers. The
-- design: number each tap within its device's session (a session ends after 5 quiet minutes),
-- then close full windows with an OVER aggregation at every 3rd tap, and the last, partial
-- window of a session with a SESSION window when the 5 minutes have passed.

-- 1. Does this tap start a new session (first tap, or 5 minutes since the previous one)?
CREATE VIEW marked AS
SELECT device, ts,
       CASE WHEN LAG(ts) OVER w IS NULL OR ts >= TIMESTAMPADD(MINUTE, 5, LAG(ts) OVER w) THEN 1 ELSE 0 END AS new_session
FROM taps
WINDOW w AS (PARTITION BY device ORDER BY ts);

-- 2. The session's number, and the tap's position in it.
CREATE VIEW numbered AS
SELECT device, ts, SUM(new_session) OVER (PARTITION BY device ORDER BY ts) AS session_no
FROM marked;

CREATE VIEW positioned AS
SELECT device, ts, session_no, COUNT(*) OVER (PARTITION BY device, session_no ORDER BY ts) AS pos
FROM numbered;

-- 3. Full windows close at taps 3, 6, 9... of a session (as soon as the watermark passes the
--    tap); partial windows close with the session, 5 minutes after their last tap.
SELECT 'count' AS closed_by, device, CAST(first_tap AS TIMESTAMP(3)) AS first_tap, last_tap, taps
FROM (
  SELECT device, pos, MIN(ts) OVER last3 AS first_tap, CAST(ts AS TIMESTAMP(3)) AS last_tap, COUNT(*) OVER last3 AS taps
  FROM positioned
  WINDOW last3 AS (PARTITION BY device, session_no ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)
)
WHERE MOD(pos, 3) = 0
UNION ALL
SELECT 'timeout', device, CAST(MIN(ts) AS TIMESTAMP(3)), CAST(MAX(ts) AS TIMESTAMP(3)), COUNT(*)
FROM TABLE(SESSION(TABLE positioned PARTITION BY device, DESCRIPTOR(ts), INTERVAL '5' MINUTE))
GROUP BY device, window_start, window_end, (pos - 1) / 3
HAVING COUNT(*) < 3;
