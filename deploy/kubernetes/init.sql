-- Runs first in every session that `./sqlpack sql --gateway URL`, `./sqlpack submit --gateway URL`
-- and `./sqlpack resume --gateway URL` open on a remote gateway (this folder's deployment).
-- The local stack's gateway-config/init.sql does not apply there: its catalog is on a local disk.

-- Results print as they arrive in the SQL client.
SET 'sql-client.execution.result-mode' = 'tableau';

-- The pack's functions, by their plain names (the image has sqlpack-udfs.jar in lib/).
LOAD MODULE sqlpack;

-- Your catalogs, e.g. Iceberg tables in the same bucket as the checkpoints:
-- CREATE CATALOG lake WITH (
--   'type' = 'iceberg',
--   'catalog-type' = 'hadoop',
--   'warehouse' = 's3a://example-flink-state/sqlpack/warehouse'
-- );
