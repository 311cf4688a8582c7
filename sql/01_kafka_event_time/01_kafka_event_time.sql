-- Kafka sources and event time: a WATERMARK, and where a (re)started job starts reading.

SET 'table.dml-sync' = 'true';

-- The table a job reads: event time from the payload, a watermark that tolerates events up to
-- 5 seconds out of order, and the Kafka coordinates as metadata columns.
CREATE TABLE clicks (
  user_id     STRING,
  ts          TIMESTAMP(3),
  kafka_ts    TIMESTAMP_LTZ(3) METADATA FROM 'timestamp' VIRTUAL,
  kafka_offset BIGINT METADATA FROM 'offset' VIRTUAL,
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'recipe01-clicks',
  'properties.bootstrap.servers' = '${kafka.bootstrap}',
  'properties.group.id' = 'recipe01-reader',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = 'latest-offset',   -- read what is there and finish (drop for a live job)
  'format' = 'json'
);

-- earliest-offset: everything still in the topic.
SELECT kafka_offset, user_id, ts FROM clicks;

-- latest-offset: only what arrives after the job starts; with nothing new, nothing.
SELECT kafka_offset, user_id, ts FROM clicks /*+ OPTIONS('scan.startup.mode' = 'latest-offset') */;

-- timestamp: from the first record whose Kafka timestamp is at or after 09:00:20 UTC. That is
-- the record timestamp, not the event time in the payload.
SELECT kafka_offset, user_id, ts FROM clicks
/*+ OPTIONS('scan.startup.mode' = 'timestamp', 'scan.startup.timestamp-millis' = '1772355620000') */;

-- specific-offsets: from offset 4 of partition 0.
SELECT kafka_offset, user_id, ts FROM clicks
/*+ OPTIONS('scan.startup.mode' = 'specific-offsets', 'scan.startup.specific-offsets' = 'partition:0,offset:4') */;

-- group-offsets: where the consumer group left off. A running job commits its group's offsets
-- to Kafka each time a checkpoint completes, so a job restarted without its state continues
-- where the group stopped. This group has never committed, so the fallback applies:
-- 'properties.auto.offset.reset' = 'earliest'. (Which offset a finished job's last commit
-- reaches depends on checkpoint timing, so the recipe does not depend on one.)
SELECT kafka_offset, user_id, ts FROM clicks
/*+ OPTIONS('scan.startup.mode' = 'group-offsets', 'properties.group.id' = 'recipe01-never-committed',
            'properties.auto.offset.reset' = 'earliest') */;

-- Event time at work: 10-second windows. ann's 09:00:03 arrives after ben's 09:00:07 but within
-- the 5-second bound, so it still counts in the 09:00:00 window.
SELECT window_start, COUNT(*) AS clicks, MIN(kafka_offset) AS first_offset
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY window_start, window_end;
