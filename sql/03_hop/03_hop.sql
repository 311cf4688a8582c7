-- HOP: 10-minute windows every 5 minutes, and the peak 10 minutes of each hour.

-- Every 10-minute window that saw a click. Windows overlap, so each click counts twice.
SELECT window_start, window_end, COUNT(*) AS clicks
FROM TABLE(HOP(TABLE clicks, DESCRIPTOR(ts), INTERVAL '5' MINUTE, INTERVAL '10' MINUTE))
GROUP BY window_start, window_end;

-- The busiest 10 minutes of each hour: the windows that lie inside the hour, ranked by clicks
-- (earliest first on a tie). This Top-N is an updating result: a better window replaces the
-- hour's leader as windows close; the final table has one row per hour.
SELECT hour_start, window_start, window_end, clicks
FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY hour_start ORDER BY clicks DESC, window_start) AS rn
  FROM (
    SELECT FLOOR(window_start TO HOUR) AS hour_start, window_start, window_end, COUNT(*) AS clicks
    FROM TABLE(HOP(TABLE clicks, DESCRIPTOR(ts), INTERVAL '5' MINUTE, INTERVAL '10' MINUTE))
    GROUP BY window_start, window_end
    HAVING MINUTE(window_start) <= 50
  )
)
WHERE rn = 1;
