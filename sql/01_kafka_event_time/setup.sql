-- Input of recipe 01: six clicks on one partition. Each Kafka record also carries a record
-- timestamp (when it was "produced"), set here explicitly so the recipe is repeatable:
-- 09:00:05, 09:00:10, ..., 09:00:30 UTC. Event time (ts) is in the payload and may differ.
SET 'table.dml-sync' = 'true';

CREATE TABLE clicks_writer (
  user_id  STRING,
  ts       TIMESTAMP(3),
  kafka_ts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp'   -- not in the JSON payload
) WITH (
  'connector' = 'kafka',
  'topic' = 'recipe01-clicks',
  'properties.bootstrap.servers' = '${kafka.bootstrap}',
  'format' = 'json'
);

-- 1772355600000 ms = 2026-03-01 09:00:00 UTC. The offsets are part of the expected output, so the
-- rows are written in the listed order: parallelism 1 and a VALUES list of literals only (an
-- expression such as TO_TIMESTAMP_LTZ inside VALUES makes Flink plan a UNION ALL of one-row
-- sources, which reach Kafka in no fixed order), converted after VALUES.
SET 'parallelism.default' = '1';
INSERT INTO clicks_writer
SELECT user_id, ts, TO_TIMESTAMP_LTZ(kafka_ms, 3) FROM (VALUES
  ('ann', TIMESTAMP '2026-03-01 08:59:58', 1772355605000),
  ('ben', TIMESTAMP '2026-03-01 09:00:07', 1772355610000),
  ('ann', TIMESTAMP '2026-03-01 09:00:03', 1772355615000),  -- out of order
  ('cat', TIMESTAMP '2026-03-01 09:00:18', 1772355620000),
  ('ben', TIMESTAMP '2026-03-01 09:00:21', 1772355625000),
  ('cat', TIMESTAMP '2026-03-01 09:00:29', 1772355630000)
) AS t (user_id, ts, kafka_ms);
