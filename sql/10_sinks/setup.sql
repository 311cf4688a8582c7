-- Input of recipe 10: eight orders in arrival order, and the three sinks.
SET 'table.dml-sync' = 'true';
SET 'parallelism.default' = '1';  -- one writer: the input reaches Kafka in the order written

CREATE TABLE orders (
  order_id INT,
  customer STRING,
  amount   DECIMAL(10, 2),
  ts       TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'recipe10-orders',
  'properties.bootstrap.servers' = '${kafka.bootstrap}',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = 'latest-offset',
  'scan.watermark.emit.strategy' = 'on-event',
  'format' = 'json'
);

INSERT INTO orders VALUES
  (1, 'alice', 10.00,  TIMESTAMP '2026-03-01 09:05:00'),
  (2, 'bob',   20.00,  TIMESTAMP '2026-03-01 09:10:00'),
  (3, 'alice',  5.50,  TIMESTAMP '2026-03-01 09:50:00'),
  (4, 'carol',  7.25,  TIMESTAMP '2026-03-01 09:59:58'),
  (5, 'bob',   12.00,  TIMESTAMP '2026-03-01 10:00:02'),
  (6, 'alice',  3.00,  TIMESTAMP '2026-03-01 09:59:59'),  -- 3 s out of order, within the 5 s bound
  (7, 'carol', 100.00, TIMESTAMP '2026-03-01 10:30:00'),
  (8, 'alice',  1.25,  TIMESTAMP '2026-03-01 10:45:00');

-- Sink 1: Kafka, exactly once. Records are written in Kafka transactions that commit when a
-- checkpoint completes; a reader with isolation level read_committed sees only committed data.
CREATE TABLE hourly_revenue_kafka (
  window_start TIMESTAMP(3),
  customer     STRING,
  orders       BIGINT,
  revenue      DECIMAL(12, 2)
) WITH (
  'connector' = 'kafka',
  'topic' = 'recipe10-hourly-revenue',
  'properties.bootstrap.servers' = '${kafka.bootstrap}',
  'format' = 'json',
  'sink.delivery-guarantee' = 'exactly-once',
  'sink.transactional-id-prefix' = 'recipe10-hourly-revenue',
  'properties.transaction.timeout.ms' = '600000',
  'properties.isolation.level' = 'read_committed',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = 'latest-offset'
);

-- Sink 2: Iceberg tables in the catalog 'lake' (created by init.sql, under the state directory).
CREATE DATABASE IF NOT EXISTS lake.recipes;
DROP TABLE IF EXISTS lake.recipes.orders_raw;
DROP TABLE IF EXISTS lake.recipes.hourly_revenue;
CREATE TABLE lake.recipes.orders_raw (order_id INT, customer STRING, amount DECIMAL(10, 2), ts TIMESTAMP(3));
CREATE TABLE lake.recipes.hourly_revenue (window_start TIMESTAMP(3), customer STRING, orders BIGINT, revenue DECIMAL(12, 2));

-- Sink 3: PostgreSQL, upserts keyed by customer.
CREATE TABLE customer_totals_pg (
  customer STRING,
  orders   BIGINT,
  revenue  DECIMAL(12, 2),
  PRIMARY KEY (customer) NOT ENFORCED
) WITH (
  'connector' = 'jdbc',
  'url' = 'jdbc:postgresql://${postgres.address}/sqlpack',
  'table-name' = 'recipe10_customer_totals',
  'username' = 'sqlpack',
  'password' = ''
);
