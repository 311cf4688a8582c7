-- Input of recipe 04: clicks of two users in arrival order; one arrives out of order.
SET 'table.dml-sync' = 'true';
SET 'parallelism.default' = '1';  -- one writer: the input reaches Kafka in the order written

CREATE TABLE clicks (
  user_id STRING,
  event   STRING,
  page    STRING,
  ts      TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '1' MINUTE
) WITH (
  'connector' = 'kafka',
  'topic' = 'recipe04-clicks',
  'properties.bootstrap.servers' = '${kafka.bootstrap}',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = 'latest-offset',
  'format' = 'json'
);

INSERT INTO clicks VALUES
  ('ann', 'view',     '/home',     TIMESTAMP '2026-03-01 10:00:00'),
  ('bob', 'cart',     '/cart',     TIMESTAMP '2026-03-01 10:00:05'),
  ('bob', 'view',     '/product',  TIMESTAMP '2026-03-01 10:00:10'),
  ('ann', 'cart',     '/cart',     TIMESTAMP '2026-03-01 10:00:30'),
  ('ann', 'view',     '/product',  TIMESTAMP '2026-03-01 10:00:20'),  -- out of order
  ('ann', 'checkout', '/checkout', TIMESTAMP '2026-03-01 10:01:00'),
  ('ann', 'view',     '/home',     TIMESTAMP '2026-03-01 10:10:00');  -- after a 9-minute gap
