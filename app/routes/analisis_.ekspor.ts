/**
 * GET /analisis/ekspor — downloads of the targeting pages, formats.md `temuan` and `cakupan`
 * columns, CSV (UTF-8, `,`) or XLSX. `temuan` holds NIK and No. KK: roles with personal-data
 * rights only, limited to their scope (a desa outside it: 403; guests and the public: 403).
 * `cakupan` is aggregates: everyone, with small counts suppressed for viewers without rights.
 * Both read what the last findings run stored.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { findingKinds, recipientStages } from "../../db/codes";
import { mustSuppress } from "../../analytics/classify/suppression";
import { cakupanColumns, coverageCells, csvCell, temuanColumns } from "../../analytics/targeting/reports.server";
import { candidateColumns, candidateRanking, withNames } from "../../analytics/targeting/candidates-read.server";
import { findingsForExport, storedCoverage } from "../../analytics/targeting/sasaran-read.server";
import { xlsxBuffer } from "../../analytics/targeting/xlsx";
import { analysisViewer, forbidden, personalArea } from "./analisis_.sasaran/viewer.server";
import { privateNoStore } from "~/http/private-json";

const ParamsSchema = z.object({
  laporan: z.enum(["temuan", "cakupan", "calon"]),
  format: z.enum(["csv", "xlsx"]).default("csv"),
  program: z.string().regex(/^[A-Z0-9_]{1,32}$/),
  periode: z.string().regex(/^\d{4}(-(S[12]|Q[1-4]|0[1-9]|1[0-2]))?$/),
  tahap: z.enum(recipientStages).default("realisasi"),
  jenis: z.enum(findingKinds).optional(),
  desa: z.string().regex(/^\d{10}$/).optional(),
  wilayah: z.string().regex(/^(\d{6}|\d{10})$/).optional(),
});

/** XLSX is built in memory (exceljs): beyond this many rows the page asks for a filter or CSV. */
export const MAX_XLSX_ROWS = 100_000;

async function table(format: "csv" | "xlsx", header: readonly string[], rows: Array<Array<string | number | null>>, sheet: string) {
  if (format === "xlsx") {
    if (rows.length > MAX_XLSX_ROWS) {
      throw new Response(
        `${rows.length.toLocaleString("id-ID")} baris terlalu banyak untuk XLSX (batas ${MAX_XLSX_ROWS.toLocaleString("id-ID")}): saring per desa atau jenis, atau unduh CSV`,
        { status: 413 },
      );
    }
    return xlsxBuffer([[...header], ...rows], sheet);
  }
  // BOM so Excel opens the UTF-8 file with the right characters.
  return Buffer.from("\ufeff" + [header, ...rows].map((r) => r.map(csvCell).join(",")).join("\n") + "\n", "utf8");
}

export async function loader({ request }: LoaderFunctionArgs) {
  const parsed = ParamsSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    return new Response(`Parameter tidak valid: ${issues}`, { status: 400 });
  }
  const p = parsed.data;
  const viewer = await analysisViewer(request);
  let body: Buffer;
  let name: string;
  if (p.laporan === "calon") {
    const area = personalArea(viewer, p.wilayah);
    if (area === null) throw forbidden();
    const list = await candidateRanking({ program: p.program, periode: p.periode, area });
    if (p.format === "xlsx" && list.rows.length > MAX_XLSX_ROWS) await table("xlsx", candidateColumns, list.rows.map(() => []), "calon");
    const rows = (await withNames(list.rows)).map((r) => ({ ...r, program: p.program, periode: p.periode }));
    body = await table(p.format, candidateColumns, rows.map((r) => candidateColumns.map((c) => r[c])), "calon");
    name = `calon-${p.program}-${p.periode}${area ? `-${area}` : ""}`;
  } else if (p.laporan === "temuan") {
    const area = personalArea(viewer, p.desa);
    if (area === null) throw forbidden();
    const rows = await findingsForExport({ program: p.program, periode: p.periode, tahap: p.tahap, jenis: p.jenis, area });
    body = await table(p.format, temuanColumns, rows.map((r) => temuanColumns.map((c) => r[c])), "temuan");
    name = `temuan-${p.program}-${p.periode}${area ? `-${area}` : ""}${p.jenis ? `-${p.jenis}` : ""}`;
  } else {
    const { rows } = await storedCoverage(p.program, p.periode);
    const order: Record<string, number> = { provinsi: 0, kabupaten: 1, kecamatan: 2, desa: 3 };
    const cells = rows
      .sort((a, b) => order[a.tingkat] - order[b.tingkat] || a.kode_wilayah.localeCompare(b.kode_wilayah))
      .map((r) => {
        const hide = mustSuppress(r.eligible, viewer.personal) || mustSuppress(r.penerima, viewer.personal);
        const c = coverageCells(r);
        return hide ? [...c.slice(0, 4), null, null, null, null, null, null] : c;
      });
    body = await table(p.format, cakupanColumns, cells, "cakupan");
    name = `cakupan-${p.program}-${p.periode}`;
  }
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type":
        p.format === "xlsx" ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}.${p.format}"`,
      ...privateNoStore,
    },
  });
}
