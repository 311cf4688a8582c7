-- TUMBLE: hourly chunks of a clickstream, by event time, with out-of-order and late clicks.

-- Views and distinct users per hour.
SELECT window_start, window_end, COUNT(*) AS page_views, COUNT(DISTINCT user_id) AS users
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' HOUR))
GROUP BY window_start, window_end;

-- Views per page per hour: the window columns join the GROUP BY like any key.
SELECT window_start, url, COUNT(*) AS page_views
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' HOUR))
GROUP BY window_start, window_end, url;
