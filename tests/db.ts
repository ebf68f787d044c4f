/** Test helpers over the real test database (no mocks). */
import { accountTables, datasetTables } from "../db/data-tables";
import { getDatabase, type Database } from "../db/connection.server";

export function testDatabase(): Promise<Database> {
  return getDatabase();
}

/** Tables holding data (not migrations), emptied between tests that need a clean slate. */
const dataTables = [...datasetTables, ...accountTables];

export async function resetData(db: Database): Promise<void> {
  const { rows } = await db.pool.query<{ tablename: string }>(
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename = ANY($1)",
    [dataTables],
  );
  if (rows.length) await db.pool.query(`TRUNCATE ${rows.map((r) => `"${r.tablename}"`).join(", ")} RESTART IDENTITY CASCADE`);
}
