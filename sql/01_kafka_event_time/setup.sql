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
  'properties.bootstrap.servers' = '127.0.0.1:9092',
  'format' = 'json'
);

-- 1772355600000 ms = 2026-03-01 09:00:00 UTC
INSERT INTO clicks_writer VALUES
  ('ann', TIMESTAMP '2026-03-01 08:59:58', TO_TIMESTAMP_LTZ(1772355605000, 3)),
  ('ben', TIMESTAMP '2026-03-01 09:00:07', TO_TIMESTAMP_LTZ(1772355610000, 3)),
  ('ann', TIMESTAMP '2026-03-01 09:00:03', TO_TIMESTAMP_LTZ(1772355615000, 3)),  -- out of order
  ('cat', TIMESTAMP '2026-03-01 09:00:18', TO_TIMESTAMP_LTZ(1772355620000, 3)),
  ('ben', TIMESTAMP '2026-03-01 09:00:21', TO_TIMESTAMP_LTZ(1772355625000, 3)),
  ('cat', TIMESTAMP '2026-03-01 09:00:29', TO_TIMESTAMP_LTZ(1772355630000, 3));
