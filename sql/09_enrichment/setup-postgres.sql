-- Run in PostgreSQL (database sqlpack) before setup.sql: the dimension table.
DROP TABLE IF EXISTS recipe09_customers;
CREATE TABLE recipe09_customers (
  customer_id TEXT PRIMARY KEY,
  tier        TEXT NOT NULL,
  updated_at  TIMESTAMP NOT NULL DEFAULT now()
);
INSERT INTO recipe09_customers (customer_id, tier) VALUES ('c1', 'silver'), ('c2', 'gold');
