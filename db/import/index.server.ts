/** Entry point of the importer. (Placeholder until the importer lands.) */
import type { Database } from "../connection.server";
import type { ImportOptions, ImportResult } from "./types";

export * from "./types";

export async function importFile(_database: Database, _opts: ImportOptions): Promise<ImportResult> {
  throw new Error("importer not implemented yet");
}
