/**
 * The one database module: a `pg` pool and a drizzle instance, for the app, the CLI, the tests
 * and the benchmarks. DATABASE_URL → that PostGIS server; unset → the embedded PostGIS.
 */
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import pg from "pg";
import { dataDir, env } from "../app/env.server";
import { startEmbedded, type EmbeddedServer } from "./embedded.server";
import { migrate } from "./migrate.server";
import * as schema from "./schema";

// NUMERIC and BIGINT arrive as strings by default; our numerics are rupiah amounts < 2^53.
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
// Keep DATE as 'YYYY-MM-DD' text: a JS Date would shift it by the server's time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export type Db = NodePgDatabase<typeof schema>;

export interface Database {
  pool: pg.Pool;
  db: Db;
  url: string;
  /** The embedded server cannot take COPY FROM STDIN (pglite-socket); see docs/decisions. */
  embedded: boolean;
  close(): Promise<void>;
}

const globalKey = Symbol.for("tepat.database");
type GlobalWithDb = typeof globalThis & { [globalKey]?: Promise<Database> };

async function open(): Promise<Database> {
  const configured = env().DATABASE_URL;
  let embeddedServer: EmbeddedServer | undefined;
  let url = configured;
  if (!url) {
    embeddedServer = await startEmbedded(dataDir());
    url = embeddedServer.url;
  }
  const pool = new pg.Pool({ connectionString: url, max: embeddedServer ? 4 : 10 });
  pool.on("error", (err) => console.error("[db] idle client error:", err.message));
  await migrate(pool);
  const db = drizzle(pool, { schema });
  return {
    pool,
    db,
    url,
    embedded: Boolean(embeddedServer) || process.env.TEPAT_EMBEDDED === "1",
    async close() {
      await pool.end();
      await embeddedServer?.stop();
      delete (globalThis as GlobalWithDb)[globalKey];
    },
  };
}

/** The process-wide database, opened (and migrated) on first use. */
export function getDatabase(): Promise<Database> {
  const g = globalThis as GlobalWithDb;
  g[globalKey] ??= open().catch((err) => {
    delete g[globalKey];
    throw err;
  });
  return g[globalKey];
}

export interface TransactionOptions {
  /** Statements run right after BEGIN (SET LOCAL …, advisory locks). */
  setup?: readonly string[];
  /** Roll back even on success (dry runs), after `fn` has done all its work. */
  rollbackAtEnd?: boolean;
}

/** Run `fn` in one transaction on one client; rolls back on any error. */
export async function withTransaction<T>(
  pool: pg.Pool,
  fn: (client: pg.PoolClient) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    for (const statement of options.setup ?? []) await client.query(statement);
    const result = await fn(client);
    await client.query(options.rollbackAtEnd ? "ROLLBACK" : "COMMIT");
    return result;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

/** Closes the process-wide database if it was opened (CLI and scripts call this on exit). */
export async function closeDatabaseIfOpen(): Promise<void> {
  const pending = (globalThis as GlobalWithDb)[globalKey];
  if (pending) await (await pending).close();
}
