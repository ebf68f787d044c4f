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
import type { Account } from "../../../db/accounts/accounts.server";
import { dataDir } from "~/env.server";
import { startImportJob, uploadDir } from "~/imports/jobs.server";
import { getUpload, registerUpload, removeUpload } from "~/imports/uploads.server";
import { openCsv } from "../../../db/import/csv";
import { csvKinds } from "../../../db/import/index.server";
import { columnMapSchemaFor, detectMapping } from "../../../db/import/mapping";
import { rollbackBatch, RollbackRefused } from "../../../db/import/rollback.server";
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
    rolledBackAt: string | null;
    rolledBackBy: string | null;
  }>(
    `SELECT id, kind, file_name AS "fileName", imported_by AS "importedBy",
            to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "finishedAt",
            rows_total AS "rowsTotal", rows_inserted AS "rowsInserted", rows_updated AS "rowsUpdated",
            to_char(rolled_back_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "rolledBackAt", rolled_back_by AS "rolledBackBy"
       FROM import_batches ORDER BY id DESC LIMIT 20`,
  );
  return {
    kinds: importKinds.filter((k) => canImportKind(account, k)),
    history: rows.map((r) => ({ ...r, canRollback: !r.rolledBackAt && r.finishedAt !== null && r.kind !== "wilayah" && canImportKind(account, r.kind) })),
  };
}

const FieldsSchema = z.object({
  kind: z.enum(importKinds),
  dryRun: z.preprocess((v) => v === "on" || v === "1" || v === "true", z.boolean()),
});

const StartSchema = z.object({
  uploadId: z.string().min(1).max(64),
  dryRun: z.preprocess((v) => v === "on" || v === "1" || v === "true", z.boolean()),
  mapping: z.string().max(20_000).optional(),
  codeProperty: z.string().max(64).optional(),
  nameProperty: z.string().max(64).optional(),
});

const RollbackSchema = z.object({ batchId: z.coerce.number().int().positive() });

/**
 * POST /data/impor. Multipart with a file: `intent=preview` keeps the file and answers its preview
 * (first rows, detected column mapping); without an intent the file is imported at once with the
 * detected mapping (API use). Form posts: `intent=start` runs a dry run or the import of a kept
 * upload with the chosen mapping; `intent=rollback` rolls an import batch back.
 */
export async function importAction(request: Request) {
  const account = await requireAccount(request, importerRoles);
  const multipart = (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data");
  if (!multipart) {
    const form = await request.formData();
    const intent = form.get("intent");
    if (intent === "rollback") return rollback(account, form);
    if (intent === "start") return startKept(account, form);
    return json({ error: s.badRequest }, { status: 400 });
  }
  return startUpload(account, request);
}

async function startUpload(account: Account, request: Request) {
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
  if (!fields.success) {
    if (file && typeof file !== "string") await file.remove();
    return json({ error: s.kind }, { status: 400 });
  }
  if (!file || typeof file === "string") return json({ error: s.noFile }, { status: 400 });
  if (!canImportKind(account, fields.data.kind)) {
    await file.remove();
    return json({ error: s.forbiddenKind }, { status: 403 });
  }
  const fileName = originalNames.get(path.basename(file.getFilePath())) ?? file.name;
  if (form.get("intent") === "preview") {
    try {
      const upload = await registerUpload({ owner: account.username, kind: fields.data.kind, fileName, filePath: file.getFilePath() });
      return json({ upload: { id: upload.id, kind: upload.kind, fileName: upload.fileName, preview: upload.preview } });
    } catch (err) {
      return json({ error: `${s.previewFailed}${err instanceof Error ? err.message : String(err)}` }, { status: 400 });
    }
  }
  let columnMap: Record<string, string> | undefined;
  if (fields.data.kind !== "wilayah" && !fileName.toLowerCase().endsWith(".xlsx")) {
    // One-shot upload (API): the detected synonyms are applied; unknown headers still fail.
    const csv = await openCsv(file.getFilePath());
    csv.close();
    const detected = detectMapping(fields.data.kind, csvKinds[fields.data.kind].columns.map((c) => c.name), csv.rawHeader);
    columnMap = Object.fromEntries(detected.filter((d) => d.how === "synonym").map((d) => [d.header, d.column!]));
  }
  const job = startImportJob({
    owner: account.username,
    kind: fields.data.kind,
    filePath: file.getFilePath(),
    fileName,
    dryRun: fields.data.dryRun,
    columnMap,
  });
  return json({ jobId: job.id });
}

/** Dry run or import of a previewed upload, with the mapping the user chose (validated here). */
async function startKept(account: Account, form: FormData) {
  const fields = StartSchema.safeParse(Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")));
  if (!fields.success) return json({ error: s.badRequest }, { status: 400 });
  const upload = getUpload(fields.data.uploadId, account.username);
  if (!upload) return json({ error: s.uploadGone }, { status: 404 });
  if (!canImportKind(account, upload.kind)) return json({ error: s.forbiddenKind }, { status: 403 });
  let columnMap: Record<string, string> | undefined;
  if (upload.preview.type === "table") {
    let raw: unknown = {};
    try {
      raw = JSON.parse(fields.data.mapping ?? "{}");
    } catch {
      return json({ error: s.badMapping, mappingErrors: [] }, { status: 400 });
    }
    const parsed = columnMapSchemaFor(upload.preview.columns, upload.preview.headers).safeParse(raw);
    if (!parsed.success)
      return json({ error: s.badMapping, mappingErrors: parsed.error.issues.map((i) => i.message) }, { status: 400 });
    columnMap = parsed.data;
  }
  const boundary = upload.preview.type === "boundary" ? upload.preview : null;
  const known = (p: string | undefined) => (p && boundary?.properties.includes(p) ? p : undefined);
  const job = startImportJob({
    owner: account.username,
    kind: upload.kind,
    filePath: upload.filePath,
    fileName: upload.fileName,
    dryRun: fields.data.dryRun,
    columnMap,
    codeProperty: known(fields.data.codeProperty),
    nameProperty: known(fields.data.nameProperty),
    kept: { onSuccess: () => removeUpload(upload.id) },
  });
  return json({ jobId: job.id });
}

async function rollback(account: Account, form: FormData) {
  const fields = RollbackSchema.safeParse({ batchId: form.get("batchId") });
  if (!fields.success) return json({ error: s.badRequest }, { status: 400 });
  const database = await getDatabase();
  try {
    const r = await rollbackBatch(database, {
      batchId: fields.data.batchId,
      actor: account.username,
      accountId: account.id,
      mayRollback: (kind) => canImportKind(account, kind),
    });
    return json({ rolledBack: r });
  } catch (err) {
    if (err instanceof RollbackRefused) return json({ error: err.message }, { status: err.message.includes("tidak berhak") ? 403 : 409 });
    throw err;
  }
}
