-- SESSION windows per user (5-minute gap), with the pack's FUNNEL and SESSION_PATH.

-- FUNNEL(ts, event, 'view', 'cart', 'checkout'): how many steps of the funnel the session
-- reached in order, by event time. SESSION_PATH(page, ts, 10): the pages in event-time order.
SELECT user_id, window_start, window_end, COUNT(*) AS clicks,
       FUNNEL(ts, event, 'view', 'cart', 'checkout') AS funnel_steps,
       SESSION_PATH(page, ts, 10) AS path
FROM TABLE(SESSION(TABLE clicks PARTITION BY user_id, DESCRIPTOR(ts), INTERVAL '5' MINUTE))
GROUP BY user_id, window_start, window_end;
