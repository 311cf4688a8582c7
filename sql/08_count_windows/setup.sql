-- Input of recipe 08: taps of three devices, in time order.
SET 'table.dml-sync' = 'true';
SET 'parallelism.default' = '1';  -- one writer: the input reaches Kafka in the order written

CREATE TABLE taps (
  device STRING,
  ts     TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '10' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'recipe08-taps',
  'properties.bootstrap.servers' = '${kafka.bootstrap}',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = 'latest-offset',
  'format' = 'json'
);

INSERT INTO taps VALUES
  ('d1', TIMESTAMP '2026-03-01 10:00:00'),
  ('d2', TIMESTAMP '2026-03-01 10:00:30'),
  ('d1', TIMESTAMP '2026-03-01 10:01:00'),
  ('d1', TIMESTAMP '2026-03-01 10:02:00'),   -- d1's third tap: a full window
  ('d1', TIMESTAMP '2026-03-01 10:03:00'),
  ('d1', TIMESTAMP '2026-03-01 10:04:00'),   -- then d1 is quiet for 16 minutes: timeout
  ('d3', TIMESTAMP '2026-03-01 10:10:00'),
  ('d3', TIMESTAMP '2026-03-01 10:11:00'),
  ('d3', TIMESTAMP '2026-03-01 10:12:00'),   -- d3: a full window
  ('d1', TIMESTAMP '2026-03-01 10:20:00'),
  ('d1', TIMESTAMP '2026-03-01 10:21:00'),
  ('d1', TIMESTAMP '2026-03-01 10:22:00'),   -- d1: a full window in its second session
  ('d1', TIMESTAMP '2026-03-01 10:23:00');   -- and one more tap, then the input ends
