-- Live events: top songs per minute (APPROX_TOP_K) and latency percentiles (APPROX_PERCENTILE).

-- The three most played songs per minute, with their estimated counts.
SELECT window_start, t.item, t.estimate
FROM (
  SELECT window_start, APPROX_TOP_K(song, 3) AS top
  FROM TABLE(TUMBLE(TABLE plays, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
  GROUP BY window_start, window_end
) CROSS JOIN UNNEST(top) AS t (item, estimate);

-- The same, exactly, for comparison: counts per song, ranked.
SELECT window_start, song, plays
FROM (
  SELECT *, ROW_NUMBER() OVER (PARTITION BY window_start ORDER BY plays DESC, song) AS rn
  FROM (SELECT window_start, song, COUNT(*) AS plays
        FROM TABLE(TUMBLE(TABLE plays, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
        GROUP BY window_start, window_end, song))
WHERE rn <= 3;

-- Latency percentiles from a quantile sketch, checked against the exact values of this input
-- (each minute holds 0..999 ms three times: median 499.5, 99th percentile 989.5) with a
-- tolerance of 30 ms, twice the sketch's stated rank error (1.65 % of the 1000 ms range).
SELECT window_start,
       ABS(APPROX_PERCENTILE(latency_ms, 0.5) - 499.5) <= 30 AS p50_within_bound,
       ABS(APPROX_PERCENTILE(latency_ms, 0.99) - 989.5) <= 30 AS p99_within_bound,
       COUNT(*) AS plays
FROM TABLE(TUMBLE(TABLE plays, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end;
