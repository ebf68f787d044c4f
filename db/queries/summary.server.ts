/**
 * The home page's region summary: one round trip of set-based counts plus households per
 * kecamatan. Reads the stored region codes (never a spatial join), so it stays ~ms at 300k rows.
 */
import { z } from "zod";
import { type Database } from "../connection.server";

const count = z.coerce.number().int().nonnegative();

const CountsRow = z.object({
  region_name: z.string().nullable(),
  kabupaten_count: count,
  kecamatan: count,
  desa: count,
  households: count,
  families: count,
  people: count,
  programs: count,
  latest_periode: z.string().nullable(),
  latest_tahap: z.string().nullable(),
  recipients: count,
});

const LastImportRow = z.object({
  kind: z.string(),
  file_name: z.string(),
  imported_by: z.string(),
  started_at: z.date(),
  finished_at: z.date().nullable(),
  rows_total: count,
  rows_inserted: count,
  rows_updated: count,
});

const KecamatanRow = z.object({ code: z.string(), name: z.string().nullable(), households: count });

export interface KecamatanCount {
  code: string;
  name: string;
  households: number;
}

export interface RegionSummary {
  regionName: string | null;
  counts: {
    kecamatan: number;
    desa: number;
    households: number;
    families: number;
    people: number;
    programs: number;
    recipients: number;
  };
  /** The latest period with any recipients, and the most advanced stage loaded for it. */
  latestPeriode: string | null;
  latestTahap: string | null;
  lastImport: {
    kind: string;
    fileName: string;
    importedBy: string;
    at: string;
    rows: number;
    inserted: number;
    updated: number;
  } | null;
  householdsPerKecamatan: KecamatanCount[];
  /** True when nothing is loaded yet (no households and no regions): show how to load data. */
  empty: boolean;
}

/**
 * A period's first day, for ordering mixed formats (YYYY, YYYY-S1, YYYY-Q3, YYYY-MM); on the same
 * first day the finer period (longer text) wins, e.g. 2025-01 over 2025.
 */
const periodStart = (col: string) => `make_date(left(${col}, 4)::int, CASE
    WHEN length(${col}) = 4 THEN 1
    WHEN substr(${col}, 6, 1) = 'S' THEN (substr(${col}, 7, 1)::int - 1) * 6 + 1
    WHEN substr(${col}, 6, 1) = 'Q' THEN (substr(${col}, 7, 1)::int - 1) * 3 + 1
    ELSE substr(${col}, 6, 2)::int END, 1)`;

// BIG boundary files name a kabupaten "Lumajang"; show "Kabupaten Lumajang" (kode 71+ is a kota).
const kabupatenTitle = (name: string, code: string) =>
  `CASE WHEN ${name} ~* '^(kabupaten|kab\\.|kota) ' THEN ${name}
        WHEN substr(${code}, 3, 2)::int >= 71 THEN 'Kota ' || ${name} ELSE 'Kabupaten ' || ${name} END`;

const countsSql = `
WITH latest AS (
  SELECT periode FROM (SELECT DISTINCT periode FROM recipients) p
  ORDER BY ${periodStart("periode")} DESC, length(periode) DESC LIMIT 1
), stage AS (
  SELECT r.tahap FROM recipients r JOIN latest USING (periode)
  GROUP BY r.tahap ORDER BY array_position(ARRAY['realisasi','penetapan','usulan']::text[], r.tahap::text) LIMIT 1
)
SELECT
  coalesce(
    (SELECT value #>> '{}' FROM dataset_info WHERE key = 'region_name' AND jsonb_typeof(value) = 'string'),
    (SELECT ${kabupatenTitle("name", "code")} FROM regions WHERE level = 'kabupaten' ORDER BY code LIMIT 1)
  ) AS region_name,
  (SELECT count(*) FROM regions WHERE level = 'kabupaten') AS kabupaten_count,
  (SELECT count(*) FROM regions WHERE level = 'kecamatan') AS kecamatan,
  (SELECT count(*) FROM regions WHERE level = 'desa') AS desa,
  (SELECT count(*) FROM households) AS households,
  -- GROUP BY lets the planner hash-aggregate (count(DISTINCT) always sorts)
  (SELECT count(*) FROM (SELECT no_kk FROM members GROUP BY no_kk) k) AS families,
  (SELECT count(*) FROM members) AS people,
  (SELECT count(*) FROM programs) AS programs,
  (SELECT periode FROM latest) AS latest_periode,
  (SELECT tahap::text FROM stage) AS latest_tahap,
  (SELECT count(*) FROM recipients r WHERE r.periode = (SELECT periode FROM latest)
     AND r.tahap = (SELECT tahap FROM stage)) AS recipients`;

const lastImportSql = `
SELECT kind::text AS kind, file_name, imported_by, started_at, finished_at, rows_total, rows_inserted, rows_updated
FROM import_batches ORDER BY coalesce(finished_at, started_at) DESC, id DESC LIMIT 1`;

// Kecamatan from the regions table and from the households (a household may reference a
// kecamatan whose boundary is not loaded yet): a full join keeps both.
const perKecamatanSql = `
SELECT coalesce(k.code, h.kode_kecamatan) AS code, k.name, coalesce(h.n, 0) AS households
FROM (SELECT code, name FROM regions WHERE level = 'kecamatan') k
FULL JOIN (SELECT kode_kecamatan, count(*) AS n FROM households GROUP BY kode_kecamatan) h
  ON h.kode_kecamatan = k.code
ORDER BY households DESC, code`;

/**
 * Counting ~1M members takes seconds on the embedded database, and the numbers only change when
 * data is loaded: cache the summary under a fingerprint of the import log (every import writes a
 * batch row) plus the small region/dataset tables. Other writers (forms) may call
 * invalidateRegionSummary(); a TTL bounds staleness from writes that do neither.
 */
const fingerprintSql = `
SELECT concat_ws('|',
  (SELECT count(*) || ':' || coalesce(max(id), 0) || ':' || coalesce(max(coalesce(finished_at, started_at))::text, '') FROM import_batches),
  (SELECT count(*) FROM regions),
  (SELECT coalesce(max(updated_at)::text, '') FROM dataset_info)) AS key`;
const CACHE_TTL_MS = 5 * 60_000;
let cache: { key: string; at: number; value: RegionSummary } | undefined;

export function invalidateRegionSummary(): void {
  cache = undefined;
}

export async function getRegionSummary(database: Database): Promise<RegionSummary> {
  const key = z.object({ key: z.string() }).parse((await database.pool.query(fingerprintSql)).rows[0]).key + `|${database.url}`;
  if (cache && cache.key === key && Date.now() - cache.at < CACHE_TTL_MS) return cache.value;
  const value = await computeRegionSummary(database);
  cache = { key, at: Date.now(), value };
  return value;
}

async function computeRegionSummary(database: Database): Promise<RegionSummary> {
  const { pool } = database;
  // Sequential on purpose: the embedded server serialises queries anyway, and it keeps the
  // pool free for other requests.
  const counts = CountsRow.parse((await pool.query(countsSql)).rows[0]);
  const lastRows = (await pool.query(lastImportSql)).rows;
  const perKec = z.array(KecamatanRow).parse((await pool.query(perKecamatanSql)).rows);
  const last = lastRows.length ? LastImportRow.parse(lastRows[0]) : null;

  return {
    regionName: counts.region_name,
    counts: {
      kecamatan: counts.kecamatan,
      desa: counts.desa,
      households: counts.households,
      families: counts.families,
      people: counts.people,
      programs: counts.programs,
      recipients: counts.recipients,
    },
    latestPeriode: counts.latest_periode,
    latestTahap: counts.latest_tahap,
    lastImport: last && {
      kind: last.kind,
      fileName: last.file_name,
      importedBy: last.imported_by,
      at: (last.finished_at ?? last.started_at).toISOString(),
      rows: last.rows_total,
      inserted: last.rows_inserted,
      updated: last.rows_updated,
    },
    householdsPerKecamatan: perKec.map((r) => ({ code: r.code, name: r.name ?? r.code, households: r.households })),
    empty: counts.households === 0 && counts.kecamatan === 0 && counts.desa === 0 && counts.kabupaten_count === 0,
  };
}
