-- Input of recipe 14: ten events on one partition, written as raw bytes. Four are valid; six are
-- malformed in the ways real producers get it wrong.
SET 'table.dml-sync' = 'true';

CREATE TABLE raw_writer (payload BYTES) WITH (
  'connector' = 'kafka',
  'topic' = 'recipe14-events-in',
  'properties.bootstrap.servers' = '127.0.0.1:9092',
  'format' = 'raw'
);

INSERT INTO raw_writer VALUES
  (CAST('{"user_id":"u1","amount":12.5,"ts":"2026-03-01 10:00:00"}' AS BYTES)),  -- 0 valid
  (CAST('{"user_id":"u2","amount":3,"ts":"2026-03-01 10:00:05"}' AS BYTES)),     -- 1 valid
  (CAST('{"user_id":"u3","amount":1' AS BYTES)),                                  -- 2 truncated
  (CAST('{"user_id":"u4","amount":"lots","ts":"2026-03-01 10:00:07"}' AS BYTES)), -- 3 wrong type
  (CAST('{"amount":4.5,"ts":"2026-03-01 10:00:08"}' AS BYTES)),                  -- 4 missing user_id
  -- 5: the same shape as a valid event, but byte 0xFF inside the user id is not UTF-8
  (X'7B22757365725F6964223A2275FF36222C22616D6F756E74223A322C227473223A22323032362D30332D30312031303A30303A3039227D'),
  (CAST('{"user_id":"u7","amount":7.25,"ts":"2026-03-01 10:00:10"}' AS BYTES)),  -- 6 valid
  (CAST('hello' AS BYTES)),                                                       -- 7 not JSON
  (CAST('{"user_id":"u9","amount":1,"ts":"yesterday"}' AS BYTES)),                -- 8 bad timestamp
  (CAST('{"user_id":"u10","amount":0.5,"ts":"2026-03-01 10:00:12"}' AS BYTES));  -- 9 valid
