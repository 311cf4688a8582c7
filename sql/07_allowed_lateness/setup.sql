-- Input of recipe 07: six events in arrival order; the watermark is the newest event time.
SET 'table.dml-sync' = 'true';
SET 'parallelism.default' = '1';  -- one writer: the input reaches Kafka in the order written

CREATE TABLE events (
  id INT,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts
) WITH (
  'connector' = 'kafka',
  'topic' = 'recipe07-events',
  'properties.bootstrap.servers' = '${kafka.bootstrap}',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = 'latest-offset',
  'scan.watermark.emit.strategy' = 'on-event',
  'format' = 'json'
);

INSERT INTO events VALUES
  (1, TIMESTAMP '2026-03-01 10:00:10'),
  (2, TIMESTAMP '2026-03-01 10:00:40'),
  (3, TIMESTAMP '2026-03-01 10:01:05'),  -- watermark 10:01:05: minute 10:00 looks complete
  (4, TIMESTAMP '2026-03-01 10:00:50'),  -- 15 s late: accepted, minute 10:00 is corrected to 3
  (5, TIMESTAMP '2026-03-01 10:15:00'),  -- watermark 10:15
  (6, TIMESTAMP '2026-03-01 10:01:30');  -- 13.5 minutes late: beyond the 10 allowed, rejected

-- The upsert sink: PostgreSQL table recipe07_minute_counts, keyed by minute.
CREATE TABLE minute_counts_pg (
  minute_start TIMESTAMP(3),
  events BIGINT,
  PRIMARY KEY (minute_start) NOT ENFORCED
) WITH (
  'connector' = 'jdbc',
  'url' = 'jdbc:postgresql://${postgres.address}/sqlpack',
  'table-name' = 'recipe07_minute_counts',
  'username' = 'sqlpack',
  'password' = ''                       -- the local stack trusts loopback connections
);
