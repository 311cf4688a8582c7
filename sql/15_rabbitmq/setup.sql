-- Input of recipe 15: twelve orders published to the RabbitMQ topic exchange recipe15-shop by
-- the pack's rabbitmq sink, one message each (raw bytes, a message id, a routing key). Nine are
-- valid orders, three are malformed.
SET 'table.dml-sync' = 'true';

-- The dead-letter queue: a queue bound to the fanout exchange recipe15-dlx. Planning a query on a
-- table with 'queue.declare' declares exchange, queue and binding (EXPLAIN plans without running).
CREATE TABLE dead_orders (
  body       STRING,
  message_id STRING METADATA FROM 'message-id' VIRTUAL
) WITH (
  'connector' = 'rabbitmq',
  'uri' = '${rabbitmq.uri}',
  'queue' = 'recipe15-orders-dead', 'queue.declare' = 'true',
  'exchange' = 'recipe15-dlx', 'exchange.type' = 'fanout', 'binding-keys' = '#',
  'format' = 'raw',
  'scan.bounded.idle-timeout' = '5 s'
);
EXPLAIN SELECT * FROM dead_orders;

-- The orders queue, bound to recipe15-shop for 'order.*', its dead-letter exchange recipe15-dlx.
CREATE TABLE orders (
  order_id    STRING,
  amount      DECIMAL(10, 2),
  ts          TIMESTAMP(3),
  routing_key STRING METADATA FROM 'routing-key' VIRTUAL,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH (
  'connector' = 'rabbitmq',
  'uri' = '${rabbitmq.uri}',
  'queue' = 'recipe15-orders', 'queue.declare' = 'true',
  'exchange' = 'recipe15-shop', 'binding-keys' = 'order.*',
  'queue.dead-letter-exchange' = 'recipe15-dlx',   -- unparsable orders are rejected to it
  'format' = 'json',
  'delivery.guarantee' = 'exactly-once',
  'scan.bounded.idle-timeout' = '5 s'               -- a recipe must end; drop it for a live job
);
EXPLAIN SELECT * FROM orders;

-- The publisher: raw bytes, so malformed orders can be sent too; persistent, publisher confirms.
CREATE TABLE shop_publisher (
  body STRING,
  rk   STRING METADATA FROM 'routing-key',
  id   STRING METADATA FROM 'message-id'
) WITH (
  'connector' = 'rabbitmq',
  'uri' = '${rabbitmq.uri}',
  'exchange' = 'recipe15-shop',
  'format' = 'raw'
);

-- One writer, literal-only VALUES: the orders are published in the order listed (sql/README.md).
SET 'parallelism.default' = '1';
INSERT INTO shop_publisher VALUES
  ('{"order_id":"o1","amount":10.00,"ts":"2026-03-01 10:00:05"}', 'order.eu', 'o1'),
  ('{"order_id":"o2","amount":25.50,"ts":"2026-03-01 10:00:40"}', 'order.us', 'o2'),
  ('{"order_id":"o3","amount":4.50,"ts":"2026-03-01 10:00:59.999"}', 'order.eu', 'o3'),
  ('{"order_id":"o4","amount":100.00,"ts":"2026-03-01 10:01:00"}', 'order.eu', 'o4'),
  ('{"order_id":"o5","amount":1,"ts":"2026-03-01 10:01:30"', 'order.eu', 'o5-truncated'),
  ('{"order_id":"o6","amount":"a lot","ts":"2026-03-01 10:01:31"}', 'order.us', 'o6-bad-amount'),
  ('{"order_id":"o7","amount":7.25,"ts":"2026-03-01 10:01:45"}', 'order.us', 'o7'),
  ('not an order at all', 'order.eu', 'o8-not-json'),
  ('{"order_id":"o9","amount":0.75,"ts":"2026-03-01 10:02:10"}', 'order.eu', 'o9'),
  ('{"order_id":"o10","amount":3.00,"ts":"2026-03-01 10:02:20"}', 'order.us', 'o10'),
  ('{"order_id":"o11","amount":9.99,"ts":"2026-03-01 10:02:59"}', 'order.eu', 'o11'),
  ('{"order_id":"o12","amount":50.00,"ts":"2026-03-01 10:04:00"}', 'order.eu', 'o12');
