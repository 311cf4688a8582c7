-- Late data, nothing lost: events behind the watermark go to late_events instead of vanishing.

SET 'table.dml-sync' = 'true';

-- What a plain window aggregation does: 200 late events are dropped without a trace.
SELECT COUNT(*) AS windows, SUM(n) AS counted
FROM (SELECT COUNT(*) AS n FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
      GROUP BY window_start, window_end);

-- An event is late when the one-minute window it belongs to has already fired, which Flink
-- does once the watermark reaches the window's end minus 1 ms. Deciding it here, once, sends
-- each event to exactly one place. CURRENT_WATERMARK is NULL before the first watermark.
CREATE VIEW classified AS
SELECT id, ts,
       COALESCE(TIMESTAMPADD(MINUTE, 1, FLOOR(ts TO MINUTE)) <= CURRENT_WATERMARK(ts) + INTERVAL '0.001' SECOND,
                FALSE) AS is_late
FROM events;

CREATE VIEW on_time AS SELECT id, ts FROM classified WHERE NOT is_late;

CREATE TABLE minute_counts (
  window_start TIMESTAMP(3), window_end TIMESTAMP(3), events BIGINT, ids ARRAY<BIGINT>
) WITH ('connector' = 'kafka', 'topic' = 'recipe06-minute-counts',
        'properties.bootstrap.servers' = '${kafka.bootstrap}', 'format' = 'json',
        'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset');

CREATE TABLE late_events (id BIGINT, ts TIMESTAMP(3), watermark_at_arrival TIMESTAMP(3))
WITH ('connector' = 'kafka', 'topic' = 'recipe06-late-events',
      'properties.bootstrap.servers' = '${kafka.bootstrap}', 'format' = 'json',
      'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset');

-- One job, two outputs.
EXECUTE STATEMENT SET BEGIN
  INSERT INTO minute_counts
  SELECT window_start, window_end, COUNT(*), ARRAY_AGG(id)
  FROM TABLE(TUMBLE(TABLE on_time, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
  GROUP BY window_start, window_end;
  INSERT INTO late_events SELECT id, ts, CURRENT_WATERMARK(ts) FROM classified WHERE is_late;
END;

-- The windows and the late events.
SELECT COUNT(*) AS windows, SUM(events) AS counted FROM minute_counts;
SELECT COUNT(*) AS late, SUM(id) AS sum_of_ids, MIN(id) AS first_id, MAX(id) AS last_id FROM late_events;

-- The invariant: every id in exactly one window result or in late_events, never both, never neither.
SELECT COUNT(*) AS ids, SUM(CASE WHEN n = 1 THEN 1 ELSE 0 END) AS exactly_once, MAX(n) AS most_places
FROM (SELECT id, COUNT(*) AS n
      FROM (SELECT t.id FROM minute_counts CROSS JOIN UNNEST(ids) AS t (id)
            UNION ALL
            SELECT id FROM late_events)
      GROUP BY id);

-- The same at parallelism 2, reading two partitions: each source subtask has its own watermark
-- and the window operator follows the smaller one, so which events are late now depends on how
-- the partitions interleave. The routing stays exact (see README.md).
SET 'parallelism.default' = '2';
CREATE VIEW classified_p2 AS
SELECT id, ts,
       COALESCE(TIMESTAMPADD(MINUTE, 1, FLOOR(ts TO MINUTE)) <= CURRENT_WATERMARK(ts) + INTERVAL '0.001' SECOND,
                FALSE) AS is_late
FROM events_p2;
CREATE VIEW on_time_p2 AS SELECT id, ts FROM classified_p2 WHERE NOT is_late;
CREATE TABLE minute_counts_p2 WITH ('topic' = 'recipe06-minute-counts-p2') LIKE minute_counts;
CREATE TABLE late_events_p2 WITH ('topic' = 'recipe06-late-events-p2') LIKE late_events;
EXECUTE STATEMENT SET BEGIN
  INSERT INTO minute_counts_p2
  SELECT window_start, window_end, COUNT(*), ARRAY_AGG(id)
  FROM TABLE(TUMBLE(TABLE on_time_p2, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
  GROUP BY window_start, window_end;
  INSERT INTO late_events_p2 SELECT id, ts, CURRENT_WATERMARK(ts) FROM classified_p2 WHERE is_late;
END;
SET 'parallelism.default' = '1';

SELECT COUNT(*) AS ids, SUM(CASE WHEN n = 1 THEN 1 ELSE 0 END) AS exactly_once, MAX(n) AS most_places
FROM (SELECT id, COUNT(*) AS n
      FROM (SELECT t.id FROM minute_counts_p2 CROSS JOIN UNNEST(ids) AS t (id)
            UNION ALL
            SELECT id FROM late_events_p2)
      GROUP BY id);
