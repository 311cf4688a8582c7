-- Input of recipe 11: eight card transactions in arrival order.
SET 'table.dml-sync' = 'true';
SET 'parallelism.default' = '1';  -- one writer: the input reaches Kafka in the order written

CREATE TABLE transactions (
  card   STRING,
  amount DOUBLE,
  lat    DOUBLE,
  lon    DOUBLE,
  ts     TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '30' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'recipe11-transactions',
  'properties.bootstrap.servers' = '${kafka.bootstrap}',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = 'latest-offset',
  'format' = 'json'
);

INSERT INTO transactions VALUES
  ('4111 1111 1111 1111',  20.00, 48.8566,   2.3522, TIMESTAMP '2026-03-01 10:00:00'),  -- Paris
  ('4111 1111 1111 1111',  35.00, 51.5074,  -0.1278, TIMESTAMP '2026-03-01 10:30:00'),  -- London
  ('4111 1111 1111 1111', 900.00, 40.7128, -74.0060, TIMESTAMP '2026-03-01 10:45:00'),  -- New York
  ('4111 1111 1111 1112',  15.00, 40.4168,  -3.7038, TIMESTAMP '2026-03-01 11:00:00'),  -- Madrid, bad check digit
  ('5500 0055 5555 5559',   9.99, 52.5200,  13.4050, TIMESTAMP '2026-03-01 12:00:00'),  -- Berlin
  ('5500 0055 5555 5559',   9.99, 52.5200,  13.4050, TIMESTAMP '2026-03-01 12:01:00'),
  ('5500 0055 5555 5559',   9.99, 52.5200,  13.4050, TIMESTAMP '2026-03-01 12:01:30'),
  ('5500 0055 5555 5559',   9.99, 52.5200,  13.4050, TIMESTAMP '2026-03-01 12:02:30');
