/**
 * A content hash of the loaded data, independent of load order, serial ids, batch ids and
 * timestamps: two databases seeded with the same parameters must give the same hash.
 */
import type pg from "pg";

/** Each table, and the columns left out of its hash (ids, batches, times: not content). */
const hashedTables: [table: string, ignore: string[]][] = [
  ["regions", ["import_batch_id", "updated_at"]],
  ["programs", ["import_batch_id", "updated_at"]],
  ["households", ["import_batch_id", "updated_at", "location_at"]],
  ["members", ["id", "import_batch_id", "updated_at"]],
  ["population", ["import_batch_id", "updated_at"]],
  ["recipients", ["id", "import_batch_id", "updated_at"]],
  ["seed_planted_findings", ["id"]],
];

export async function databaseContentHash(pool: pg.Pool | pg.PoolClient): Promise<{ hash: string; tables: Record<string, string> }> {
  const tables: Record<string, string> = {};
  for (const [table, ignore] of hashedTables) {
    const minus = ignore.map((c) => ` - '${c}'`).join("");
    // Row hashes sorted, then hashed together: order of loading does not matter.
    const { rows } = await pool.query<{ h: string | null }>(
      `SELECT md5(string_agg(r, '' ORDER BY r)) AS h FROM (SELECT md5((to_jsonb(t)${minus})::text) AS r FROM "${table}" t) x`,
    );
    tables[table] = rows[0].h ?? "empty";
  }
  const { createHash } = await import("node:crypto");
  const hash = createHash("sha256")
    .update(Object.entries(tables).map(([t, h]) => `${t} ${h}\n`).join(""))
    .digest("hex");
  return { hash, tables };
}
