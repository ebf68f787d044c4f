import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetData, testDatabase } from "../../tests/db";
import type { Account } from "../accounts/accounts.server";
import { decreePdf, decreeXlsxBuffer, pdfPageCount, PDF_ROWS_PER_PAGE } from "./decree-export.server";
import { compareDecrees, createDecree, decreeItems, DecreeError, getDecree, listDecrees, verifyDecree } from "./decree.server";
import { fixtureInstrument, loadRankingFixture } from "./ranking-fixture";
import { saveInstrument } from "./ranking.server";

const admin: Account = { id: 0, username: "admin", displayName: "Admin", role: "admin", scopeCode: "" };
const kabupaten: Account = { id: 0, username: "bappeda", displayName: "Bappeda", role: "kabupaten", scopeCode: "3508" };
const otherKab: Account = { id: 0, username: "lain", displayName: "Lain", role: "kabupaten", scopeCode: "3509" };
const kecamatan: Account = { id: 0, username: "kec", displayName: "Kec", role: "kecamatan", scopeCode: "350801" };
const guest: Account = { id: 0, username: "tamu", displayName: "Tamu", role: "guest", scopeCode: "" };

const input = {
  periode: "2026",
  number: "400.9/123/427.12/2026",
  decreeDate: "2026-11-20",
  signer: "Bupati Lumajang",
  scopeCode: "3508",
  instrumentVersion: 1,
  sortKeys: "jumlah_jiwa:desc",
};

const status = async (p: Promise<unknown>) => {
  const e = await p.catch((x: unknown) => x);
  return e instanceof Response ? e.status : e instanceof Error ? e.constructor.name : "ok";
};

beforeAll(async () => {
  const db = await testDatabase();
  await resetData(db);
  await loadRankingFixture(db.pool);
  await saveInstrument(db.pool, admin, { name: fixtureInstrument.name, weights: fixtureInstrument.weights });
});
afterAll(async () => resetData(await testDatabase()));

describe("penetapan snapshots", () => {
  it("allows only admin and kabupaten inside its scope, and validates every field", async () => {
    const { pool } = await testDatabase();
    expect(await status(createDecree(pool, kecamatan, input))).toBe(403);
    expect(await status(createDecree(pool, guest, input))).toBe(403);
    expect(await status(createDecree(pool, otherKab, input))).toBe(403);
    expect(await status(listDecrees(pool, kecamatan))).toBe(403);
    const bad = await createDecree(pool, admin, { ...input, number: "", decreeDate: "20-11-2026", instrumentVersion: 9 }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(DecreeError);
    expect([...new Set((bad as DecreeError).issues.map((i) => i.path))].sort()).toEqual(["decreeDate", "number"]);
    expect(await status(createDecree(pool, admin, { ...input, instrumentVersion: 9 }))).toBe("DecreeError");
    const { rows } = await pool.query("SELECT count(*)::int AS n FROM decree_snapshots");
    expect(rows[0].n).toBe(0);
  });

  it("freezes the ranked list with a checksum, decrees the proposed application and audits", async () => {
    const { pool } = await testDatabase();
    const s = await createDecree(pool, kabupaten, input);
    expect(s).toMatchObject({ version: 1, rowCount: 7, scopeCode: "3508", instrumentVersion: 1, createdBy: "bappeda", applications: 1 });
    expect(s.checksum).toMatch(/^[0-9a-f]{64}$/);
    const items = await decreeItems(pool, s.id, 0, 100, { withParts: true });
    expect(items.map((i) => i.idRt ?? `app:${i.applicationId}`)).toEqual(["RT01", "RT03", "RT04", "RT02", "RT05", "app:1", "RT06"]);
    expect(items[1]).toMatchObject({ nikKepala: "3508010101800004", noKk: "3508010101000003", namaKepala: "Budi Tiga", namaDesa: "Desa A", desil: 2, score: 0.5 });
    expect(items[1]!.parts?.find((p) => p.indicator === "disabilitas_pct")).toEqual({ indicator: "disabilitas_pct", weight: 0.2, value: 1, contribution: 0.2 });
    expect(await verifyDecree(pool, s)).toBe(true);

    const { rows: apps } = await pool.query("SELECT id, status, decree_number FROM applications ORDER BY id");
    expect(apps.map((a) => [a.id, a.status, a.decree_number])).toEqual([
      [1, "decreed", input.number],
      [2, "approved", null], // approved in musdes, not yet proposed: not decreed
      [3, "draft", null],
    ]);
    const { rows: events } = await pool.query("SELECT from_status, to_status, actor FROM application_events WHERE application_id = 1");
    expect(events).toEqual([{ from_status: "proposed", to_status: "decreed", actor: "bappeda" }]);
    const { rows: audit } = await pool.query("SELECT after FROM audit_log WHERE entity = 'decree'");
    expect(audit[0].after).toMatchObject({ number: input.number, rowCount: 7, sortKeys: "jumlah_jiwa:desc", checksum: s.checksum });
  });

  it("refuses UPDATE and DELETE on snapshots and items; a correction is a new version", async () => {
    const { pool } = await testDatabase();
    const [s] = await listDecrees(pool, admin);
    await expect(pool.query("UPDATE decree_snapshots SET signer = 'x' WHERE id = $1", [s!.id])).rejects.toThrow(/tidak dapat diubah/);
    await expect(pool.query("DELETE FROM decree_snapshots WHERE id = $1", [s!.id])).rejects.toThrow(/tidak dapat diubah/);
    await expect(pool.query("UPDATE decree_snapshot_items SET score = 1 WHERE snapshot_id = $1", [s!.id])).rejects.toThrow(/tidak dapat diubah/);
    await expect(pool.query("DELETE FROM decree_snapshot_items WHERE snapshot_id = $1 AND rank = 1", [s!.id])).rejects.toThrow(/tidak dapat diubah/);
    expect(await verifyDecree(pool, s!)).toBe(true);

    // The data changes: RT08 is added, RT02's members die, RT05 gets desil 1. Version 2 follows.
    await pool.query(`INSERT INTO households (id_rt, kode_desa, alamat, desil, sumber_penerangan, fasilitas_bab) VALUES ('RT08', '3508012002', 'Sumber 8', 3, 'bukan_listrik', 'sendiri')`);
    await pool.query(`INSERT INTO members (id_rt, nik, no_kk, nama, kode_desa, hubungan_krt, tanggal_lahir) VALUES ('RT08', '3508010101800016', '3508010101000016', 'Kurnia Delapan', '3508012002', 'kepala', '1985-01-01')`);
    await pool.query(`INSERT INTO population (nik, status, tanggal_status) VALUES ('3508010101500002', 'meninggal', '2025-01-01'), ('3508010101000003', 'pindah', '2025-01-01')`);
    await pool.query(`UPDATE households SET desil = 1 WHERE id_rt = 'RT05'`);
    const v2 = await createDecree(pool, admin, { ...input, number: "400.9/150/427.12/2026" });
    expect(v2).toMatchObject({ version: 2, rowCount: 7, applications: 0 });
    expect(v2.checksum).not.toBe(s!.checksum);
    expect((await listDecrees(pool, kabupaten)).map((d) => d.version)).toEqual([2, 1]);
    expect(await listDecrees(pool, otherKab)).toEqual([]);
    expect(await status(getDecree(pool, otherKab, v2.id))).toBe(403);

    const cmp = await compareDecrees(pool, admin, s!.id, v2.id, { limit: 50, offset: 0 });
    // v1: RT01 RT03 RT04 RT02 RT05 app1 RT06
    // v2: RT05 (desil 1, score 0.1 beats RT01's 0) RT01 RT03 RT04 RT08 (desil 3) app1 RT06
    expect(cmp.counts).toEqual({ added: 1, removed: 1, changed: 4, unchanged: 2 });
    expect(cmp.rows.map((r) => [r.kind, r.unit, r.rankA, r.rankB])).toEqual([
      ["added", "RT08", null, 5],
      ["removed", "RT02", 4, null],
      ["changed", "RT05", 5, 1],
      ["changed", "RT01", 1, 2],
      ["changed", "RT03", 2, 3],
      ["changed", "RT04", 3, 4],
    ]);
    const onlyRemoved = await compareDecrees(pool, admin, s!.id, v2.id, { kind: "removed", limit: 50, offset: 0 });
    expect(onlyRemoved.total).toBe(1);
    expect(onlyRemoved.rows[0]).toMatchObject({ idRt: "RT02", namaKepala: "Sarmi Dua", desilA: 2, desilB: null });
  });

  it("compares hand-built snapshots: added, removed and changed by rank, desil or score", async () => {
    const { pool } = await testDatabase();
    const ids: number[] = [];
    for (const [v, items] of [
      [90, [["H1", 1, 0.5], ["H2", 2, 0.5], ["H3", 2, 0.2], ["H4", 3, 0.1]]],
      [91, [["H1", 1, 0.5], ["H3", 2, 0.3], ["H2", 2, 0.2], ["H5", 4, 0]]],
    ] as [number, [string, number, number][]][]) {
      const { rows } = await pool.query(
        `INSERT INTO decree_snapshots (periode, version, number, decree_date, signer, scope_code, row_count, checksum, created_by)
         VALUES ('2025', $1, 'SK uji', '2025-12-01', 'uji', '3508', $2, repeat('0', 64), 'uji') RETURNING id`,
        [v, items.length],
      );
      ids.push(rows[0].id);
      for (const [k, [idRt, desil, score]] of items.entries()) {
        await pool.query(`INSERT INTO decree_snapshot_items (snapshot_id, rank, id_rt, kode_desa, desil, score) VALUES ($1, $2, $3, '3508012001', $4, $5)`, [rows[0].id, k + 1, idRt, desil, score]);
      }
    }
    const cmp = await compareDecrees(pool, admin, ids[0]!, ids[1]!, { limit: 2, offset: 0 });
    // H1 same; H2 rank 2→3 and score; H3 rank 3→2 and score; H4 removed; H5 added.
    expect(cmp.counts).toEqual({ added: 1, removed: 1, changed: 2, unchanged: 1 });
    expect(cmp.total).toBe(4);
    expect(cmp.rows.map((r) => r.unit)).toEqual(["H5", "H4"]);
    const page2 = await compareDecrees(pool, admin, ids[0]!, ids[1]!, { limit: 2, offset: 2 });
    expect(page2.rows.map((r) => [r.unit, r.scoreA, r.scoreB])).toEqual([["H3", 0.2, 0.3], ["H2", 0.5, 0.2]]);
  });

  it("exports the list as XLSX (NIK as text) and as a PDF lampiran with one page per 25 rows", async () => {
    const { pool } = await testDatabase();
    const s = (await listDecrees(pool, admin)).find((d) => d.version === 1 && d.periode === "2026")!;
    const xlsx = await decreeXlsxBuffer(pool, s);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(String(sheet.getCell("A1").value)).toContain(input.number);
    expect(sheet.getRow(6).getCell(3).value).toBe("NIK Kepala");
    expect(sheet.getRow(8).getCell(3).value).toBe("3508010101800004");
    expect(sheet.rowCount).toBe(6 + 7);

    const pdf = await decreePdf(pool, s, { title: "Lampiran Keputusan Bupati Lumajang" });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdfPageCount(pdf)).toBe(1);
    const desaA = await decreePdf(pool, s, { kodeDesa: "3508012001" });
    expect(pdfPageCount(desaA)).toBe(1);

    // A longer hand-built list: 61 rows → 3 pages of 25.
    const { rows } = await pool.query(
      `INSERT INTO decree_snapshots (periode, version, number, decree_date, signer, scope_code, row_count, checksum, created_by)
       VALUES ('2024', 1, 'SK panjang', '2024-12-01', 'uji', '3508', 61, repeat('0', 64), 'uji') RETURNING id`,
    );
    await pool.query(
      `INSERT INTO decree_snapshot_items (snapshot_id, rank, id_rt, nik_kepala, nama_kepala, alamat, kode_desa, desil, score)
       SELECT $1, g, 'L' || g, '35080101018' || lpad(g::text, 5, '0'), 'Nama Kepala Rumah Tangga Yang Cukup Panjang ' || g,
              'Dusun Krajan RT 00' || (g % 9) || ' RW 00' || (g % 5) || ' jalan menuju balai desa yang panjang sekali', '3508012001', 1 + g % 10, g / 100.0
       FROM generate_series(1, 61) g`,
      [rows[0].id],
    );
    const long = await getDecree(pool, admin, rows[0].id);
    expect(pdfPageCount(await decreePdf(pool, long))).toBe(Math.ceil(61 / PDF_ROWS_PER_PAGE));
  });
});
