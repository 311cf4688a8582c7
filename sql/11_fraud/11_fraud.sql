-- Fraud: card velocity, impossible travel and invalid card numbers, with cards masked on output.

-- Card numbers that fail the Luhn check (typos, or made-up numbers).
SELECT MASK_CARD(card) AS card, LUHN_VALID(card) AS luhn_valid, ts
FROM transactions
WHERE NOT LUHN_VALID(card);

-- Velocity: more than 3 transactions of one card within 5 minutes (checked every minute).
SELECT MASK_CARD(card) AS card, window_start, window_end, COUNT(*) AS transactions
FROM TABLE(HOP(TABLE transactions, DESCRIPTOR(ts), INTERVAL '1' MINUTE, INTERVAL '5' MINUTE))
GROUP BY card, window_start, window_end
HAVING COUNT(*) > 3;

-- Impossible travel: the speed between a card's consecutive transactions, faster than an airliner.
SELECT MASK_CARD(card) AS card, prev_ts, ts, ROUND(kmh, 0) AS kmh
FROM (
  SELECT card, ts, prev_ts,
         GEO_SPEED_KMH(prev_lat, prev_lon, prev_ts, lat, lon, ts) AS kmh
  FROM (
    SELECT card, lat, lon, ts,
           LAG(lat) OVER w AS prev_lat, LAG(lon) OVER w AS prev_lon, LAG(ts) OVER w AS prev_ts
    FROM transactions
    WINDOW w AS (PARTITION BY card ORDER BY ts)
  )
)
WHERE kmh > 900;
