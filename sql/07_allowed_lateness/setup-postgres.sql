-- Run in PostgreSQL (database sqlpack) before setup.sql: the upsert sink's target table.
DROP TABLE IF EXISTS recipe07_minute_counts;
CREATE TABLE recipe07_minute_counts (
  minute_start TIMESTAMP PRIMARY KEY,
  events BIGINT NOT NULL
);
