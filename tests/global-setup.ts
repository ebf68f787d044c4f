/**
 * Gives every test file one database: DATABASE_URL when set (CI: a real PostGIS server), else a
 * fresh embedded PostGIS in a temporary directory, removed afterwards.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbedded } from "../db/embedded.server";

export default async function setup() {
  if (process.env.DATABASE_URL) return;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tepat-test-"));
  const server = await startEmbedded(dir);
  process.env.DATABASE_URL = server.url;
  process.env.TEPAT_EMBEDDED = "1";
  return async () => {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
