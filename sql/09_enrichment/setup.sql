-- Input of recipe 09: 30 orders, two per second (so the job runs for about 15 s), for customers
-- c1, c2 and c9 in turn. c9 is not in PostgreSQL.
SET 'table.dml-sync' = 'true';

CREATE TABLE orders (
  seq         BIGINT,
  proc_time   AS PROCTIME()
) WITH (
  'connector' = 'datagen',
  'rows-per-second' = '2',
  'fields.seq.kind' = 'sequence', 'fields.seq.start' = '1', 'fields.seq.end' = '30'
);

-- The dimension, held in memory by the pack's side-input connector and re-read every second
-- (only when max(updated_at) changed).
CREATE TABLE customers (
  customer_id STRING,
  tier        STRING,
  updated_at  TIMESTAMP(3),
  PRIMARY KEY (customer_id) NOT ENFORCED
) WITH (
  'connector' = 'side-input',
  'source' = 'jdbc',
  'jdbc.url' = '${postgres.jdbc-url}',
  'jdbc.table' = 'recipe09_customers',
  'jdbc.version-query' = 'SELECT max(updated_at) FROM recipe09_customers',
  'refresh.interval' = '1s'
);

-- The same PostgreSQL table as a JDBC sink, so the recipe can update it from SQL mid-run.
CREATE TABLE customers_writer (
  customer_id STRING,
  tier        STRING,
  updated_at  TIMESTAMP(3),
  PRIMARY KEY (customer_id) NOT ENFORCED
) WITH (
  'connector' = 'jdbc',
  'url' = 'jdbc:postgresql://${postgres.address}/sqlpack',
  'table-name' = 'recipe09_customers',
  'username' = 'sqlpack', 'password' = '',
  'sink.buffer-flush.max-rows' = '1'
);

CREATE TABLE enriched_out (seq BIGINT, customer_id STRING, tier STRING) WITH (
  'connector' = 'kafka',
  'topic' = 'recipe09-enriched',
  'properties.bootstrap.servers' = '${kafka.bootstrap}',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = 'latest-offset',
  'format' = 'json'
);
