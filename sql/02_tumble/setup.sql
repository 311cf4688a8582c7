-- Input of recipe 02: eleven clicks written to Kafka in arrival order (one partition).
-- Event time is in the payload; arrival order differs from event-time order on purpose.
SET 'table.dml-sync' = 'true';
SET 'parallelism.default' = '1';  -- one writer: the input reaches Kafka in the order written

CREATE TABLE clicks (
  user_id STRING,
  url     STRING,
  ts      TIMESTAMP(3),
  -- events may arrive up to 1 minute out of order
  WATERMARK FOR ts AS ts - INTERVAL '1' MINUTE
) WITH (
  'connector' = 'kafka',
  'topic' = 'recipe02-clicks',
  'properties.bootstrap.servers' = '${kafka.bootstrap}',
  'scan.startup.mode' = 'earliest-offset',
  -- read what is there and finish, so the recipe ends (drop this line for a live job)
  'scan.bounded.mode' = 'latest-offset',
  -- a watermark after every event, so the late event below is late every time
  'scan.watermark.emit.strategy' = 'on-event',
  'format' = 'json'
);

INSERT INTO clicks VALUES
  ('alice', '/home',    TIMESTAMP '2026-03-01 09:05:00'),
  ('bob',   '/home',    TIMESTAMP '2026-03-01 09:20:00'),
  ('alice', '/product', TIMESTAMP '2026-03-01 09:40:00'),
  ('carol', '/home',    TIMESTAMP '2026-03-01 09:58:00'),
  ('bob',   '/product', TIMESTAMP '2026-03-01 10:01:00'),  -- watermark 10:00: the 09:00 hour closes
  ('dave',  '/home',    TIMESTAMP '2026-03-01 09:59:30'),  -- late: its hour has closed
  ('alice', '/home',    TIMESTAMP '2026-03-01 10:15:00'),
  ('carol', '/product', TIMESTAMP '2026-03-01 10:50:00'),
  ('bob',   '/home',    TIMESTAMP '2026-03-01 10:30:00'),  -- out of order, but its hour is open
  ('dave',  '/home',    TIMESTAMP '2026-03-01 11:10:00'),  -- watermark 11:09: the 10:00 hour closes
  ('alice', '/product', TIMESTAMP '2026-03-01 11:20:00');  -- end of input closes 11:00
