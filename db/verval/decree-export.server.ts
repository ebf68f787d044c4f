/**
 * Decree list exports: XLSX (exceljs streaming writer, batches of rows from the database, so a
 * 300k list never sits in memory at once) and the printable PDF lampiran (pdfmake, server-side,
 * standard Helvetica: no font files). The PDF repeats its title in the page header and carries
 * page numbers, version and checksum in the footer; it lays out a fixed number of rows per page,
 * so a list of N rows has ceil(N / PDF_ROWS_PER_PAGE) pages. Very long lists are printed per desa
 * (PDF_MAX_ROWS): a 300k-row PDF is no use to anyone at a signing table.
 */
import { PassThrough, type Writable } from "node:stream";
import ExcelJS from "exceljs";
import pdfmakeModule from "pdfmake";
import type pg from "pg";
import { decreeItems, forEachDecreeBatch, type DecreeItem, type DecreeSnapshot } from "./decree.server";

type Queryable = Pick<pg.Pool, "query"> | Pick<pg.PoolClient, "query">;

export const PDF_ROWS_PER_PAGE = 25;
export const PDF_MAX_ROWS = 20_000;

const columns = ["Peringkat", "ID RT / Permohonan", "NIK Kepala", "No. KK", "Nama Kepala", "Alamat", "Kode Desa", "Desa", "Desil", "Skor"] as const;

const unitOf = (i: DecreeItem) => i.idRt ?? (i.applicationId ? `Permohonan ${i.applicationId}` : "");

/** Streams the decree list as XLSX into `out` (header block, then one row per item). */
export async function writeDecreeXlsx(db: Queryable, snapshot: DecreeSnapshot, out: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  workbook.creator = "Tepat";
  const sheet = workbook.addWorksheet("Lampiran SK", { views: [{ state: "frozen", ySplit: 6 }] });
  sheet.columns = [
    { width: 10 },
    { width: 22 },
    { width: 19 },
    { width: 19 },
    { width: 28 },
    { width: 40 },
    { width: 12 },
    { width: 20 },
    { width: 7 },
    { width: 9 },
  ];
  sheet.addRow([`Lampiran Keputusan Nomor ${snapshot.number}`]).commit();
  sheet.addRow([`Tanggal ${snapshot.decreeDate} · Penanda tangan: ${snapshot.signer}`]).commit();
  sheet.addRow([`Periode ${snapshot.periode} · Wilayah ${snapshot.scopeName ?? snapshot.scopeCode} (${snapshot.scopeCode}) · Versi ${snapshot.version} · Instrumen v${snapshot.instrumentVersion ?? "-"}`]).commit();
  sheet.addRow([`${snapshot.rowCount} rumah tangga · sha256 ${snapshot.checksum}`]).commit();
  sheet.addRow([]).commit();
  const head = sheet.addRow([...columns]);
  head.font = { bold: true };
  head.commit();
  await forEachDecreeBatch(db, snapshot.id, 5000, (batch) => {
    for (const i of batch) {
      // NIK and No. KK stay text: Excel would round a 16-digit number.
      sheet.addRow([i.rank, unitOf(i), i.nikKepala ?? "", i.noKk ?? "", i.namaKepala ?? "", i.alamat ?? "", i.kodeDesa, i.namaDesa ?? "", i.desil ?? "", i.score ?? ""]).commit();
    }
  });
  sheet.commit();
  await workbook.commit();
}

/** The XLSX as one buffer (tests, small lists). */
export async function decreeXlsxBuffer(db: Queryable, snapshot: DecreeSnapshot): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    out.on("end", resolve);
    out.on("error", reject);
  });
  await writeDecreeXlsx(db, snapshot, out);
  await ended;
  return Buffer.concat(chunks);
}

interface PdfMake {
  setFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (path: string) => boolean): void;
  createPdf(doc: unknown): { getBuffer(): Promise<Buffer> };
}
const pdfmake = pdfmakeModule as unknown as PdfMake;
pdfmake.setFonts({ Helvetica: { normal: "Helvetica", bold: "Helvetica-Bold", italics: "Helvetica-Oblique", bolditalics: "Helvetica-BoldOblique" } });
// The lampiran loads nothing from the network or the disk.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((path) => /^Helvetica(-Bold|-Oblique|-BoldOblique)?$/.test(path)); // pdfkit built-in font names only

const fmtScore = (s: number | null) => (s === null ? "" : s.toLocaleString("id-ID", { maximumFractionDigits: 4 }));
/** Keeps a cell to two lines at its width so every page holds PDF_ROWS_PER_PAGE rows. */
const clip = (s: string | null, max: number) => (!s ? "" : s.length > max ? `${s.slice(0, max - 1)}…` : s);

export interface PdfOptions {
  /** Only this desa (long lists are printed per desa). */
  kodeDesa?: string;
  /** Title line, e.g. "Lampiran Keputusan Bupati Lumajang". */
  title?: string;
}

export class PdfTooLargeError extends Error {}

/** Builds the printable lampiran PDF. */
export async function decreePdf(db: Queryable, snapshot: DecreeSnapshot, options: PdfOptions = {}): Promise<Buffer> {
  let items: DecreeItem[];
  if (options.kodeDesa) {
    const { rows } = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM decree_snapshot_items WHERE snapshot_id = $1 AND kode_desa = $2", [snapshot.id, options.kodeDesa]);
    if (rows[0]!.n > PDF_MAX_ROWS) throw new PdfTooLargeError(`${rows[0]!.n} baris`);
    items = await decreeItems(db, snapshot.id, 0, PDF_MAX_ROWS, { kodeDesa: options.kodeDesa });
  } else {
    if (snapshot.rowCount > PDF_MAX_ROWS) throw new PdfTooLargeError(`${snapshot.rowCount} baris`);
    items = await decreeItems(db, snapshot.id, 0, PDF_MAX_ROWS);
  }
  const title = `${options.title ?? "Lampiran Keputusan"} Nomor ${snapshot.number}`;
  const subtitle = `Tanggal ${snapshot.decreeDate} · Daftar penetapan data terpadu periode ${snapshot.periode} · ${snapshot.scopeName ?? snapshot.scopeCode}${options.kodeDesa ? ` · desa ${items[0]?.namaDesa ?? options.kodeDesa}` : ""}`;
  const header = ["Peringkat", "NIK", "Nama", "Alamat", "Desa", "Desil", "Skor"].map((text) => ({ text, bold: true }));
  const widths = [40, 78, 95, "*", 70, 26, 34];
  const tables: unknown[] = [];
  for (let p = 0; p * PDF_ROWS_PER_PAGE < Math.max(items.length, 1); p++) {
    const pageItems = items.slice(p * PDF_ROWS_PER_PAGE, (p + 1) * PDF_ROWS_PER_PAGE);
    tables.push({
      table: {
        headerRows: 1,
        dontBreakRows: true,
        widths,
        body: [
          header,
          ...pageItems.map((i) => [
            { text: String(i.rank), alignment: "right" },
            i.nikKepala ?? "",
            clip(i.namaKepala, 40),
            clip(i.alamat, 60),
            clip(i.namaDesa ?? i.kodeDesa, 28),
            { text: i.desil === null ? "–" : String(i.desil), alignment: "right" },
            { text: fmtScore(i.score), alignment: "right" },
          ]),
          ...(pageItems.length ? [] : [[{ text: "Tidak ada rumah tangga dalam daftar ini.", colSpan: 7 }, "", "", "", "", "", ""]]),
        ],
      },
      layout: "lightHorizontalLines",
      ...(p > 0 ? { pageBreak: "before" } : {}),
    });
  }
  const doc = {
    pageSize: "A4",
    pageMargins: [36, 64, 36, 48],
    info: { title, subject: `SK ${snapshot.number} periode ${snapshot.periode}`, creator: "Tepat" },
    defaultStyle: { font: "Helvetica", fontSize: 7.5 },
    header: () => ({
      margin: [36, 18, 36, 0],
      stack: [
        { text: title, bold: true, fontSize: 10 },
        { text: subtitle, fontSize: 7.5, color: "#333" },
      ],
    }),
    footer: (currentPage: number, pageCount: number) => ({
      margin: [36, 12, 36, 0],
      columns: [
        { text: `Versi ${snapshot.version} · ${snapshot.rowCount} rumah tangga · sha256 ${snapshot.checksum}`, fontSize: 6, color: "#555" },
        { text: `Halaman ${currentPage} dari ${pageCount}`, alignment: "right", fontSize: 7.5, width: 90 },
      ],
    }),
    content: tables,
  };
  return pdfmake.createPdf(doc).getBuffer();
}

/** Number of pages in a PDF written by pdfkit (page objects are not compressed). */
export function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString("latin1").match(/\/Type \/Page\b/g) ?? []).length;
}
