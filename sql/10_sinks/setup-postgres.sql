-- Run in PostgreSQL (database sqlpack) before setup.sql: the upsert sink's target table.
DROP TABLE IF EXISTS recipe10_customer_totals;
CREATE TABLE recipe10_customer_totals (
  customer TEXT PRIMARY KEY,
  orders   BIGINT NOT NULL,
  revenue  NUMERIC(12, 2) NOT NULL
);
