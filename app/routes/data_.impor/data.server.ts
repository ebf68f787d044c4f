import path from "node:path";
import {
  json,
  unstable_composeUploadHandlers,
  unstable_createFileUploadHandler,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type NodeOnDiskFile,
} from "@remix-run/node";
import crypto from "node:crypto";
import { z } from "zod";
import { importKinds } from "../../../db/codes";
import { getDatabase } from "../../../db/connection.server";
import { canImportKind } from "../../../analytics/access/scope";
import { requireAccount } from "~/auth/session.server";
import { dataDir } from "~/env.server";
import { startImportJob, uploadDir } from "~/imports/jobs.server";
import { imports as s } from "~/i18n/id/imports";

export const importerRoles = ["admin", "kabupaten"] as const;
const MAX_UPLOAD_BYTES = 500 * 1024 * 1024;

export async function loadImportPage(request: Request) {
  const account = await requireAccount(request, importerRoles);
  const { pool } = await getDatabase();
  const { rows } = await pool.query<{
    id: number;
    kind: string;
    fileName: string;
    importedBy: string;
    finishedAt: string | null;
    rowsTotal: number;
    rowsInserted: number;
    rowsUpdated: number;
  }>(
    `SELECT id, kind, file_name AS "fileName", imported_by AS "importedBy",
            to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "finishedAt",
            rows_total AS "rowsTotal", rows_inserted AS "rowsInserted", rows_updated AS "rowsUpdated"
       FROM import_batches ORDER BY id DESC LIMIT 20`,
  );
  return { kinds: importKinds.filter((k) => canImportKind(account, k)), history: rows };
}

const FieldsSchema = z.object({
  kind: z.enum(importKinds),
  dryRun: z.preprocess((v) => v === "on" || v === "1" || v === "true", z.boolean()),
});

export async function startUpload(request: Request) {
  const account = await requireAccount(request, importerRoles);
  const originalNames = new Map<string, string>();
  const uploadHandler = unstable_composeUploadHandlers(
    unstable_createFileUploadHandler({
      directory: uploadDir(dataDir()),
      maxPartSize: MAX_UPLOAD_BYTES,
      // A random name on disk: the user's file name is kept only as a label.
      file: ({ filename }) => {
        const onDisk = `${crypto.randomBytes(8).toString("hex")}${path.extname(filename).toLowerCase()}`;
        originalNames.set(onDisk, path.basename(filename));
        return onDisk;
      },
    }),
    unstable_createMemoryUploadHandler(),
  );
  const form = await unstable_parseMultipartFormData(request, uploadHandler);
  const fields = FieldsSchema.safeParse({ kind: form.get("kind"), dryRun: form.get("dryRun") ?? "" });
  const file = form.get("file") as NodeOnDiskFile | string | null;
  if (!fields.success) return json({ error: s.kind }, { status: 400 });
  if (!file || typeof file === "string") return json({ error: s.noFile }, { status: 400 });
  if (!canImportKind(account, fields.data.kind)) {
    await file.remove();
    return json({ error: s.forbiddenKind }, { status: 403 });
  }
  const job = startImportJob({
    owner: account.username,
    kind: fields.data.kind,
    filePath: file.getFilePath(),
    fileName: originalNames.get(path.basename(file.getFilePath())) ?? file.name,
    dryRun: fields.data.dryRun,
  });
  return json({ jobId: job.id });
}
