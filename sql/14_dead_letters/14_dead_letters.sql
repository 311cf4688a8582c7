-- Dead letters: every malformed event goes, with its raw bytes, the reason and its Kafka
-- coordinates, to a dead-letter topic; valid events go on. Nothing is dropped, nothing fails.

SET 'table.dml-sync' = 'true';
SET 'execution.checkpointing.interval' = '1 s';  -- the exactly-once sinks commit on checkpoints

-- Read the topic as bytes: nothing can fail to parse at the source.
CREATE TABLE raw_events (
  payload         BYTES,
  kafka_partition INT    METADATA FROM 'partition' VIRTUAL,
  kafka_offset    BIGINT METADATA FROM 'offset' VIRTUAL
) WITH (
  'connector' = 'kafka',
  'topic' = 'recipe14-events-in',
  'properties.bootstrap.servers' = '${kafka.bootstrap}',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = 'latest-offset',
  'format' = 'raw'
);

-- Decide once, per event, what is wrong with it (NULL: nothing). Flink's DECODE replaces bytes
-- that are not UTF-8, so a payload that does not survive the round trip was not UTF-8.
-- (Numbers go through TRY_CAST: in Flink 2.0, JSON_VALUE ... RETURNING DOUBLE throws a
-- ClassCastException on an integer such as 3, which would fail the job.)
CREATE VIEW checked AS
SELECT payload, kafka_partition, kafka_offset, txt,
  CASE
    WHEN ENCODE(txt, 'UTF-8') <> payload THEN 'not valid UTF-8'
    WHEN NOT (txt IS JSON OBJECT) THEN 'not a JSON object (truncated or not JSON)'
    WHEN JSON_VALUE(txt, '$.user_id') IS NULL THEN 'missing field user_id'
    WHEN TRY_CAST(JSON_VALUE(txt, '$.amount') AS DOUBLE) IS NULL THEN 'amount is missing or not a number'
    WHEN TRY_CAST(JSON_VALUE(txt, '$.ts') AS TIMESTAMP(3)) IS NULL THEN 'ts is missing or not a timestamp'
  END AS reason
FROM (SELECT payload, kafka_partition, kafka_offset, DECODE(payload, 'UTF-8') AS txt FROM raw_events);

CREATE TABLE events_out (user_id STRING, amount DOUBLE, ts TIMESTAMP(3)) WITH (
  'connector' = 'kafka', 'topic' = 'recipe14-events', 'properties.bootstrap.servers' = '${kafka.bootstrap}',
  'format' = 'json', 'sink.delivery-guarantee' = 'exactly-once', 'sink.transactional-id-prefix' = 'recipe14-events',
  'properties.isolation.level' = 'read_committed',
  'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset'
);

-- The raw bytes travel base64-encoded (that is how the JSON format writes BYTES).
CREATE TABLE dead_letters (payload BYTES, reason STRING, source_partition INT, source_offset BIGINT) WITH (
  'connector' = 'kafka', 'topic' = 'recipe14-dead-letters', 'properties.bootstrap.servers' = '${kafka.bootstrap}',
  'format' = 'json', 'sink.delivery-guarantee' = 'exactly-once', 'sink.transactional-id-prefix' = 'recipe14-dlq',
  'properties.isolation.level' = 'read_committed',
  'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset'
);

EXECUTE STATEMENT SET BEGIN
  INSERT INTO events_out
  SELECT JSON_VALUE(txt, '$.user_id'), CAST(JSON_VALUE(txt, '$.amount') AS DOUBLE),
         CAST(JSON_VALUE(txt, '$.ts') AS TIMESTAMP(3))
  FROM checked WHERE reason IS NULL;
  INSERT INTO dead_letters
  SELECT payload, reason, kafka_partition, kafka_offset FROM checked WHERE reason IS NOT NULL;
END;

-- The valid events.
SELECT user_id, amount, ts FROM events_out;

-- The dead letters: where each came from, why, and its bytes as text.
SELECT source_offset, reason, DECODE(payload, 'UTF-8') AS payload_text FROM dead_letters;

-- The counts add up: 10 in, 4 + 6 out.
SELECT (SELECT COUNT(*) FROM raw_events) AS events_in,
       (SELECT COUNT(*) FROM events_out) AS valid,
       (SELECT COUNT(*) FROM dead_letters) AS dead_letters;

-- For comparison, Flink's own JSON format with 'json.ignore-parse-errors': events it cannot
-- parse vanish without a trace, and fields it cannot parse (or that are missing) become NULL.
CREATE TABLE lenient (user_id STRING, amount DOUBLE, ts TIMESTAMP(3)) WITH (
  'connector' = 'kafka', 'topic' = 'recipe14-events-in', 'properties.bootstrap.servers' = '${kafka.bootstrap}',
  'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset',
  'format' = 'json', 'json.ignore-parse-errors' = 'true'
);
SELECT COUNT(*) AS rows_read, COUNT(user_id) AS with_user_id, COUNT(amount) AS with_amount, COUNT(ts) AS with_ts
FROM lenient;
