-- Input of recipe 05: page views during one morning, and three sessions, one across midnight.
SET 'table.dml-sync' = 'true';
SET 'parallelism.default' = '1';  -- one writer: the input reaches Kafka in the order written

CREATE TABLE page_views (
  page STRING,
  ts   TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '1' MINUTE
) WITH (
  'connector' = 'kafka',
  'topic' = 'recipe05-views',
  'properties.bootstrap.servers' = '${kafka.bootstrap}',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = 'latest-offset',
  'format' = 'json'
);

INSERT INTO page_views VALUES
  ('/home',    TIMESTAMP '2026-03-01 09:10:00'),
  ('/product', TIMESTAMP '2026-03-01 09:40:00'),
  ('/home',    TIMESTAMP '2026-03-01 10:05:00'),
  ('/cart',    TIMESTAMP '2026-03-01 11:30:00');

CREATE VIEW sessions AS
SELECT * FROM (VALUES
  ('u1', TIMESTAMP '2026-03-01 23:30:00', TIMESTAMP '2026-03-02 00:45:00'),
  ('u2', TIMESTAMP '2026-03-01 10:00:00', TIMESTAMP '2026-03-01 10:20:00'),
  ('u3', TIMESTAMP '2026-03-02 00:10:00', TIMESTAMP '2026-03-02 01:00:00')
) AS t (user_id, start_ts, end_ts);
