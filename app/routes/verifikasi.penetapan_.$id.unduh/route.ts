/**
 * /verifikasi/penetapan/:id/unduh?format=xlsx|pdf[&desa=…] — the SK list as XLSX (streamed from
 * the database in batches) or as the printable PDF lampiran (whole list up to PDF_MAX_ROWS, else
 * per desa). Admin and kabupaten only, inside their scope (getDecree checks).
 */
import { PassThrough, Readable } from "node:stream";
import { type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { getDatabase } from "../../../db/connection.server";
import { decreeRoles, getDecree } from "../../../db/verval/decree.server";
import { decreePdf, PdfTooLargeError, writeDecreeXlsx } from "../../../db/verval/decree-export.server";
import { requireAccount } from "~/auth/session.server";
import { vervalPenetapan } from "~/i18n/id/verval-penetapan";
import { privateNoStore } from "~/http/private-json";

const ParamsSchema = z.object({
  format: z.enum(["xlsx", "pdf"]).catch("xlsx"),
  desa: z.string().regex(/^\d{10}$/).optional().catch(undefined),
});

const safeName = (s: string) => s.replace(/[^0-9A-Za-z.-]+/g, "_").slice(0, 80);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const account = await requireAccount(request, decreeRoles);
  const id = z.coerce.number().int().positive().safeParse(params.id);
  if (!id.success) throw new Response("SK tidak ditemukan", { status: 404 });
  const p = ParamsSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { pool } = await getDatabase();
  const snapshot = await getDecree(pool, account, id.data);
  const base = `lampiran-sk-${safeName(snapshot.number)}-v${snapshot.version}${p.desa ? `-${p.desa}` : ""}`;
  if (p.format === "pdf") {
    try {
      const pdf = await decreePdf(pool, snapshot, { kodeDesa: p.desa, title: `${vervalPenetapan.decree.pdfTitle} ${snapshot.signer}` });
      return new Response(new Uint8Array(pdf), {
        headers: { "Content-Type": "application/pdf", "Content-Disposition": `inline; filename="${base}.pdf"`, ...privateNoStore },
      });
    } catch (e) {
      if (e instanceof PdfTooLargeError) throw new Response(vervalPenetapan.decree.pdfTooLarge.replace("{n}", e.message), { status: 413 });
      throw e;
    }
  }
  const out = new PassThrough();
  writeDecreeXlsx(pool, snapshot, out).catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return new Response(Readable.toWeb(out) as unknown as ReadableStream, {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${base}.xlsx"`,
      ...privateNoStore,
    },
  });
}
