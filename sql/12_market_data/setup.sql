-- Input of recipe 12: eight trades in arrival order; two arrive out of order within a second.
SET 'table.dml-sync' = 'true';
SET 'parallelism.default' = '1';  -- one writer: the input reaches Kafka in the order written

CREATE TABLE trades (
  symbol STRING,
  price  DECIMAL(10, 2),
  qty    INT,
  ts     TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '2' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'recipe12-trades',
  'properties.bootstrap.servers' = '${kafka.bootstrap}',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = 'latest-offset',
  'format' = 'json'
);

INSERT INTO trades VALUES
  ('AAPL', 100.00, 10, TIMESTAMP '2026-03-02 10:00:00.100'),
  ('MSFT',  50.00, 100, TIMESTAMP '2026-03-02 10:00:00.300'),
  ('AAPL', 101.00,  5, TIMESTAMP '2026-03-02 10:00:00.900'),
  ('AAPL',  99.50, 20, TIMESTAMP '2026-03-02 10:00:00.400'),  -- out of order
  ('MSFT',  50.20, 100, TIMESTAMP '2026-03-02 10:00:00.700'),
  ('AAPL', 100.50, 10, TIMESTAMP '2026-03-02 10:00:00.950'),
  ('AAPL', 100.80, 10, TIMESTAMP '2026-03-02 10:00:01.200'),
  ('AAPL', 100.60, 30, TIMESTAMP '2026-03-02 10:00:01.050');  -- out of order: it opens the second
