-- RabbitMQ to Kafka: revenue per minute (TUMBLE) from the orders on a RabbitMQ queue into an
-- exactly-once Kafka topic; the malformed orders are in the queue's dead-letter queue, bytes
-- unchanged. Tables orders and dead_orders are created (and their queues declared) in setup.sql.

SET 'table.dml-sync' = 'true';
SET 'execution.checkpointing.interval' = '1 s';  -- acknowledgements and Kafka commits ride on checkpoints

CREATE TABLE revenue_per_minute (
  window_start TIMESTAMP(3),
  window_end   TIMESTAMP(3),
  orders       BIGINT,
  revenue      DECIMAL(12, 2)
) WITH (
  'connector' = 'kafka', 'topic' = 'recipe15-revenue', 'properties.bootstrap.servers' = '${kafka.bootstrap}',
  'format' = 'json', 'sink.delivery-guarantee' = 'exactly-once', 'sink.transactional-id-prefix' = 'recipe15',
  'properties.isolation.level' = 'read_committed',
  'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset'
);

INSERT INTO revenue_per_minute
SELECT window_start, window_end, COUNT(*), SUM(amount)
FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end;

SELECT window_start, window_end, orders, revenue FROM revenue_per_minute;

-- What the connector rejected, as RabbitMQ dead-lettered it (reading a queue consumes it: read once).
SELECT message_id, body FROM dead_orders;
