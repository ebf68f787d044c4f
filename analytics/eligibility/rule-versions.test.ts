/**
 * Rule versions per period against the real database: which version governs a period, the
 * findings recording the version and stage that produced them, additions (validated in Bahasa
 * Indonesia, audited, programs.rule kept current) and the program import writing versions.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/connection.server";
import { importFile } from "../../db/import/index.server";
import { resetData, testDatabase } from "../../tests/db";
import { kk, loadFixture } from "../targeting/fixture.server";
import { runFindings } from "../targeting/findings.server";
import { loadPrograms } from "./programs.server";
import { periodStartMonth } from "./period";
import { defaultPrograms } from "./rule";
import {
  addLocalProgram,
  addRuleVersion,
  listRuleVersions,
  parseRuleJson,
  resolveRuleVersion,
  RuleVersionError,
} from "./rule-versions.server";
import { ruleSummary } from "./summary";

let db: Database;
const actor = { id: null, username: "uji.kabupaten" };
const pkh = defaultPrograms.find((p) => p.kode === "PKH")!;

async function versions(program: string) {
  return (await listRuleVersions(db.pool, program)).map((v) => `${v.version}@${v.berlakuMulai}`);
}

beforeAll(async () => {
  db = await testDatabase();
  await resetData(db);
  await loadFixture(db.pool);
  // Hand fixture: PKH v1 from 2000-01 (the default rule), v2 from 2026-07 without components and
  // with desil ≤ 8, so Hendra's KK3 (desil 8, no component) turns eligible from July 2026.
  await db.pool.query(
    `INSERT INTO program_rules (program, version, berlaku_mulai, rule, tidak_boleh_bersama, created_by) VALUES
       ('PKH', 1, '2000-01', $1, '{}', 'uji'), ('PKH', 2, '2026-07', $2, '{}', 'uji')`,
    [
      JSON.stringify(pkh.rule),
      JSON.stringify({ ...pkh.rule, version: 2, maxDesil: 8, anyMemberComponent: [] }),
    ],
  );
});
afterAll(async () => resetData(db));

describe("which version governs a period", () => {
  it("takes the latest start on or before the period's first month", async () => {
    expect(periodStartMonth("2026-S2")).toBe("2026-07");
    expect(periodStartMonth("2026-Q3")).toBe("2026-07");
    expect((await resolveRuleVersion(db.pool, "PKH", "2026-03"))?.version).toBe(1);
    expect((await resolveRuleVersion(db.pool, "PKH", "2026-09"))?.version).toBe(2);
    expect((await resolveRuleVersion(db.pool, "PKH", "2026-07"))?.version).toBe(2);
    expect((await resolveRuleVersion(db.pool, "PKH", "2026-06"))?.version).toBe(1);
    expect((await resolveRuleVersion(db.pool, "PKH", "2026-S1"))?.version).toBe(1);
    expect((await resolveRuleVersion(db.pool, "PKH", "2026-S2"))?.rule.maxDesil).toBe(8);
    expect(await resolveRuleVersion(db.pool, "BPNT", "2026-09")).toBeNull();
  });

  it("loads each program with the version of the period; programs without versions keep their catalogue rule", async () => {
    const march = await loadPrograms(db.pool, undefined, "2026-03");
    const sept = await loadPrograms(db.pool, undefined, "2026-09");
    expect(march.find((p) => p.kode === "PKH")).toMatchObject({ versi: 1, rule: { maxDesil: 4, version: 1 } });
    expect(sept.find((p) => p.kode === "PKH")).toMatchObject({ versi: 2, rule: { maxDesil: 8, version: 2, anyMemberComponent: [] } });
    expect(sept.find((p) => p.kode === "BPNT")).toMatchObject({ versi: 1, rule: { maxDesil: 4 } });
  });
});

describe("findings record the rule version and the stage", () => {
  it("uses v1 for 2026-S1 and v2 for 2026-S2, in aturan_versi, not in detail", async () => {
    // The same realisasi listings in the second semester.
    await db.pool.query(
      `INSERT INTO recipients (program, periode, tahap, unit_key, occurrence, nik, no_kk, id_rt, nama, kode_desa)
       SELECT program, '2026-S2', tahap, unit_key, occurrence, nik, no_kk, id_rt, nama, kode_desa FROM recipients
       WHERE periode = '2026-S1' AND program = 'PKH' AND tahap = 'realisasi'`,
    );
    await runFindings({ program: "PKH", periode: "2026-S1" }, db);
    await runFindings({ program: "PKH", periode: "2026-S2" }, db);
    const { rows } = await db.pool.query<{ periode: string; jenis: string; no_kk: string; tahap: string; aturan_versi: number | null; detail: Record<string, unknown> }>(
      `SELECT periode, jenis::text, no_kk, tahap::text, aturan_versi, detail FROM findings WHERE program = 'PKH' ORDER BY periode, jenis, no_kk`,
    );
    const s1 = rows.filter((r) => r.periode === "2026-S1");
    const s2 = rows.filter((r) => r.periode === "2026-S2");
    // v1: KK3 (desil 8) is an inclusion error; v2 (desil ≤ 8, no component) makes it eligible.
    expect(s1.find((r) => r.jenis === "inclusion")).toMatchObject({ no_kk: kk.kk3, aturan_versi: 1, tahap: "realisasi" });
    expect(s2.find((r) => r.jenis === "inclusion")).toBeUndefined();
    // v2 (no component needed): KK6 (desil 2, no young/old member) becomes an exclusion error too;
    // KK5 has nobody left by July (Paijo died in February, Tumini moved in March).
    expect(s2.filter((r) => r.jenis === "exclusion").map((r) => r.no_kk).sort()).toEqual([kk.kk4, kk.kk6].sort());
    expect(s2.filter((r) => r.jenis === "exclusion").every((r) => r.aturan_versi === 2)).toBe(true);
    expect(s1.filter((r) => r.jenis === "exclusion").every((r) => r.aturan_versi === 1)).toBe(true);
    // Kinds that use no rule carry no version; nothing keeps stage or version in detail.
    expect(rows.filter((r) => r.jenis === "double_receipt" || r.jenis === "not_in_dtks").map((r) => r.aturan_versi)).toEqual([null, null, null, null]);
    expect(rows.every((r) => r.tahap === "realisasi" && !("tahap" in r.detail) && !("aturan_versi" in r.detail))).toBe(true);
    const dq = await db.pool.query(`SELECT tahap, aturan_versi FROM findings WHERE program IS NULL`);
    expect(dq.rows.every((r) => r.tahap === null && r.aturan_versi === null)).toBe(true);
  });

  it("computes the stage asked for in its own scope (usulan), leaving realisasi findings as they were", async () => {
    const before = (await db.pool.query(`SELECT id FROM findings WHERE tahap = 'realisasi' ORDER BY id`)).rows;
    // The fixture proposes KK4 for PKH; KK1 and KK5 are eligible and not proposed.
    const r = await runFindings({ program: "PKH", periode: "2026-S1", tahap: "usulan" }, db);
    const { rows } = await db.pool.query<{ jenis: string; no_kk: string; aturan_versi: number }>(
      `SELECT jenis::text, no_kk, aturan_versi FROM findings WHERE tahap = 'usulan' ORDER BY jenis, no_kk`,
    );
    expect(rows).toEqual([
      { jenis: "exclusion", no_kk: kk.kk1, aturan_versi: 1 },
      { jenis: "exclusion", no_kk: kk.kk5, aturan_versi: 1 },
    ]);
    expect(r.counts.exclusion).toBe(2);
    expect((await db.pool.query(`SELECT id FROM findings WHERE tahap = 'realisasi' ORDER BY id`)).rows).toEqual(before);
  });
});

describe("adding versions and local programs", () => {
  it("rejects bad input with messages in Bahasa Indonesia naming the field, writing nothing", async () => {
    const bad = parseRuleJson('{"maxDesil": 12, "anyMemberComponent": [{"kind": "usia", "min": 0}], "warna": 1}');
    expect("problems" in bad && bad.problems).toEqual([
      "desil maksimum: paling besar 10",
      "komponen anggota ke-1 › usia maksimum: wajib diisi",
      "kunci tidak dikenal: warna",
    ]);
    expect(parseRuleJson("{maxDesil: 3")).toMatchObject({ problems: [expect.stringMatching(/^aturan bukan JSON yang valid/)] });
    const attempt = (input: Record<string, unknown>) =>
      addRuleVersion(db.pool, actor, { program: "PKH", berlakuMulai: "2027-01", rule: "{}", ...input }).then(
        () => [],
        (e: unknown) => (e instanceof RuleVersionError ? e.problems : [String(e)]),
      );
    expect(await attempt({ rule: '{"maxDesil": "4"}' })).toEqual(["aturan › desil maksimum: harus berupa angka"]);
    expect(await attempt({ berlakuMulai: "2027-13" })).toEqual(["berlaku mulai: bulan: YYYY-MM (misalnya 2026-07)"]);
    expect(await attempt({ berlakuMulai: "2026-07", rule: '{"maxDesil": 3}' })).toEqual([
      "berlaku mulai: program PKH sudah punya versi 2 yang berlaku mulai 2026-07; pilih bulan lain",
    ]);
    expect(await attempt({ rule: '{"maxDesil": 3}', tidakBolehBersama: ["PKH"] })).toEqual([
      "tidak boleh bersama: program PKH tidak dapat dilarang bersama dirinya sendiri",
    ]);
    expect(await attempt({ program: "TIDAK_ADA", rule: '{"maxDesil": 3}' })).toEqual(["program: program TIDAK_ADA tidak dikenal"]);
    expect(await versions("PKH")).toEqual(["1@2000-01", "2@2026-07"]);
  });

  it("adds version 3 with the next number, audits it and keeps programs.rule on the version in force", async () => {
    const v = await addRuleVersion(db.pool, actor, {
      program: "BLT_DD",
      berlakuMulai: "2000-01",
      rule: JSON.stringify({ maxDesil: 3 }),
      tidakBolehBersama: ["PKH", "BPNT"],
      note: "Perbup 2026",
    });
    expect(v).toMatchObject({ program: "BLT_DD", version: 1, berlakuMulai: "2000-01", rule: { maxDesil: 3, version: 1 }, tidakBolehBersama: ["BPNT", "PKH"] });
    const later = await addRuleVersion(db.pool, actor, { program: "BLT_DD", berlakuMulai: "2099-01", rule: { maxDesil: 2 } });
    expect(later.version).toBe(2);
    const { rows } = await db.pool.query(`SELECT rule, tidak_boleh_bersama FROM programs WHERE kode = 'BLT_DD'`);
    // 2099 is not in force yet: the catalogue holds version 1.
    expect(rows[0]).toMatchObject({ rule: { maxDesil: 3, version: 1 }, tidak_boleh_bersama: ["BPNT", "PKH"] });
    const audit = await db.pool.query(`SELECT actor, entity_key, action, after FROM audit_log WHERE entity = 'program_rule' ORDER BY id`);
    expect(audit.rows.map((a) => a.entity_key)).toEqual(["BLT_DD@1", "BLT_DD@2"]);
    expect(audit.rows[0]).toMatchObject({ actor: "uji.kabupaten", action: "create", after: { berlaku_mulai: "2000-01", note: "Perbup 2026" } });
  });

  it("adds a local program with its first version and says in words what the rule means", async () => {
    const v = await addLocalProgram(db.pool, actor, {
      program: "BANSOS_KAB",
      nama: "Bansos Kabupaten",
      unit: "keluarga",
      sumberDana: "apbd_kabupaten",
      berlakuMulai: "2026-01",
      rule: '{"maxDesil": 3, "anyMemberComponent": [{"kind": "usia", "min": 60, "max": 150}]}',
      tidakBolehBersama: ["PKH"],
    });
    expect(v).toMatchObject({ version: 1, berlakuMulai: "2026-01" });
    const [p] = await loadPrograms(db.pool, "BANSOS_KAB", "2026-S1");
    expect(p).toMatchObject({ versi: 1, unit: "keluarga", sumberDana: "apbd_kabupaten", tidakBolehBersama: ["PKH"] });
    expect(ruleSummary(p!.rule, p!.unit, p!.tidakBolehBersama)).toEqual([
      "Sasaran: keluarga (No. KK), terdaftar di DTKS dan masih hidup/tidak pindah pada awal periode.",
      "Desil rumah tangga paling tinggi 3 (desil tidak diketahui: tidak layak).",
      "Sedikitnya satu anggota rumah tangga termasuk salah satu komponen: usia 60 tahun ke atas.",
      "Tidak boleh bersamaan dengan: PKH.",
    ]);
    await expect(
      addLocalProgram(db.pool, actor, { program: "BANSOS_KAB", nama: "Lagi", unit: "keluarga", sumberDana: "apbn", berlakuMulai: "2026-01", rule: '{"maxDesil": null}' }),
    ).rejects.toThrow(/sudah ada/);
    const audit = await db.pool.query(`SELECT entity, entity_key FROM audit_log WHERE entity_key LIKE 'BANSOS_KAB%' ORDER BY id`);
    expect(audit.rows).toEqual([
      { entity: "program", entity_key: "BANSOS_KAB" },
      { entity: "program_rule", entity_key: "BANSOS_KAB@1" },
    ]);
  });
});

describe("the program import writes versions", () => {
  it("gives every imported program version 1, nothing on an unchanged re-import, a new version when the rule changed", async () => {
    await resetData(db);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tepat-aturan-"));
    const file = path.join(dir, "program.csv");
    const csv = (maxDesil: number) =>
      `kode,nama,unit,sumber_dana,tidak_boleh_bersama,aturan\nPKH,Program Keluarga Harapan,keluarga,apbn,,\nBANSOS_KAB,Bansos Kabupaten,keluarga,apbd_kabupaten,PKH,"{""maxDesil"":${maxDesil}}"\n`;
    try {
      fs.writeFileSync(file, csv(3));
      await importFile(db, { kind: "program", filePath: file, importedBy: "uji" });
      expect(await versions("PKH")).toEqual(["1@2000-01"]);
      expect(await versions("BANSOS_KAB")).toEqual(["1@2000-01"]);
      await importFile(db, { kind: "program", filePath: file, importedBy: "uji" });
      expect(await versions("BANSOS_KAB")).toEqual(["1@2000-01"]);
      fs.writeFileSync(file, csv(2));
      await importFile(db, { kind: "program", filePath: file, importedBy: "uji" });
      const month = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Jakarta", year: "numeric", month: "2-digit" }).format(new Date());
      const all = await listRuleVersions(db.pool, "BANSOS_KAB");
      expect(all.map((v) => `${v.version}@${v.berlakuMulai}`)).toEqual(["1@2000-01", `2@${month}`]);
      expect(all.map((v) => v.rule.maxDesil)).toEqual([3, 2]);
      expect(all[1]).toMatchObject({ createdBy: "uji", tidakBolehBersama: ["PKH"] });
      expect(await versions("PKH")).toEqual(["1@2000-01"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
