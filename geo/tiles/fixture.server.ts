/**
 * A small, deterministic kabupaten for the map's tests (vitest and browser): 1 kabupaten, 2
 * kecamatan, 6 desa as 0.02° squares, households with points inside their desa, members,
 * PKH/BPNT recipients. Counts are chosen to exercise the edge cases: a desa with 3 households
 * (suppressed for users without rights) and a desa with none (no data).
 * Everything is inserted set-based in SQL.
 */
import type pg from "pg";
import { defaultPrograms } from "../../analytics/eligibility/rule";

export const fixtureKabupaten = "3508";
export const fixtureKecamatan = ["350801", "350802"] as const;
/** Desa code → number of households. */
export const fixtureDesa: Record<string, number> = {
  "3508012001": 60,
  "3508012002": 25,
  "3508012003": 3,
  "3508022001": 40,
  "3508022002": 0,
  "3508022003": 12,
};
export const fixtureDesaNames: Record<string, string> = {
  "3508012001": "Sumberejo",
  "3508012002": "Karangsari",
  "3508012003": "Tegalrejo",
  "3508022001": "Wonorejo",
  "3508022002": "Sukodono",
  "3508022003": "Kedungrejo",
};
const originLon = 113.2;
const originLat = -8.1;
const size = 0.02;

/** Desa square i (0–5): two rows of three, kecamatan 350801 on top. */
export function fixtureDesaBounds(code: string): [number, number, number, number] {
  const i = Object.keys(fixtureDesa).indexOf(code);
  const col = i % 3;
  const row = Math.floor(i / 3);
  const west = originLon + col * size;
  const north = originLat - row * size;
  return [west, north - size, west + size, north];
}

export async function insertMapFixture(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const desa = Object.keys(fixtureDesa);
    await client.query(
      `INSERT INTO regions (code, level, name, parent_code, geom)
       SELECT b.code, 'desa', b.name, left(b.code, 6), ST_Multi(ST_MakeEnvelope(b.w, b.s, b.e, b.n, 4326))
       FROM unnest($1::text[], $2::text[], $3::float8[], $4::float8[], $5::float8[], $6::float8[])
            AS b(code, name, w, s, e, n)`,
      [desa, desa.map((c) => fixtureDesaNames[c]), ...[0, 1, 2, 3].map((k) => desa.map((c) => fixtureDesaBounds(c)[k]))],
    );
    await client.query(
      `INSERT INTO regions (code, level, name, parent_code, geom)
       SELECT k, 'kecamatan', CASE k WHEN '350801' THEN 'Sukamaju' ELSE 'Sidomulyo' END, left(k, 4), ST_Multi(ST_Union(geom))
       FROM regions CROSS JOIN LATERAL (SELECT left(code, 6) AS k) x WHERE level = 'desa' GROUP BY k`,
    );
    await client.query(
      `INSERT INTO regions (code, level, name, parent_code, geom)
       SELECT k, 'kabupaten', 'Kabupaten Contoh', left(k, 2), ST_Multi(ST_Union(geom))
       FROM regions CROSS JOIN LATERAL (SELECT left(code, 4) AS k) x WHERE level = 'kecamatan' GROUP BY k`,
    );
    // Households: the j-th of a desa sits on a deterministic jitter inside the square; desil
    // cycles 1..10 with every 7th unknown.
    await client.query(
      `INSERT INTO households (id_rt, kode_desa, desil, location, location_source)
       SELECT d.code || lpad(j::text, 4, '0'), d.code,
              CASE WHEN j % 7 = 0 THEN NULL ELSE (j % 10) + 1 END,
              ST_SetSRID(ST_MakePoint(
                ST_XMin(r.geom) + 0.001 + ((j * 37) % 97) / 97.0 * 0.018,
                ST_YMin(r.geom) + 0.001 + ((j * 53) % 89) / 89.0 * 0.018), 4326),
              'gps'
       FROM unnest($1::text[], $2::int[]) AS d(code, n)
       JOIN regions r ON r.code = d.code
       CROSS JOIN LATERAL generate_series(1, d.n) AS j`,
      [desa, desa.map((c) => fixtureDesa[c])],
    );
    // Members: 1–4 per household, one family (no_kk) per household.
    await client.query(
      `INSERT INTO members (id_rt, nik, no_kk, nama, kode_desa, hubungan_krt)
       SELECT h.id_rt, left(h.kode_desa, 6) || lpad((row_number() OVER ())::text, 10, '0'),
              left(h.kode_desa, 6) || lpad(right(h.id_rt, 4), 4, '0') || right(h.kode_desa, 3) || '000',
              'Anggota ' || m, h.kode_desa, CASE WHEN m = 1 THEN 'kepala'::relation_to_head ELSE 'anak'::relation_to_head END
       FROM households h CROSS JOIN LATERAL generate_series(1, 1 + (right(h.id_rt, 4)::int % 4)) AS m`,
    );
    const programs = defaultPrograms.filter((p) => p.kode === "PKH" || p.kode === "BPNT");
    for (const p of programs) {
      await client.query(
        `INSERT INTO programs (kode, nama, unit, sumber_dana, rule) VALUES ($1, $2, $3, $4, $5)`,
        [p.kode, p.nama, p.unit, p.sumberDana, JSON.stringify(p.rule)],
      );
    }
    // PKH 2025-S1: households with desil ≤ 3; BPNT 2025-S1: desil ≤ 4 and every other one;
    // PKH 2024-S2: desil ≤ 2 (an older period, to check the period filter).
    await client.query(
      `INSERT INTO recipients (program, periode, tahap, unit_key, no_kk, id_rt, kode_desa)
       SELECT p.program, p.periode, 'realisasi', m.no_kk, m.no_kk, h.id_rt, h.kode_desa
       FROM households h
       JOIN members m ON m.id_rt = h.id_rt AND m.hubungan_krt = 'kepala'
       JOIN (VALUES ('PKH', '2025-S1', 3, 1), ('BPNT', '2025-S1', 4, 2), ('PKH', '2024-S2', 2, 1))
            AS p(program, periode, max_desil, every) ON h.desil <= p.max_desil
       WHERE right(h.id_rt, 4)::int % p.every = 0`,
    );
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
