-- Run first in every session opened by `./sqlpack sql` and `./sqlpack submit`.
SET 'sql-client.execution.result-mode' = 'tableau';
