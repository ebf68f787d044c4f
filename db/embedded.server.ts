/**
 * The embedded PostGIS: PGlite with the PostGIS extension, served on loopback over the Postgres
 * wire protocol by pglite-socket, so the app and the CLI always talk `pg` (one code path).
 *
 * PGlite is single-process: only one process may open a data directory. The process that opens
 * it writes `server.json` (port, pid) there; another process (the CLI while `npm start` runs)
 * connects to that server instead of opening the directory a second time.
 */
import fs from "node:fs";
import net from "node:net";
import path from "node:path";

export interface EmbeddedServer {
  url: string;
  /** True when this process owns the database (false when it joined another process's server). */
  owned: boolean;
  stop(): Promise<void>;
}

const LOCK_FILE = "server.json";

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

const urlFor = (port: number) => `postgres://postgres@127.0.0.1:${port}/postgres`;

/** Start (or join) the embedded database for `dir`. `dir` = "memory://" keeps nothing on disk. */
export async function startEmbedded(dir: string, opts: { port?: number } = {}): Promise<EmbeddedServer> {
  const inMemory = dir.startsWith("memory://");
  const lockPath = inMemory ? undefined : path.join(dir, LOCK_FILE);
  if (lockPath && fs.existsSync(lockPath)) {
    const lock = JSON.parse(fs.readFileSync(lockPath, "utf8")) as { port: number; pid: number };
    if (lock.pid !== process.pid && processAlive(lock.pid) && (await portOpen(lock.port))) {
      return { url: urlFor(lock.port), owned: false, stop: async () => {} };
    }
  }
  if (!inMemory) fs.mkdirSync(dir, { recursive: true });

  const [{ PGlite }, { postgis }, { pg_trgm }, { PGLiteSocketServer }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("@electric-sql/pglite-postgis"),
    import("@electric-sql/pglite/contrib/pg_trgm"),
    import("@electric-sql/pglite-socket"),
  ]);
  const db = await PGlite.create({ dataDir: inMemory ? undefined : path.join(dir, "pgdata"), extensions: { postgis, pg_trgm } });
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: opts.port ?? 0, maxConnections: 16 });
  await server.start();
  const address = (server as unknown as { server: net.Server }).server.address() as net.AddressInfo;
  if (lockPath) fs.writeFileSync(lockPath, JSON.stringify({ port: address.port, pid: process.pid }));

  let stopped = false;
  return {
    url: urlFor(address.port),
    owned: true,
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      await db.close();
      if (lockPath && fs.existsSync(lockPath)) fs.rmSync(lockPath);
    },
  };
}
