/**
 * Proposal screening (tahap usulan) on the hand-built targeting fixture (fixture.server.ts,
 * period 2026-S1): each outcome and each reason worked out by hand, the file side (CSV with `;`
 * and a BOM, XLSX) through the importer's parsers, and nothing written to recipients or findings.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetData, testDatabase } from "../../tests/db";
import type { Database } from "../../db/connection.server";
import { makeNik } from "../nik";
import { kk, loadFixture, nik } from "./fixture.server";
import { readProposalFile } from "./proposal-file.server";
import { overlapByMask } from "./sasaran-read.server";
import { screenProposalRows, screeningCells, type ProposalRow } from "./screening-read.server";
import { householdOverlap } from "./snapshot.server";
import { xlsxBuffer } from "./xlsx";

const row = (n: number, r: Partial<ProposalRow>): ProposalRow => ({
  row: n,
  nik: null,
  no_kk: null,
  id_rt: null,
  nama: null,
  kode_desa: null,
  masalah: null,
  ...r,
});
const stranger = makeNik("350801", "1991-01-01", "L", 77);

describe("proposal screening", () => {
  let db: Database;
  let dir: string;
  beforeAll(async () => {
    db = await testDatabase();
    await resetData(db);
    await loadFixture(db.pool);
    // Dukcapil knows Rina under a different name: a name mismatch and nothing else.
    await db.pool.query(`INSERT INTO population (nik, nama, status, kode_desa) VALUES ($1, 'Rina Wulandari', 'hidup', '3508012002')`, [nik.rina]);
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "tepat-usulan-test-"));
  });
  afterAll(async () => {
    await resetData(db);
    await fs.rm(dir, { recursive: true, force: true });
  });

  it("marks each proposed person layak, tidak layak or perlu dicek with the reasons (PBI_JKN, desil ≤ 5)", async () => {
    const before = await db.pool.query(`SELECT (SELECT count(*) FROM recipients)::int AS r, (SELECT count(*) FROM findings)::int AS f`);
    const result = await screenProposalRows(
      {
        program: "PBI_JKN",
        periode: "2026-S1",
        rows: [
          row(2, { nik: nik.andi, nama: "Andi" }), // H1, desil 2, alive, not receiving PBI_JKN
          row(3, { nik: nik.hendra, nama: "Hendra" }), // H3, desil 8
          row(4, { nik: stranger, nama: "Orang Baru" }), // valid structure, not in DTKS
          row(5, { nik: nik.paijo, nama: "Paidjo" }), // died 2026-02-11, already a PBI_JKN recipient
          row(6, { nik: nik.joko, nama: "Joko" }), // listed twice
          row(7, { nik: nik.joko, nama: "Joko" }),
          row(8, { nik: nik.dewi, nama: "Dewi" }), // serial 0000, in DTKS (H6, desil 2)
          row(9, { nik: nik.rina, nama: "Dewi Lestari" }), // Dukcapil: Rina Wulandari
          row(10, { nama: "Tanpa NIK" }),
        ],
      },
      db,
    );
    const by = new Map(result.rows.map((r) => [r.row, r]));
    expect(by.get(2)).toMatchObject({ status: "layak", desil: 2, alasan: ["Memenuhi syarat PBI_JKN (desil 2)"] });
    expect(by.get(3)).toMatchObject({ status: "tidak_layak", alasan: ["Desil 8 melebihi batas desil 5 untuk PBI_JKN"] });
    expect(by.get(4)).toMatchObject({ status: "tidak_layak", alasan: ["Tidak ditemukan di DTKS (dicari menurut NIK)"] });
    expect(by.get(5)?.status).toBe("perlu_dicek");
    expect(by.get(5)?.alasan).toEqual([
      "Sudah tercantum sebagai penerima PBI_JKN periode 2026-S1 (realisasi)",
      "Meninggal 2026-02-11 menurut Dukcapil",
    ]);
    expect(by.get(6)).toMatchObject({ status: "perlu_dicek", alasan: ["Tercantum 2 kali dalam berkas (baris 6, 7)"] });
    expect(by.get(7)?.status).toBe("perlu_dicek");
    expect(by.get(8)).toMatchObject({ status: "perlu_dicek", alasan: ["NIK tidak valid: nomor urut NIK 0000"] });
    expect(by.get(9)?.status).toBe("perlu_dicek");
    expect(by.get(9)?.alasan[0]).toMatch(/^Nama "Dewi Lestari" berbeda dengan nama Dukcapil "Rina Wulandari" \(kemiripan 0,\d\d\)$/);
    expect(by.get(10)).toMatchObject({ status: "perlu_dicek", alasan: ["NIK kosong: wajib untuk program PBI_JKN (unit individu)"] });
    expect(result.counts).toEqual({ layak: 1, tidak_layak: 2, perlu_dicek: 6 });
    // Screening only: nothing was written.
    const after = await db.pool.query(`SELECT (SELECT count(*) FROM recipients)::int AS r, (SELECT count(*) FROM findings)::int AS f`);
    expect(after.rows[0]).toEqual(before.rows[0]);
    expect(screeningCells(result)[0]).toEqual([2, "PBI_JKN", "2026-S1", nik.andi, kk.kk1, "H1", "Andi", "3508012001", 2, "layak", "Memenuhi syarat PBI_JKN (desil 2)"]);
  });

  it("names the mutually exclusive program (BLT_DD vs PKH) and keeps other areas out of an operator's view", async () => {
    const result = await screenProposalRows(
      {
        program: "BLT_DD",
        periode: "2026-S1",
        scope: "350802",
        rows: [
          row(2, { no_kk: kk.kk6 }), // desa C, desil 2, no PKH: layak
          row(3, { no_kk: kk.kk5 }), // desa C, desil 1; KK5 is not on PKH in the fixture: layak
          row(4, { no_kk: kk.kk1 }), // desa A: outside kecamatan 350802
        ],
      },
      db,
    );
    const by = new Map(result.rows.map((r) => [r.row, r]));
    expect(by.get(2)?.status).toBe("layak");
    expect(by.get(3)?.status).toBe("layak");
    expect(by.get(4)).toMatchObject({ status: "perlu_dicek", desil: null, alasan: ["Di luar wilayah akun Anda (desa 3508012001)"] });

    const all = await screenProposalRows({ program: "BLT_DD", periode: "2026-S1", rows: [row(2, { no_kk: kk.kk1 })] }, db);
    expect(all.rows[0].status).toBe("tidak_layak");
    expect(all.rows[0].alasan).toEqual([
      "Sudah menerima PKH pada periode 2026-S1, tidak boleh bersamaan dengan BLT_DD",
      "Sudah tercantum sebagai penerima BLT_DD periode 2026-S1 (realisasi)",
    ]);
  });

  it("counts the household overlap matrix by program masks exactly like the pairwise self-join", async () => {
    // The importer resolves each listing's household; the fixture names most by NIK / No. KK only.
    await db.pool.query(`UPDATE recipients r SET id_rt = m.id_rt FROM members m
                          WHERE r.id_rt IS NULL AND (m.nik = r.nik OR (r.nik IS NULL AND m.no_kk = r.no_kk))`);
    const pairs = await householdOverlap("2026-S1", db);
    expect(pairs.length).toBeGreaterThan(10);
    expect(await overlapByMask("2026-S1", db)).toEqual(pairs);
    // H1 receives PKH, BPNT, BLT_DD, PBI_JKN (Budi, Siti) and PIP (Andi): BPNT × PBI_JKN counts H1 once.
    expect(pairs.find((p) => p.programA === "BPNT" && p.programB === "PBI_JKN")?.households).toBe(3);
  });

  it("reads CSV (`;`, BOM) and XLSX proposal files with the importer's parsers; a bad NIK is a flag, a bad desa an error", async () => {
    const csv = path.join(dir, "usulan.csv");
    await fs.writeFile(
      csv,
      "\ufeffProgram;Periode;Tahap;NIK;Nama;Kode Desa\n" +
        `PBI_JKN;2026-S1;usulan;${nik.andi};Andi;35.08.01.2001\n` +
        `PBI_JKN;2026-S1;;3.50801E+15;Rusak;\n`,
    );
    const parsed = await readProposalFile(csv, "usulan.csv");
    expect(parsed.errors).toEqual([]);
    expect(parsed.program).toBe("PBI_JKN");
    expect(parsed.periode).toBe("2026-S1");
    expect(parsed.rows[0]).toMatchObject({ row: 2, nik: nik.andi, nama: "Andi", kode_desa: "3508012001", masalah: null });
    expect(parsed.rows[1].masalah).toMatch(/^NIK tidak valid: /);
    const screened = await screenProposalRows({ program: "PBI_JKN", periode: "2026-S1", rows: parsed.rows }, db);
    expect(screened.rows.map((r) => r.status)).toEqual(["layak", "tidak_layak"]);
    expect(screened.rows[1].alasan).toContain(parsed.rows[1].masalah);

    const xlsx = path.join(dir, "usulan.xlsx");
    await fs.writeFile(
      xlsx,
      await xlsxBuffer(
        [
          ["program", "periode", "no_kk", "kode_desa"],
          ["BPNT", "2026-S1", kk.kk6, "3508029999"],
          ["BPNT", "2026-S1", kk.kk5, "35080"],
        ],
        "usulan",
      ),
    );
    const bad = await readProposalFile(xlsx, "usulan.xlsx");
    expect(bad.errors).toHaveLength(1);
    expect(bad.errors[0]).toMatch(/^usulan\.xlsx:3:kode_desa: /);

    const two = path.join(dir, "dua.csv");
    await fs.writeFile(two, `program,periode,nik\nPKH,2026-S1,${nik.andi}\nPIP,2026-S1,${nik.rina}\n`);
    expect((await readProposalFile(two, "dua.csv")).errors).toEqual(["dua.csv: satu berkas untuk satu program (ditemukan: PIP, PKH)"]);
    const none = path.join(dir, "kosong.csv");
    await fs.writeFile(none, `nama,alamat\nA,B\n`);
    expect((await readProposalFile(none, "kosong.csv")).errors[0]).toMatch(/^kosong\.csv: kolom program tidak ada/);
  });
});
