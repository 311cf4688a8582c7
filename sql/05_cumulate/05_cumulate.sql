-- CUMULATE: running totals within a day; TIME_SLICES: a session across midnight, split per day.

-- Views so far today, updated every hour: windows [00:00, 10:00), [00:00, 11:00), ... of the
-- same day. (Only the first four hours with data are shown; the rest repeat the total.)
SELECT window_start, window_end, COUNT(*) AS views_so_far
FROM TABLE(CUMULATE(TABLE page_views, DESCRIPTOR(ts), INTERVAL '1' HOUR, INTERVAL '1' DAY))
GROUP BY window_start, window_end
HAVING window_end <= TIMESTAMP '2026-03-01 13:00:00';

-- A session that crosses midnight belongs to two days. TIME_SLICES cuts it at day boundaries.
SELECT user_id, s.slice_start, s.slice_end, s.seconds
FROM sessions, LATERAL TABLE(TIME_SLICES(start_ts, end_ts, INTERVAL '1' DAY)) AS s;

-- Seconds of use per day.
SELECT CAST(s.slice_start AS DATE) AS day_, SUM(s.seconds) AS seconds
FROM sessions, LATERAL TABLE(TIME_SLICES(start_ts, end_ts, INTERVAL '1' DAY)) AS s
GROUP BY CAST(s.slice_start AS DATE);
