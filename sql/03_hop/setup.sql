-- Input of recipe 03: seventeen clicks over two hours, in arrival order (one partition).
SET 'table.dml-sync' = 'true';
SET 'parallelism.default' = '1';  -- one writer: the input reaches Kafka in the order written

CREATE TABLE clicks (
  user_id STRING,
  ts      TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '2' MINUTE
) WITH (
  'connector' = 'kafka',
  'topic' = 'recipe03-clicks',
  'properties.bootstrap.servers' = '${kafka.bootstrap}',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = 'latest-offset',
  'scan.watermark.emit.strategy' = 'on-event',
  'format' = 'json'
);

INSERT INTO clicks VALUES
  ('u1', TIMESTAMP '2026-03-01 09:01:00'),
  ('u2', TIMESTAMP '2026-03-01 09:02:00'),
  ('u1', TIMESTAMP '2026-03-01 09:12:00'),
  ('u3', TIMESTAMP '2026-03-01 09:14:00'),
  ('u2', TIMESTAMP '2026-03-01 09:16:00'),
  ('u4', TIMESTAMP '2026-03-01 09:13:00'),  -- out of order, within the 2-minute bound
  ('u1', TIMESTAMP '2026-03-01 09:31:00'),
  ('u5', TIMESTAMP '2026-03-01 09:47:00'),
  ('u5', TIMESTAMP '2026-03-01 09:48:00'),
  ('u2', TIMESTAMP '2026-03-01 10:03:00'),
  ('u1', TIMESTAMP '2026-03-01 10:21:00'),
  ('u3', TIMESTAMP '2026-03-01 10:22:00'),
  ('u4', TIMESTAMP '2026-03-01 10:24:00'),
  ('u5', TIMESTAMP '2026-03-01 10:26:00'),
  ('u6', TIMESTAMP '2026-03-01 10:27:00'),
  ('u2', TIMESTAMP '2026-03-01 10:29:00'),
  ('u7', TIMESTAMP '2026-03-01 10:55:00');
