-- Enrichment: a lookup join against PostgreSQL through the side-input connector; an update to
-- the dimension table shows up in the running job after the next refresh.

SET 'table.dml-sync' = 'true';

CREATE VIEW orders_with_customer AS
SELECT seq, proc_time,
       CASE MOD(seq, 3) WHEN 1 THEN 'c1' WHEN 2 THEN 'c2' ELSE 'c9' END AS customer_id
FROM orders;

-- One job: enrich the orders, and, after the 6th order (about 3 s in), upgrade c1 to platinum
-- in PostgreSQL. The connector picks the change up at its next refresh; lookups never wait.
EXECUTE STATEMENT SET BEGIN
  INSERT INTO enriched_out
  SELECT o.seq, o.customer_id, c.tier
  FROM orders_with_customer AS o
  LEFT JOIN customers FOR SYSTEM_TIME AS OF o.proc_time AS c ON o.customer_id = c.customer_id;
  INSERT INTO customers_writer
  SELECT 'c1', 'platinum', LOCALTIMESTAMP FROM orders WHERE seq = 6;
END;

-- The first and the last three orders: c1 was silver, then platinum; c2 stays gold; c9 has no
-- match (a LEFT JOIN keeps the order with a NULL tier).
SELECT seq, customer_id, tier FROM enriched_out WHERE seq IN (1, 2, 3, 28, 29, 30);

-- Every order came through.
SELECT customer_id, COUNT(*) AS orders FROM enriched_out GROUP BY customer_id;

-- c1 switched once, from silver to platinum: never back, never a mix.
SELECT COUNT(DISTINCT tier) AS tiers_seen,
       MAX(CASE WHEN tier = 'silver' THEN seq END) < MIN(CASE WHEN tier = 'platinum' THEN seq END) AS switched_once
FROM enriched_out WHERE customer_id = 'c1';
