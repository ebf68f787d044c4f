/**
 * Ranking for verval and penetapan (Perwali Mojokerto Ps 12, Kepwal Bekasi point 8): the official
 * desil first, then TKPK's local weighted instrument, then further sort keys. Set-based in SQL:
 * score = Σ weight × indicator value per household, one window row_number() for the rank.
 * analytics/verval/ranking.ts is the reference implementation; ranking.server.test.ts checks
 * that both agree.
 *
 * Who is ranked (the same set a decree freezes, see decree.server.ts):
 *   - DTKS households in scope with at least one living member on the reference date
 *     (a household whose members are all deceased or moved per Dukcapil is not listed);
 *   - new applicants (applications.match = 'baru') proposed to the kabupaten, scored from
 *     the household and members they registered; they have no official desil yet, so they come
 *     after every household with a desil (unknown desil last, as in the reference).
 */
import pg from "pg";
import { z } from "zod";
import { InstrumentSchema, type Instrument, type ScorePart } from "../../analytics/verval/ranking";
import { PeriodeSchema, periodRange } from "../../analytics/eligibility/period";
import { bps14Criteria, rtlhCriteria } from "../../analytics/indicators/catalogue";
import { recordAudit } from "../audit.server";
import type { Account } from "../accounts/accounts.server";
import { withTransaction } from "../connection.server";
import { rankingIndicatorsById, sortKeyIds, sortKeys, valueColumn, type SortKeyId } from "./ranking-indicators";

type Queryable = Pick<pg.Pool, "query"> | Pick<pg.PoolClient, "query">;

/**
 * Settings for the whole-scope ranking: JIT compiling the long score expressions costs more than
 * it saves, and the member aggregate spills to disk at the default work_mem.
 */
export const rankingSettings = ["SET LOCAL jit = off", "SET LOCAL work_mem = '64MB'"] as const;

export async function heavyQuery<T extends pg.QueryResultRow>(db: Queryable, text: string, values: unknown[]): Promise<pg.QueryResult<T>> {
  if (db instanceof pg.Pool) return withTransaction(db, (c) => c.query<T>(text, values), { setup: rankingSettings });
  return db.query<T>(text, values);
}

export const ScopeCodeSchema = z.string().regex(/^(\d{4}|\d{6}|\d{10})?$/, "kode wilayah harus 4, 6 atau 10 digit");

export const SortKeySchema = z.object({ key: z.enum(sortKeyIds as [SortKeyId, ...SortKeyId[]]), direction: z.enum(["asc", "desc"]) });
export type RankSortKey = z.infer<typeof SortKeySchema>;

/** `jumlah_jiwa:desc,kode_desa:asc` ⇄ sort keys (URL form). Unknown keys are dropped. */
export function parseSortKeys(text: string | null | undefined): RankSortKey[] {
  if (!text) return [];
  const seen = new Set<string>();
  const out: RankSortKey[] = [];
  for (const part of text.split(",")) {
    const [key, dir] = part.split(":");
    const parsed = SortKeySchema.safeParse({ key, direction: dir ?? (key && key in sortKeys ? sortKeys[key as SortKeyId].defaultDirection : "asc") });
    if (parsed.success && !seen.has(parsed.data.key)) {
      seen.add(parsed.data.key);
      out.push(parsed.data);
    }
  }
  return out.slice(0, sortKeyIds.length);
}
export const formatSortKeys = (keys: RankSortKey[]): string => keys.map((k) => `${k.key}:${k.direction}`).join(",");

// ---------------------------------------------------------------------------------------------
// Instruments (versioned; a saved version is never changed)
// ---------------------------------------------------------------------------------------------

/** What TKPK submits: name, weights (catalogue indicator → weight, Σ = 1) and a note. */
export const InstrumentInputSchema = z
  .object({
    name: z.string().trim().min(1, "nama instrumen wajib diisi").max(200),
    note: z.string().trim().max(1000).optional(),
    weights: z.record(z.string(), z.number().positive("bobot harus lebih dari 0").max(1)),
  })
  .superRefine((v, ctx) => {
    for (const id of Object.keys(v.weights)) {
      if (!rankingIndicatorsById.has(id)) ctx.addIssue({ code: "custom", path: ["weights", id], message: `indikator tidak dikenal: ${id}` });
    }
  });
export type InstrumentInput = z.infer<typeof InstrumentInputSchema>;

export interface InstrumentVersion {
  version: number;
  name: string;
  instrument: Instrument;
  createdBy: string;
  createdAt: string;
  note: string | null;
}

export class InstrumentError extends Error {
  constructor(public readonly issues: { path: string; message: string }[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join("; "));
  }
}

export function mayDefineInstrument(account: Pick<Account, "role">): boolean {
  return account.role === "admin" || account.role === "kabupaten";
}

/** Validates and stores a new version (max + 1), audited in the same transaction. */
export async function saveInstrument(pool: pg.Pool, account: Account, input: unknown): Promise<InstrumentVersion> {
  if (!mayDefineInstrument(account)) throw new Response("Akses ditolak", { status: 403 });
  const parsed = InstrumentInputSchema.safeParse(input);
  if (!parsed.success) throw new InstrumentError(parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })));
  return withTransaction(
    pool,
    async (client) => {
      const { rows } = await client.query<{ next: number }>("SELECT COALESCE(max(version), 0) + 1 AS next FROM ranking_instruments");
      const version = rows[0]!.next;
      const checked = InstrumentSchema.safeParse({ version, name: parsed.data.name, weights: parsed.data.weights });
      if (!checked.success) throw new InstrumentError(checked.error.issues.map((i) => ({ path: i.path.join(".") || "weights", message: i.message })));
      const { rows: saved } = await client.query<{ created_at: Date }>(
        `INSERT INTO ranking_instruments (version, name, instrument, created_by, note) VALUES ($1, $2, $3, $4, $5) RETURNING created_at`,
        [version, checked.data.name, JSON.stringify(checked.data), account.username, parsed.data.note || null],
      );
      await recordAudit(client, {
        accountId: account.id || null,
        actor: account.username,
        entity: "ranking_instrument",
        entityKey: String(version),
        action: "create",
        after: checked.data,
        reason: parsed.data.note || null,
      });
      return {
        version,
        name: checked.data.name,
        instrument: checked.data,
        createdBy: account.username,
        createdAt: saved[0]!.created_at.toISOString(),
        note: parsed.data.note || null,
      };
    },
    { setup: ["SELECT pg_advisory_xact_lock(hashtext('ranking_instruments'))"] },
  );
}

interface InstrumentRow {
  version: number;
  name: string;
  instrument: unknown;
  created_by: string;
  created_at: Date;
  note: string | null;
}
const toVersion = (r: InstrumentRow): InstrumentVersion => ({
  version: r.version,
  name: r.name,
  instrument: InstrumentSchema.parse(r.instrument),
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
  note: r.note,
});

export async function listInstruments(db: Queryable): Promise<InstrumentVersion[]> {
  const { rows } = await db.query<InstrumentRow>("SELECT * FROM ranking_instruments ORDER BY version DESC");
  return rows.map(toVersion);
}

/** One version, or the latest when `version` is undefined; null when none. */
export async function getInstrument(db: Queryable, version?: number): Promise<InstrumentVersion | null> {
  const { rows } = await db.query<InstrumentRow>(
    version === undefined ? "SELECT * FROM ranking_instruments ORDER BY version DESC LIMIT 1" : "SELECT * FROM ranking_instruments WHERE version = $1",
    version === undefined ? [] : [version],
  );
  return rows[0] ? toVersion(rows[0]) : null;
}

// ---------------------------------------------------------------------------------------------
// The ranking query
// ---------------------------------------------------------------------------------------------

export interface RankingOptions {
  instrument: Instrument;
  /** Reference date is the period's first day (formats.md: ages on the first day). */
  periode: string;
  /** '' (everything), kabupaten, kecamatan or desa code. */
  scopeCode: string;
  sortKeys?: RankSortKey[];
  /** Only households with desil ≤ this (new applicants, without desil, stay in). */
  maxDesil?: number | null;
  /** Include new applicants (default true). */
  includeApplicants?: boolean;
  /**
   * Which application statuses count as new entrants besides those already decreed (default:
   * proposed to the kabupaten, see decree.server.ts).
   */
  applicantStatuses?: readonly ("approved" | "proposed")[];
}

const scopeColumn = (code: string) => (code.length === 10 ? "kode_desa" : code.length === 6 ? "kode_kecamatan" : "kode_kabupaten");

/**
 * The CTE chain ending in `ranked`: one row per ranked unit with id_rt (DTKS) or application_id
 * (new applicant), kode_desa, alamat, desil, jumlah_jiwa, n_lansia, luas_lantai_per_jiwa,
 * each chosen indicator's v_* value, score and rank. Parameters: $1 reference date, $2 scope.
 */
export function rankingCte(o: RankingOptions, onlyIds?: readonly string[]): { text: string; values: unknown[] } {
  const scope = ScopeCodeSchema.parse(o.scopeCode);
  const periode = PeriodeSchema.parse(o.periode);
  const instrument = InstrumentSchema.parse(o.instrument);
  const entries = Object.entries(instrument.weights).map(([id, weight]) => {
    const ind = rankingIndicatorsById.get(id);
    if (!ind) throw new InstrumentError([{ path: `weights.${id}`, message: `indikator tidak dikenal: ${id}` }]);
    return { ind, weight };
  });
  const values: unknown[] = [periodRange(periode).start, scope];
  // onlyIds ($3): compute just these units (a cached order's page); their values do not depend on others.
  if (onlyIds) values.push(onlyIds);
  const hScope = (scope ? `h.${scopeColumn(scope)} = $2` : "($2 = '')") + (onlyIds ? " AND h.id_rt = ANY($3::text[])" : "");
  const aScope =
    (scope ? `a.${scopeColumn(scope)} = $2` : "($2 = '')") + (onlyIds ? ` AND 'P-' || lpad(a.id::text, 9, '0') = ANY($3::text[])` : "");
  const applicants = o.includeApplicants !== false;
  // Decreed new households stay on later versions until DTKS itself lists their head's NIK.
  const statuses = [...(o.applicantStatuses ?? ["proposed"]).filter((x) => x === "approved" || x === "proposed"), "decreed"];
  const applicantWhere = `a.match = 'baru' AND a.status IN (${statuses.map((x) => `'${x}'`).join(", ")}) AND ${aScope}
    AND NOT EXISTS (SELECT 1 FROM members dm WHERE dm.nik = a.nik_kepala)`;
  const applicantKey = `'P-' || lpad(a.id::text, 9, '0')`;

  const memberEntries = entries.filter((e) => e.ind.unit === "member");
  const memberAgg = memberEntries.flatMap(({ ind }) => {
    const c = valueColumn(ind.id);
    return [`count(*) FILTER (WHERE (${ind.indicator.sql}))::int AS ${c}_num`, `count((${ind.indicator.sql}))::int AS ${c}_den`];
  });
  const valueSql = entries.map(({ ind }) => {
    const c = valueColumn(ind.id);
    if (ind.unit === "household") return `(${ind.indicator.sql})::int AS ${c}`;
    return ind.indicator.kind === "count"
      ? `(COALESCE(${c}_num, 0) > 0)::int AS ${c}`
      : `CASE WHEN ${c}_num > 0 THEN 1 WHEN ${c}_den > 0 THEN 0 END AS ${c}`;
  });
  // Weights are validated numbers; inlined as numeric literals so the sum is exact before rounding.
  const scoreSql = entries.length
    ? `round((${entries.map(({ ind, weight }) => `${weight}::numeric * COALESCE(${valueColumn(ind.id)}, 0)`).join(" + ")}), 9)::float8`
    : "0::float8";
  // Only the RTLH / BPS criteria the chosen indicators read (each costs a CASE per household).
  const chosenSql = entries.map(({ ind }) => ind.indicator.sql ?? "").join(" ");
  const criteria = [
    ...(/rtlh_k/.test(chosenSql) ? rtlhCriteria : []),
    ...(/bps_k/.test(chosenSql) ? bps14Criteria : []),
  ];
  const keys = (o.sortKeys ?? []).map((k) => `${sortKeys[k.key].sql} ${k.direction === "asc" ? "ASC" : "DESC"} NULLS LAST`);
  const order = ["desil ASC NULLS LAST", "score DESC", ...keys, `id_key COLLATE "C" ASC`].join(", ");
  const desilWhere = o.maxDesil ? `AND (desil_efektif <= ${Math.trunc(o.maxDesil)} OR application_id IS NOT NULL)` : "";

  // One chain per source (DTKS, applicants), each ending in narrow value rows; the union is
  // taken there, not over the wide household rows.
  const chain = (p: string, srcH: string, srcM: string) => `
${p}_h AS (${srcH}),
${p}_mm AS (
  SELECT s.*, date_part('year', age($1::date, s.tanggal_lahir))::int AS umur FROM (${srcM}) s
  WHERE (s.tanggal_lahir IS NULL OR s.tanggal_lahir <= $1::date)
    AND NOT EXISTS (SELECT 1 FROM population p WHERE p.nik = s.nik AND p.status <> 'hidup'
                    AND (p.tanggal_status IS NULL OR p.tanggal_status < $1::date))
),
${p}_ma AS (
  SELECT id_rt COLLATE "C" AS id_rt, count(*)::int AS jumlah_jiwa,
    min(jenjang_pendidikan) FILTER (WHERE hubungan_krt = 'kepala') AS krt_jenjang,
    min(lapangan_usaha) FILTER (WHERE hubungan_krt = 'kepala') AS krt_lapangan_usaha,
    count(umur)::int AS n_umur_diketahui, count(*) FILTER (WHERE umur >= 60)::int AS n_lansia
    ${memberAgg.map((c) => `, ${c}`).join("")}
  FROM ${p}_mm GROUP BY id_rt COLLATE "C"
),
${p}_hb AS (
  SELECT s.*, COALESCE(ma.jumlah_jiwa, 0) AS jumlah_jiwa, COALESCE(s.desil, s.status_kesejahteraan) AS desil_efektif,
    ma.krt_jenjang, ma.krt_lapangan_usaha, COALESCE(ma.n_umur_diketahui, 0) AS n_umur_diketahui, COALESCE(ma.n_lansia, 0) AS n_lansia
    ${memberEntries.map(({ ind }) => `, ma.${valueColumn(ind.id)}_num, ma.${valueColumn(ind.id)}_den`).join("")}
  FROM ${p}_h s LEFT JOIN ${p}_ma ma ON ma.id_rt = s.id_rt COLLATE "C"
),
${p}_hc AS (
  SELECT hb.*${criteria.map((c) => `, ${c.sql} AS ${c.column}`).join("")}
  FROM ${p}_hb hb WHERE jumlah_jiwa > 0 ${desilWhere} OFFSET 0
),
${p}_hv AS (
  SELECT id_rt AS id_key, CASE WHEN application_id IS NULL THEN id_rt END AS id_rt, application_id, kode_desa, alamat,
    desil_efektif::int AS desil, jumlah_jiwa, n_lansia,
    round(luas_lantai::numeric / NULLIF(jumlah_jiwa, 0), 2)::float8 AS luas_lantai_per_jiwa
    ${valueSql.map((c) => `, ${c}`).join("")}
  FROM ${p}_hc
)`;
  const dtks = chain(
    "d",
    `SELECT h.*, NULL::int AS application_id FROM households h WHERE ${hScope}`,
    `SELECT m.id_rt, m.nik, m.hubungan_krt, m.jenjang_pendidikan, m.lapangan_usaha, m.partisipasi_sekolah,
            m.disabilitas, m.penyakit_kronis, m.hamil, m.tanggal_lahir, COALESCE(h.desil, h.status_kesejahteraan) AS desil_efektif
       FROM members m JOIN households h ON h.id_rt = m.id_rt WHERE ${hScope}`,
  );
  const apps = chain(
    "a",
    `SELECT p.*, a.id AS application_id
       FROM applications a CROSS JOIN LATERAL jsonb_populate_record(NULL::households,
         a.household || jsonb_build_object('id_rt', ${applicantKey}, 'kode_desa', a.kode_desa,
           'kode_kecamatan', a.kode_kecamatan, 'kode_kabupaten', a.kode_kabupaten,
           'alamat', COALESCE(a.alamat, a.household->>'alamat'), 'desil', NULL, 'status_kesejahteraan', NULL, 'location', NULL)) p
      WHERE ${applicantWhere}`,
    `SELECT ${applicantKey} AS id_rt, x.nik, x.hubungan_krt, x.jenjang_pendidikan, x.lapangan_usaha, x.partisipasi_sekolah,
            x.disabilitas, x.penyakit_kronis, x.hamil, x.tanggal_lahir, NULL::smallint AS desil_efektif
       FROM applications a CROSS JOIN LATERAL jsonb_populate_recordset(NULL::members, a.members) x
      WHERE ${applicantWhere}`,
  );
  const text = `${dtks},${applicants ? `${apps},` : ""}
hv AS (SELECT * FROM d_hv${applicants ? " UNION ALL SELECT * FROM a_hv" : ""}),
hs AS (SELECT hv.*, ${scoreSql} AS score FROM hv),
ranked AS (SELECT hs.*, row_number() OVER (ORDER BY ${order})::int AS rank FROM hs)`;
  return { text, values };
}

/** jsonb array of ScorePart for each ranked row (alias r), for snapshots and explanations. */
export function partsJsonSql(instrument: Instrument, alias = "r"): string {
  const entries = Object.entries(instrument.weights);
  if (!entries.length) return "'[]'::jsonb";
  return `jsonb_build_array(${entries
    .map(
      ([id, w]) =>
        `jsonb_build_object('indicator', '${id.replace(/'/g, "''")}', 'weight', ${w}::float8, 'value', ${alias}.${valueColumn(id)}, 'contribution', round(${w}::numeric * COALESCE(${alias}.${valueColumn(id)}, 0), 9)::float8)`,
    )
    .join(", ")})`;
}

export interface RankedRow {
  rank: number;
  idRt: string | null;
  applicationId: number | null;
  kodeDesa: string;
  namaDesa: string | null;
  alamat: string | null;
  desil: number | null;
  score: number;
  jumlahJiwa: number;
  nikKepala: string | null;
  namaKepala: string | null;
  values: Record<string, number | null>;
}

interface RawRanked {
  rank: number;
  id_rt: string | null;
  application_id: number | null;
  kode_desa: string;
  nama_desa: string | null;
  alamat: string | null;
  desil: number | null;
  score: number;
  jumlah_jiwa: number;
  nik_kepala: string | null;
  nama_kepala: string | null;
  [v: string]: unknown;
}

const toRanked = (instrument: Instrument, r: RawRanked): RankedRow => ({
  rank: r.rank,
  idRt: r.id_rt,
  applicationId: r.application_id,
  kodeDesa: r.kode_desa,
  namaDesa: r.nama_desa,
  alamat: r.alamat,
  desil: r.desil,
  score: r.score,
  jumlahJiwa: r.jumlah_jiwa,
  nikKepala: r.nik_kepala,
  namaKepala: r.nama_kepala,
  values: Object.fromEntries(Object.keys(instrument.weights).map((id) => [id, (r[valueColumn(id)] as number | null) ?? null])),
});

/** Head of a DTKS household (first member marked kepala) or the applicant's head. */
const headJoin = (alias: string) => `
LEFT JOIN LATERAL (
  SELECT mk.nik, mk.nama FROM members mk
  WHERE ${alias}.id_rt IS NOT NULL AND mk.kode_desa = ${alias}.kode_desa AND mk.id_rt = ${alias}.id_rt AND mk.hubungan_krt = 'kepala'
  ORDER BY mk.id LIMIT 1) k ON true
LEFT JOIN applications ap ON ap.id = ${alias}.application_id
LEFT JOIN regions rg ON rg.code = ${alias}.kode_desa`;
const headCols = `COALESCE(k.nik, ap.nik_kepala) AS nik_kepala, COALESCE(k.nama, ap.nama_kepala) AS nama_kepala, rg.name AS nama_desa`;

/**
 * The ranked order of a query (unit keys by rank), kept in memory for a while: ranking a whole
 * kabupaten takes seconds at 300k households, paging through it should not. The page says when
 * the order was computed and offers a recompute; a decree always ranks afresh.
 */
const ORDER_TTL_MS = 10 * 60_000;
const ORDER_CACHE_MAX = 8;
const orderCache = new Map<string, { at: number; keys: string[] }>();
const orderKey = (o: RankingOptions) =>
  JSON.stringify([o.instrument.version, o.instrument.weights, o.periode, o.scopeCode, o.sortKeys ?? [], o.maxDesil ?? null, o.includeApplicants ?? true, o.applicantStatuses ?? null]);

export function clearRankingCache(): void {
  orderCache.clear();
}

async function rankedOrder(db: Queryable, o: RankingOptions, refresh: boolean): Promise<{ at: number; keys: string[] }> {
  const key = orderKey(o);
  const hit = orderCache.get(key);
  if (hit && !refresh && Date.now() - hit.at < ORDER_TTL_MS) return hit;
  const { text, values } = rankingCte(o);
  const { rows } = await heavyQuery<{ id_key: string }>(db, `WITH ${text} SELECT id_key FROM ranked ORDER BY rank`, values);
  const entry = { at: Date.now(), keys: rows.map((r) => r.id_key) };
  orderCache.delete(key);
  orderCache.set(key, entry);
  while (orderCache.size > ORDER_CACHE_MAX) orderCache.delete(orderCache.keys().next().value!);
  return entry;
}

/** One page of the ranking, with the total number of ranked units and when the order was computed. */
export async function rankingPage(
  db: Queryable,
  o: RankingOptions & { limit: number; offset: number; refresh?: boolean },
): Promise<{ rows: RankedRow[]; total: number; computedAt: string }> {
  const order = await rankedOrder(db, o, o.refresh ?? false);
  const keys = order.keys.slice(o.offset, o.offset + o.limit);
  const computedAt = new Date(order.at).toISOString();
  if (!keys.length) return { rows: [], total: order.keys.length, computedAt };
  const { text, values } = rankingCte(o, keys);
  const { rows } = await db.query<RawRanked & { id_key: string }>(`WITH ${text} SELECT r.*, ${headCols} FROM ranked r ${headJoin("r")}`, values);
  const byKey = new Map(rows.map((r) => [r.id_key, r]));
  const page = keys.flatMap((k, i) => {
    const r = byKey.get(k);
    // A unit gone since the order was computed (deleted household) is skipped, not invented.
    return r ? [{ ...toRanked(o.instrument, r), rank: o.offset + i + 1 }] : [];
  });
  return { rows: page, total: order.keys.length, computedAt };
}

/** Every ranked row (for the reference comparison in tests and small exports). */
export async function rankingAll(db: Queryable, o: RankingOptions): Promise<RankedRow[]> {
  const { text, values } = rankingCte(o);
  const { rows } = await heavyQuery<RawRanked>(db, `WITH ${text} SELECT r.*, ${headCols} FROM ranked r ${headJoin("r")} ORDER BY r.rank`, values);
  return rows.map((r) => toRanked(o.instrument, r));
}

export interface Explanation {
  row: RankedRow;
  parts: ScorePart[];
  total: number;
  scopeCode: string;
}

/**
 * A household's score as its weighted parts and its rank within `scopeCode` (from the same kept
 * order as the ranking page, so both agree); null when not ranked there.
 */
export async function explainHousehold(db: Queryable, o: RankingOptions, idRt: string, refresh = false): Promise<Explanation | null> {
  const order = await rankedOrder(db, o, refresh);
  const index = order.keys.indexOf(idRt);
  if (index < 0) return null;
  const { text, values } = rankingCte(o, [idRt]);
  const { rows: found } = await db.query<RawRanked>(`WITH ${text} SELECT r.*, ${headCols} FROM ranked r ${headJoin("r")}`, values);
  const rows = found.map((r) => ({ ...r, rank: index + 1, total: order.keys.length }));
  const r = rows[0];
  if (!r) return null;
  const row = toRanked(o.instrument, r);
  const parts = Object.entries(o.instrument.weights).map(([indicator, weight]) => {
    const value = row.values[indicator] ?? null;
    return { indicator, weight, value, contribution: Math.round(weight * (value ?? 0) * 1e9) / 1e9 };
  });
  return { row, parts, total: r.total, scopeCode: o.scopeCode };
}
