/**
 * The seed files, read back as an outside check would: determinism, NIK structure, locations in
 * their desa, and planted errors present — and, for every kind except exclusion/inclusion,
 * exhaustive (no unplanted duplicate, invalid, deceased… case hides in the background data).
 */
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { booleanPointInPolygon } from "@turf/turf";
import type { MultiPolygon, Polygon } from "geojson";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nikBirthDate, parseNik } from "../analytics/nik";
import { defaultPrograms } from "../analytics/eligibility/rule";
import { findingKinds } from "../db/codes";
import { generateSeed, type GenerateResult } from "./generate";
import { boundariesDir } from "../tests/shared-data";

type Row = Record<string, string>;
const readCsv = (dir: string, name: string): Row[] => parse(readFileSync(join(dir, name), "utf8"), { columns: true });

const HOUSEHOLDS = 1500;
let tmp: string;
let result: GenerateResult;
let files: { rt: Row[]; anggota: Row[]; penduduk: Row[]; penerima: Row[]; planted: Row[] };

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "tepat-seed-"));
  result = await generateSeed({ households: HOUSEHOLDS, seed: 42, outDir: join(tmp, "a") });
  const dir = result.outDir;
  files = {
    rt: readCsv(dir, "rumah_tangga.csv"),
    anggota: readCsv(dir, "anggota.csv"),
    penduduk: readCsv(dir, "penduduk.csv"),
    penerima: readCsv(dir, "penerima.csv"),
    planted: readCsv(dir, "planted.csv"),
  };
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const plantedOf = (kind: string) => files.planted.filter((p) => p.jenis === kind);
const unitKey = (r: Row) => {
  const unit = defaultPrograms.find((p) => p.kode === r.program)?.unit;
  return unit === "individu" ? r.nik : unit === "keluarga" ? r.no_kk : r.id_rt;
};

describe("seed generator", () => {
  it("is deterministic: same seed → same files, other seed → other files", async () => {
    const again = await generateSeed({ households: HOUSEHOLDS, seed: 42, outDir: join(tmp, "b") });
    expect(again.hash).toBe(result.hash);
    expect(again.files.map((f) => f.sha256)).toEqual(result.files.map((f) => f.sha256));
    const other = await generateSeed({ households: HOUSEHOLDS, seed: 43, outDir: join(tmp, "c") });
    expect(other.hash).not.toBe(result.hash);
  });

  it("writes the requested households, 1–8 members each, some with two KK", () => {
    expect(files.rt).toHaveLength(HOUSEHOLDS);
    expect(result.counts.desa).toBe(205);
    const perHousehold = new Map<string, Row[]>();
    for (const m of files.anggota) perHousehold.set(m.id_rt, [...(perHousehold.get(m.id_rt) ?? []), m]);
    expect(perHousehold.size).toBe(HOUSEHOLDS);
    for (const ms of perHousehold.values()) {
      expect(ms.length).toBeGreaterThanOrEqual(1);
      expect(ms.length).toBeLessThanOrEqual(8);
      expect(ms.filter((m) => m.hubungan_krt === "kepala")).toHaveLength(1);
    }
    const twoKk = [...perHousehold.values()].filter((ms) => new Set(ms.map((m) => m.no_kk)).size === 2).length;
    expect(twoKk / HOUSEHOLDS).toBeGreaterThan(0.04);
    expect(twoKk / HOUSEHOLDS).toBeLessThan(0.14);
    // More poor than rich households.
    const desil = (d: number) => files.rt.filter((r) => Number(r.desil) === d).length;
    expect(desil(1)).toBeGreaterThan(desil(10) * 2);
  });

  it("gives valid, unique NIKs matching kecamatan, birth date and sex, except planted ones", () => {
    const invalid = new Set(plantedOf("invalid_nik").map((p) => p.nik));
    const duplicated = new Set(plantedOf("duplicate_nik").map((p) => p.nik));
    const seen = new Map<string, number>();
    for (const m of files.anggota) {
      seen.set(m.nik, (seen.get(m.nik) ?? 0) + 1);
      const parsed = parseNik(m.nik);
      if (invalid.has(m.nik)) {
        expect(parsed.ok, m.nik).toBe(false);
        expect(m.nik).toMatch(/^[0-9]{16}$/);
        continue;
      }
      expect(parsed.ok, m.nik).toBe(true);
      if (!parsed.ok || duplicated.has(m.nik)) continue;
      expect(parsed.nik.kecamatanCode).toBe(m.id_rt.slice(3, 9));
      expect(parsed.nik.sex).toBe(m.jenis_kelamin);
      expect(nikBirthDate(parsed.nik, new Date("2026-01-01"))).toBe(m.tanggal_lahir);
    }
    // Every NIK listed twice is a planted duplicate, and every planted duplicate is listed twice.
    const twice = [...seen].filter(([, n]) => n > 1).map(([nik]) => nik);
    expect(new Set(twice)).toEqual(duplicated);
    // Exhaustive invalid_nik: no other member NIK fails the parser.
    const failing = files.anggota.filter((m) => !parseNik(m.nik).ok).map((m) => m.nik);
    expect(new Set(failing)).toEqual(invalid);
    for (const r of files.penerima) if (r.nik) expect(parseNik(r.nik).ok).toBe(true);
  });

  it("places every household inside its desa polygon", () => {
    const wilayah = JSON.parse(readFileSync(join(result.outDir, "wilayah.geojson"), "utf8")) as {
      features: { properties: { kode: string }; geometry: Polygon | MultiPolygon }[];
    };
    const byCode = new Map(wilayah.features.map((f) => [f.properties.kode.replace(/\./g, ""), f.geometry]));
    for (const r of files.rt) {
      const geom = byCode.get(r.kode_desa);
      expect(geom, r.kode_desa).toBeDefined();
      expect(booleanPointInPolygon([Number(r.bujur), Number(r.lintang)], geom!), r.id_rt).toBe(true);
    }
  });

  it("plants every finding kind, with exhaustive ground truth for the data-quality kinds", () => {
    for (const kind of findingKinds) expect(plantedOf(kind).length, kind).toBeGreaterThan(0);
    const key = (r: Row) => `${r.program}|${unitKey(r)}`;

    // double_receipt: exactly the planted units appear twice.
    const counts = new Map<string, number>();
    for (const r of files.penerima) counts.set(key(r), (counts.get(key(r)) ?? 0) + 1);
    const doubles = [...counts].filter(([, n]) => n > 1).map(([k]) => k);
    expect(new Set(doubles)).toEqual(new Set(plantedOf("double_receipt").map(key)));

    // conflicting_programs: families on both PKH and BLT_DD.
    const kkOf = (program: string) => new Set(files.penerima.filter((r) => r.program === program).map((r) => r.no_kk));
    const pkh = kkOf("PKH");
    const conflicts = [...kkOf("BLT_DD")].filter((kk) => pkh.has(kk));
    expect(new Set(conflicts)).toEqual(new Set(plantedOf("conflicting_programs").map((p) => p.no_kk)));

    // deceased / moved: recipients whose Dukcapil status changed before the period ended.
    const pend = new Map(files.penduduk.map((p) => [p.nik, p]));
    for (const [kind, status] of [["deceased", "meninggal"], ["moved", "pindah"]] as const) {
      const hits = files.penerima
        .filter((r) => r.nik && pend.get(r.nik)?.status === status && pend.get(r.nik)!.tanggal_status <= "2026-06-30")
        .map((r) => `${r.program}|${r.nik}`);
      expect(new Set(hits), kind).toEqual(new Set(plantedOf(kind).map((p) => `${p.program}|${p.nik}`)));
    }

    // not_in_dtks: recipient unit (NIK or KK) absent from anggota.
    const niks = new Set(files.anggota.map((m) => m.nik));
    const kks = new Set(files.anggota.map((m) => m.no_kk));
    const outside = files.penerima
      .filter((r) => {
        const unit = defaultPrograms.find((p) => p.kode === r.program)?.unit;
        return unit === "individu" ? !niks.has(r.nik) : unit === "keluarga" ? !kks.has(r.no_kk) : false;
      })
      .map((r) => `${r.program}|${r.nik}`);
    expect(new Set(outside)).toEqual(new Set(plantedOf("not_in_dtks").map((p) => `${p.program}|${p.nik}`)));
    for (const p of plantedOf("not_in_dtks")) expect(pend.get(p.nik)?.status).toBe("hidup");

    // name_mismatch: planted names share no word with Dukcapil; all others are the same
    // name up to case and a small spelling variant.
    const words = (s: string) => new Set(s.toUpperCase().split(/\s+/));
    const mismatched = new Set(plantedOf("name_mismatch").map((p) => `${p.program}|${p.nik}`));
    for (const r of files.penerima) {
      const dukcapil = pend.get(r.nik)?.nama;
      if (!dukcapil) continue;
      const shared = [...words(r.nama)].filter((w) => words(dukcapil).has(w)).length;
      if (mismatched.has(`${r.program}|${r.nik}`)) expect(shared, r.nama).toBe(0);
      else expect(Math.abs(r.nama.length - dukcapil.length), `${r.nama} / ${dukcapil}`).toBeLessThanOrEqual(2);
    }
  });

  it("plants clear-cut exclusion (desil 1, not receiving) and inclusion (desil 9–10 receiving) cases", () => {
    const desil = new Map(files.rt.map((r) => [r.id_rt, Number(r.desil)]));
    const receiving = new Set(files.penerima.map((r) => `${r.program}|${unitKey(r)}`));
    for (const p of plantedOf("exclusion")) {
      expect(desil.get(p.id_rt)).toBe(1);
      expect(receiving.has(`${p.program}|${unitKey(p)}`), JSON.stringify(p)).toBe(false);
    }
    for (const p of plantedOf("inclusion")) {
      expect(desil.get(p.id_rt)).toBeGreaterThanOrEqual(9);
      expect(receiving.has(`${p.program}|${unitKey(p)}`), JSON.stringify(p)).toBe(true);
    }
    expect(new Set(plantedOf("exclusion").map((p) => p.program)).size).toBe(6);
    expect(new Set(plantedOf("inclusion").map((p) => p.program)).size).toBe(6);
  });

  it("uses real desa boundaries when given", async () => {
    const realBoundaries = join(boundariesDir(), "lumajang-desa.geojson");
    const r = await generateSeed({ households: 400, seed: 1, outDir: join(tmp, "real"), boundaries: realBoundaries });
    expect(r.counts.desa).toBe(205);
    const real = JSON.parse(readFileSync(realBoundaries, "utf8")) as {
      features: { properties: { code: string }; geometry: Polygon | MultiPolygon }[];
    };
    const byCode = new Map(real.features.map((f) => [f.properties.code.replace(/\./g, ""), f.geometry]));
    for (const row of readCsv(r.outDir, "rumah_tangga.csv")) {
      expect(booleanPointInPolygon([Number(row.bujur), Number(row.lintang)], byCode.get(row.kode_desa)!)).toBe(true);
    }
  });
});
