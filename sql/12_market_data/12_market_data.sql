-- Market data: per-symbol, per-second OHLC bars and VWAP from out-of-order trades.

-- OHLC orders by event time: open is the price of the earliest trade in the window, close of
-- the latest, whatever order they arrived in. VWAP = sum(price * qty) / sum(qty).
SELECT window_start, symbol,
       CAST(bar.`open` AS DECIMAL(10, 2)) AS open_price,
       CAST(bar.high AS DECIMAL(10, 2)) AS high_price,
       CAST(bar.low AS DECIMAL(10, 2)) AS low_price,
       CAST(bar.`close` AS DECIMAL(10, 2)) AS close_price,
       CAST(vwap AS DECIMAL(10, 4)) AS vwap,
       trades
FROM (
  SELECT window_start, symbol, OHLC(price, ts) AS bar, VWAP(price, qty) AS vwap, COUNT(*) AS trades
  FROM TABLE(TUMBLE(TABLE trades, DESCRIPTOR(ts), INTERVAL '1' SECOND))
  GROUP BY window_start, window_end, symbol
);
