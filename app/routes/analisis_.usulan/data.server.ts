/**
 * Action of /analisis/usulan: screen an uploaded proposal list. Multipart upload to a temporary
 * file (removed afterwards), read with the importer's parsers (proposal-file.server.ts),
 * screened read-only (screening-read.server.ts: a rolled-back transaction; nothing is written to
 * recipients or findings). Roles with personal-data rights only (the list holds NIK and names);
 * rows outside the account's wilayah are marked "perlu dicek" without DTKS details.
 * `intent=csv|xlsx` answers the result as a download instead of a page.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import {
  json,
  unstable_composeUploadHandlers,
  unstable_createFileUploadHandler,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type NodeOnDiskFile,
} from "@remix-run/node";
import { csvCell } from "../../../analytics/targeting/reports.server";
import { readProposalFile } from "../../../analytics/targeting/proposal-file.server";
import { screenProposalRows, screeningCells, screeningColumns } from "../../../analytics/targeting/screening-read.server";
import { xlsxBuffer } from "../../../analytics/targeting/xlsx";
import { requireAccount } from "~/auth/session.server";
import { scopePrefix } from "../../../analytics/access/scope";
import { privateNoStore } from "~/http/private-json";

export const screeningRoles = ["admin", "kabupaten", "kecamatan", "desa"] as const;
const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export async function loadUsulanPage(request: Request) {
  const account = await requireAccount(request, screeningRoles);
  return { scope: scopePrefix(account) };
}

export async function screenUpload(request: Request) {
  const account = await requireAccount(request, screeningRoles);
  if (!(request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    return json({ ok: false as const, errors: ["Kirim berkas usulan sebagai unggahan (multipart/form-data)"] }, { status: 400 });
  }
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "tepat-saring-"));
  let originalName = "usulan.csv";
  try {
    const handler = unstable_composeUploadHandlers(
      unstable_createFileUploadHandler({
        directory: dir,
        maxPartSize: MAX_UPLOAD_BYTES,
        file: ({ filename }) => {
          originalName = path.basename(filename);
          return `${crypto.randomBytes(8).toString("hex")}${path.extname(filename).toLowerCase()}`;
        },
      }),
      unstable_createMemoryUploadHandler(),
    );
    let form: FormData;
    try {
      form = await unstable_parseMultipartFormData(request, handler);
    } catch {
      return json({ ok: false as const, errors: [`Berkas terlalu besar (batas ${MAX_UPLOAD_BYTES / 2 ** 20} MB)`] }, { status: 413 });
    }
    const file = form.get("file") as NodeOnDiskFile | string | null;
    if (!file || typeof file === "string") return json({ ok: false as const, errors: ["Pilih berkas usulan (CSV atau XLSX)"] }, { status: 400 });
    if (!/\.(csv|xlsx)$/i.test(originalName)) {
      return json({ ok: false as const, errors: [`${originalName}: hanya berkas .csv atau .xlsx`] }, { status: 400 });
    }
    const parsed = await readProposalFile(file.getFilePath(), originalName);
    if (parsed.errors.length || !parsed.program || !parsed.periode) {
      return json({ ok: false as const, errors: parsed.errors.length ? parsed.errors : [`${originalName}: program atau periode kosong`] }, { status: 400 });
    }
    let result;
    try {
      result = await screenProposalRows({ program: parsed.program, periode: parsed.periode, scope: scopePrefix(account), rows: parsed.rows });
    } catch (err) {
      return json({ ok: false as const, errors: [`${originalName}: ${err instanceof Error ? err.message : String(err)}`] }, { status: 400 });
    }
    const intent = form.get("intent");
    if (intent === "csv" || intent === "xlsx") {
      const cells = screeningCells(result);
      const body =
        intent === "xlsx"
          ? await xlsxBuffer([[...screeningColumns], ...cells], "penyaringan")
          : Buffer.from("\ufeff" + [screeningColumns, ...cells].map((r) => r.map(csvCell).join(",")).join("\n") + "\n", "utf8");
      const name = `penyaringan-${result.program}-${result.periode}.${intent}`;
      return new Response(new Uint8Array(body), {
        headers: {
          "Content-Type": intent === "xlsx" ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8",
          "Content-Disposition": `attachment; filename="${name}"`,
          ...privateNoStore,
        },
      });
    }
    return json({ ok: true as const, fileName: originalName, result });
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
