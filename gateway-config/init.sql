-- Runs first in every session opened by `./sqlpack sql`, `./sqlpack submit`, `./sqlpack recipe`
-- and the demo. `./sqlpack up` writes it to <state dir>/conf/init.sql with ${state.dir} filled in.

-- Results print as they arrive in the SQL client (change with SET 'sql-client.execution.result-mode').
SET 'sql-client.execution.result-mode' = 'tableau';

-- The pack's functions, by their plain names (docs/functions.md).
LOAD MODULE sqlpack;

-- An Iceberg catalog: a Hadoop catalog on the local file system, under the state directory.
CREATE CATALOG lake WITH (
  'type' = 'iceberg',
  'catalog-type' = 'hadoop',
  'warehouse' = 'file://${state.dir}/warehouse'
);
