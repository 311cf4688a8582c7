-- The demo's SQL, sent statement by statement through the SQL gateway's REST API by
-- `./sqlpack demo`, which fills in its placeholders (the rule in sql/README.md) with this stack's
-- addresses and the demo's topic. Paste it, filled in, into `./sqlpack sql` to explore: the last
-- statement is the live query.

CREATE TABLE events (
  event_id   BIGINT,
  user_id    STRING,
  event_type STRING,
  page       STRING,
  amount     DOUBLE,
  country    STRING,
  user_agent STRING,
  ts         TIMESTAMP(3),
  proc_time  AS PROCTIME(),
  -- event time comes from the payload; events up to 5 s out of order are still counted
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = '${demo.topic}',
  'properties.bootstrap.servers' = '${kafka.bootstrap}',
  'properties.group.id' = 'sqlpack-demo',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'json'
);

-- The user dimension, from PostgreSQL table demo_users, held in memory by the pack's side-input
-- connector and re-read every 5 s when max(updated_at) changed. The demo upgrades a user halfway.
CREATE TABLE users (
  user_id    STRING,
  tier       STRING,
  country    STRING,
  updated_at TIMESTAMP(3),
  PRIMARY KEY (user_id) NOT ENFORCED
) WITH (
  'connector' = 'side-input',
  'source' = 'jdbc',
  'jdbc.url' = '${postgres.jdbc-url}',
  'jdbc.table' = 'demo_users',
  'jdbc.version-query' = 'SELECT max(updated_at) FROM demo_users',
  'refresh.interval' = '5s'
);

-- Where visits come from: the utm_source query parameter of the page URL, with the pack's
-- URL_QUERY_PARAMS table function.
CREATE VIEW sources AS
SELECT e.ts, p.v AS utm_source
FROM events AS e, LATERAL TABLE(URL_QUERY_PARAMS(e.page)) AS p(k, v)
WHERE p.k = 'utm_source';

CREATE VIEW enriched AS
SELECT e.*, COALESCE(u.tier, 'unknown') AS tier
FROM events AS e
LEFT JOIN users FOR SYSTEM_TIME AS OF e.proc_time AS u ON e.user_id = u.user_id;

-- One job, five append-only results: 10 s TUMBLE windows over everything, per-user SESSION
-- windows (20 s gap) with five or more events, the events that arrive behind the watermark
-- (the windows drop those: recipe sql/06 shows how to keep them), and revenue per user tier,
-- the tier looked up in PostgreSQL through the side-input connector, and visits per utm_source.
SELECT 'TUMBLE 10s' AS kind, window_start AS start_or_ts, window_end, CAST(NULL AS STRING) AS who,
       COUNT(*) AS events,
       -- APPROX_DISTINCT (a HyperLogLog sketch) and PARSE_USER_AGENT are the pack's functions
       CONCAT(CAST(APPROX_DISTINCT(user_id) AS STRING), ' users (',
              CAST(SUM(CASE WHEN PARSE_USER_AGENT(user_agent).device_class = 'Phone' THEN 1 ELSE 0 END) AS STRING),
              ' from phones), ',
              CAST(SUM(CASE WHEN event_type = 'payment' THEN 1 ELSE 0 END) AS STRING), ' payments, revenue ',
              CAST(CAST(SUM(amount) AS DECIMAL(10, 2)) AS STRING)) AS detail
FROM TABLE(TUMBLE(TABLE events, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end
UNION ALL
SELECT 'SESSION 20s', window_start, window_end, user_id, COUNT(*),
       CONCAT(CAST(SUM(CASE WHEN event_type = 'payment' THEN 1 ELSE 0 END) AS STRING), ' payments')
FROM TABLE(SESSION(TABLE events PARTITION BY user_id, DESCRIPTOR(ts), INTERVAL '20' SECOND))
GROUP BY user_id, window_start, window_end
HAVING COUNT(*) >= 5
UNION ALL
SELECT 'LATE', ts, CAST(NULL AS TIMESTAMP(3)), user_id, CAST(1 AS BIGINT),
       CONCAT('event ', CAST(event_id AS STRING), ' arrived ',
              CAST(TIMESTAMPDIFF(SECOND, ts, CURRENT_WATERMARK(ts)) AS STRING), ' s behind the watermark')
FROM events
WHERE ts < CURRENT_WATERMARK(ts)
UNION ALL
SELECT 'TIER 10s', window_start, window_end, tier, COUNT(*),
       CONCAT('revenue ', CAST(CAST(SUM(amount) AS DECIMAL(10, 2)) AS STRING), ' (tier from PostgreSQL)')
FROM TABLE(TUMBLE(TABLE enriched, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, tier
UNION ALL
SELECT 'UTM 10s', window_start, window_end, utm_source, COUNT(*), 'visits with this utm_source'
FROM TABLE(TUMBLE(TABLE sources, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end, utm_source;
