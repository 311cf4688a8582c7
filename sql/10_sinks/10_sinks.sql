-- Sinks: exactly-once Kafka, Iceberg (and a batch backfill that matches), PostgreSQL upserts.

SET 'table.dml-sync' = 'true';
-- Kafka transactions and Iceberg commits happen on checkpoints.
SET 'execution.checkpointing.interval' = '2 s';

CREATE VIEW hourly_revenue AS
SELECT window_start, customer, COUNT(*) AS orders, SUM(amount) AS revenue
FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '1' HOUR))
GROUP BY window_start, window_end, customer;

-- One streaming job, four sinks.
EXECUTE STATEMENT SET BEGIN
  INSERT INTO hourly_revenue_kafka SELECT * FROM hourly_revenue;
  INSERT INTO lake.recipes.hourly_revenue SELECT * FROM hourly_revenue;
  INSERT INTO lake.recipes.orders_raw SELECT order_id, customer, amount, ts FROM orders;
  INSERT INTO customer_totals_pg
  SELECT customer, COUNT(*), SUM(amount) FROM orders GROUP BY customer;
END;

-- 1. Kafka, read back with isolation.level = read_committed.
SELECT window_start, customer, orders, revenue FROM hourly_revenue_kafka;

-- 2. Iceberg: the streaming result, then the Kappa backfill. The same aggregate recomputed in
--    batch mode from the raw events in Iceberg must equal what the stream produced.
SET 'execution.runtime-mode' = 'batch';
SELECT window_start, customer, orders, revenue FROM lake.recipes.hourly_revenue;

SELECT COUNT(*) AS windows,
       SUM(CASE WHEN s.orders = b.orders AND s.revenue = b.revenue THEN 1 ELSE 0 END) AS equal
FROM (SELECT FLOOR(ts TO HOUR) AS window_start, customer, COUNT(*) AS orders, SUM(amount) AS revenue
      FROM lake.recipes.orders_raw
      GROUP BY FLOOR(ts TO HOUR), customer) AS b
FULL OUTER JOIN lake.recipes.hourly_revenue AS s
  ON s.window_start = b.window_start AND s.customer = b.customer;

-- 3. PostgreSQL: one row per customer, last value wins.
SELECT customer, orders, revenue FROM customer_totals_pg;
SET 'execution.runtime-mode' = 'streaming';
