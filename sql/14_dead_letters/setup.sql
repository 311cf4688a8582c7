-- Input of recipe 14: ten events on one partition, written as raw bytes. Four are valid; six are
-- malformed in the ways real producers get it wrong.
SET 'table.dml-sync' = 'true';

CREATE TABLE raw_writer (payload BYTES) WITH (
  'connector' = 'kafka',
  'topic' = 'recipe14-events-in',
  'properties.bootstrap.servers' = '${kafka.bootstrap}',
  'format' = 'raw'
);

-- The order of the ten rows is the recipe's expected output (their Kafka offsets), so they are
-- written by one source in one task: a VALUES list of literals only. Flink turns a VALUES list
-- with any expression in it (a CAST, a function call) into a UNION ALL of one-row sources, whose
-- rows reach Kafka in no fixed order; hence the text is cast to bytes after VALUES, not inside.
-- Row 5 is given as bytes (bin), all others as text (txt), so every value is a literal.
SET 'parallelism.default' = '1';
INSERT INTO raw_writer
SELECT IF(bin = X'', CAST(txt AS BYTES), bin) FROM (VALUES
  ('{"user_id":"u1","amount":12.5,"ts":"2026-03-01 10:00:00"}', X''),   -- 0 valid
  ('{"user_id":"u2","amount":3,"ts":"2026-03-01 10:00:05"}', X''),      -- 1 valid
  ('{"user_id":"u3","amount":1', X''),                                   -- 2 truncated
  ('{"user_id":"u4","amount":"lots","ts":"2026-03-01 10:00:07"}', X''),  -- 3 wrong type
  ('{"amount":4.5,"ts":"2026-03-01 10:00:08"}', X''),                   -- 4 missing user_id
  -- 5: the same shape as a valid event, but byte 0xFF inside the user id is not UTF-8
  ('', X'7B22757365725F6964223A2275FF36222C22616D6F756E74223A322C227473223A22323032362D30332D30312031303A30303A3039227D'),
  ('{"user_id":"u7","amount":7.25,"ts":"2026-03-01 10:00:10"}', X''),   -- 6 valid
  ('hello', X''),                                                        -- 7 not JSON
  ('{"user_id":"u9","amount":1,"ts":"yesterday"}', X''),                 -- 8 bad timestamp
  ('{"user_id":"u10","amount":0.5,"ts":"2026-03-01 10:00:12"}', X'')    -- 9 valid
) AS t (txt, bin);
