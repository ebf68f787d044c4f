/**
 * Penetapan (Perwali Mojokerto Ps 12 ayat 3, Kepwal Bekasi points 1c and 8): the approved list of a
 * period frozen as an immutable, versioned snapshot — Nomor SK, date, signer, scope, instrument
 * version, row count and a sha256 checksum over the ordered list. Rows are never changed (a
 * trigger refuses UPDATE and DELETE, migration 0007); a correction is a new version.
 *
 * ## Who is on the decree list (the rule, as a Dinsos officer reads it)
 * 1. Every DTKS household in the decree's wilayah with at least one living member on the
 *    period's first day (households whose members are all deceased or moved per Dukcapil are
 *    left out), optionally only up to a maximum desil;
 * 2. plus new households (registration, match = 'baru') whose application was **proposed to the
 *    kabupaten** (status `proposed`): only a proposal may be decreed (workflow: proposed → decreed,
 *    kabupaten or admin). Applications approved in musdes but not yet proposed are counted and
 *    shown on the form as a warning, not decreed. A new household once decreed stays on later
 *    versions (a correction must not drop it) until DTKS itself lists its head's NIK, when the
 *    DTKS household takes its place. New households have no official desil yet, so
 *    they rank after every household with a desil, by their instrument score from the
 *    registered data.
 * 3. Order: desil, then the chosen TKPK instrument version's score, then the chosen keys
 *    (db/verval/ranking.server.ts, the same query as the ranking page).
 * Every application on the list, and every `proposed` application of an already listed household
 * (match = 'terdaftar') whose household is on the list, moves to `decreed` with the SK number
 * through transitionApplication (event + audit), in the same transaction as the snapshot.
 */
import type pg from "pg";
import { z } from "zod";
import { PeriodeSchema } from "../../analytics/eligibility/period";
import { isInScope } from "../../analytics/access/scope";
import type { ScorePart } from "../../analytics/verval/ranking";
import type { Account } from "../accounts/accounts.server";
import { recordAudit } from "../audit.server";
import { withTransaction } from "../connection.server";
import { transitionApplication } from "./applications.server";
import { formatSortKeys, getInstrument, heavyQuery, parseSortKeys, partsJsonSql, rankingCte, rankingSettings } from "./ranking.server";

type Queryable = Pick<pg.Pool, "query"> | Pick<pg.PoolClient, "query">;

export const decreeRoles = ["admin", "kabupaten"] as const;
export function mayDecree(account: Pick<Account, "role">): boolean {
  return (decreeRoles as readonly string[]).includes(account.role);
}

const dateString = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "tanggal harus YYYY-MM-DD").refine((s) => !Number.isNaN(Date.parse(s)), "tanggal tidak valid");

export const DecreeInputSchema = z.object({
  periode: PeriodeSchema,
  number: z.string().trim().min(3, "nomor SK terlalu pendek").max(120),
  decreeDate: dateString,
  signer: z.string().trim().min(3, "nama penanda tangan terlalu pendek").max(200),
  scopeCode: z.string().regex(/^(\d{4}|\d{6}|\d{10})$/, "wilayah SK: kode kabupaten, kecamatan atau desa"),
  instrumentVersion: z.coerce.number().int().positive("pilih versi instrumen"),
  sortKeys: z.string().max(200).optional(),
  maxDesil: z.preprocess((v) => (v === "" || v === null ? undefined : v), z.coerce.number().int().min(1).max(10).optional()),
});
export type DecreeInput = z.input<typeof DecreeInputSchema>;

export interface DecreeSnapshot {
  id: number;
  periode: string;
  version: number;
  number: string;
  decreeDate: string;
  signer: string;
  scopeCode: string;
  scopeName: string | null;
  instrumentVersion: number | null;
  rowCount: number;
  checksum: string;
  createdBy: string;
  createdAt: string;
}

export class DecreeError extends Error {
  constructor(public readonly issues: { path: string; message: string }[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join("; "));
  }
}

/**
 * The checksum text of one item: fields joined by '|', NULL as '', score as float8 text; lines
 * joined by '\n' in rank order, sha256 in hex. The same SQL runs at creation and verification.
 */
const checksumSql = (table: string, where = "TRUE") => `
  SELECT count(*)::int AS n, encode(sha256(convert_to(COALESCE(string_agg(concat_ws('|',
    t.rank::text, COALESCE(t.id_rt, ''), COALESCE(t.application_id::text, ''), COALESCE(t.nik_kepala, ''),
    COALESCE(t.no_kk, ''), COALESCE(t.nama_kepala, ''), COALESCE(t.alamat, ''), t.kode_desa,
    COALESCE(t.desil::text, ''), COALESCE(t.score::text, '')), E'\\n' ORDER BY t.rank), ''), 'UTF8')), 'hex') AS checksum
  FROM ${table} t WHERE ${where}`;

interface SnapshotRow {
  id: number;
  periode: string;
  version: number;
  number: string;
  decree_date: string | Date;
  signer: string;
  scope_code: string;
  scope_name: string | null;
  instrument_version: number | null;
  row_count: number;
  checksum: string;
  created_by: string;
  created_at: Date;
}
const isoDate = (d: string | Date) => (typeof d === "string" ? d.slice(0, 10) : `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`);
const toSnapshot = (r: SnapshotRow): DecreeSnapshot => ({
  id: r.id,
  periode: r.periode,
  version: r.version,
  number: r.number,
  decreeDate: isoDate(r.decree_date),
  signer: r.signer,
  scopeCode: r.scope_code,
  scopeName: r.scope_name,
  instrumentVersion: r.instrument_version,
  rowCount: r.row_count,
  checksum: r.checksum,
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
});
const snapshotSelect = `SELECT d.*, d.decree_date::text AS decree_date, rg.name AS scope_name FROM decree_snapshots d LEFT JOIN regions rg ON rg.code = d.scope_code`;

/** Applications approved in musdes but not yet proposed in a scope: not decreed, shown as a warning. */
export async function pendingProposals(db: Queryable, scopeCode: string): Promise<{ approved: number; proposed: number }> {
  const { rows } = await db.query<{ approved: number; proposed: number }>(
    `SELECT count(*) FILTER (WHERE status = 'approved')::int AS approved, count(*) FILTER (WHERE status = 'proposed')::int AS proposed
       FROM applications WHERE kode_desa LIKE $1 || '%'`,
    [scopeCode],
  );
  return rows[0] ?? { approved: 0, proposed: 0 };
}

/**
 * Freezes the list: ranking into a temporary table (one INSERT … SELECT), checksum over it, the
 * snapshot header, the items (one INSERT … SELECT), the applications to `decreed`, the audit
 * entry — one transaction, nothing half-written.
 */
export async function createDecree(
  pool: pg.Pool,
  account: Account,
  input: unknown,
): Promise<DecreeSnapshot & { ms: number; applications: number; phases: Record<string, number> }> {
  if (!mayDecree(account)) throw new Response("Akses ditolak", { status: 403 });
  const parsed = DecreeInputSchema.safeParse(input);
  if (!parsed.success) throw new DecreeError(parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })));
  const d = parsed.data;
  if (!isInScope(account, d.scopeCode)) throw new Response("Akses ditolak: wilayah di luar cakupan akun", { status: 403 });
  const started = performance.now();
  const instrument = await getInstrument(pool, d.instrumentVersion);
  if (!instrument) throw new DecreeError([{ path: "instrumentVersion", message: `instrumen versi ${d.instrumentVersion} tidak ada` }]);
  const { rows: region } = await pool.query("SELECT 1 FROM regions WHERE code = $1", [d.scopeCode]);
  if (!region.length) throw new DecreeError([{ path: "scopeCode", message: `wilayah ${d.scopeCode} tidak dikenal` }]);
  const sortKeys = parseSortKeys(d.sortKeys);

  const phases: Record<string, number> = {};
  let mark = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    phases[name] = Math.round(now - mark);
    mark = now;
  };
  return withTransaction(
    pool,
    async (client) => {
      const cte = rankingCte({
        instrument: instrument.instrument,
        periode: d.periode,
        scopeCode: d.scopeCode,
        sortKeys,
        maxDesil: d.maxDesil ?? null,
        applicantStatuses: ["proposed"],
      });
      await client.query(
        `CREATE TEMP TABLE decree_rows ON COMMIT DROP AS
         WITH ${cte.text},
         heads AS (
           SELECT DISTINCT ON (m.id_rt) m.id_rt, m.nik, m.no_kk, m.nama FROM members m
           JOIN households h ON h.id_rt = m.id_rt
           WHERE ${d.scopeCode.length === 10 ? "h.kode_desa" : d.scopeCode.length === 6 ? "h.kode_kecamatan" : "h.kode_kabupaten"} = $2
             AND m.hubungan_krt = 'kepala'
           ORDER BY m.id_rt, m.id)
         SELECT r.rank, r.id_rt, r.application_id, COALESCE(k.nik, a.nik_kepala) AS nik_kepala, COALESCE(k.no_kk, a.no_kk) AS no_kk,
                COALESCE(k.nama, a.nama_kepala) AS nama_kepala, r.alamat, r.kode_desa, r.desil::smallint AS desil, r.score,
                ${partsJsonSql(instrument.instrument, "r")} AS parts
         FROM ranked r LEFT JOIN heads k ON k.id_rt = r.id_rt LEFT JOIN applications a ON a.id = r.application_id`,
        cte.values,
      );
      lap("rank_ms");
      const { rows: sum } = await client.query<{ n: number; checksum: string }>(checksumSql("decree_rows"));
      lap("checksum_ms");
      const { rows: next } = await client.query<{ v: number }>(
        "SELECT COALESCE(max(version), 0) + 1 AS v FROM decree_snapshots WHERE periode = $1 AND scope_code = $2",
        [d.periode, d.scopeCode],
      );
      const { rows: header } = await client.query<{ id: number }>(
        `INSERT INTO decree_snapshots (periode, version, number, decree_date, signer, scope_code, instrument_version, row_count, checksum, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
        [d.periode, next[0]!.v, d.number, d.decreeDate, d.signer, d.scopeCode, instrument.version, sum[0]!.n, sum[0]!.checksum, account.username],
      );
      const id = header[0]!.id;
      await client.query(
        `INSERT INTO decree_snapshot_items (snapshot_id, rank, id_rt, application_id, nik_kepala, no_kk, nama_kepala, alamat, kode_desa, desil, score, parts)
         SELECT $1, rank, id_rt, application_id, nik_kepala, no_kk, nama_kepala, alamat, kode_desa, desil, score, parts FROM decree_rows`,
        [id],
      );
      lap("insert_ms");
      // Applications decreed: new entrants on the list, and proposals of listed households on it.
      const { rows: apps } = await client.query<{ id: number; version: number }>(
        `SELECT a.id, a.version FROM applications a
          WHERE a.status = 'proposed' AND (
            a.id IN (SELECT application_id FROM decree_rows WHERE application_id IS NOT NULL)
            OR (a.match = 'terdaftar' AND a.id_rt IN (SELECT id_rt FROM decree_rows WHERE id_rt IS NOT NULL)))
          ORDER BY a.id`,
      );
      for (const a of apps) {
        const moved = await transitionApplication(client, account, a.id, "decreed", { decreeNumber: d.number }, a.version);
        if (!moved.ok) throw new DecreeError([{ path: `application.${a.id}`, message: `permohonan ${a.id} tidak dapat ditetapkan: ${moved.error}` }]);
      }
      lap("applications_ms");
      await recordAudit(client, {
        accountId: account.id || null,
        actor: account.username,
        entity: "decree",
        entityKey: String(id),
        action: "create",
        after: {
          periode: d.periode,
          version: next[0]!.v,
          number: d.number,
          decreeDate: d.decreeDate,
          signer: d.signer,
          scopeCode: d.scopeCode,
          instrumentVersion: instrument.version,
          sortKeys: formatSortKeys(sortKeys),
          maxDesil: d.maxDesil ?? null,
          rowCount: sum[0]!.n,
          checksum: sum[0]!.checksum,
          applications: apps.map((a) => a.id),
        },
      });
      const { rows } = await client.query<SnapshotRow>(`${snapshotSelect} WHERE d.id = $1`, [id]);
      return { ...toSnapshot(rows[0]!), ms: Math.round(performance.now() - started), applications: apps.length, phases };
    },
    { setup: [...rankingSettings, "SELECT pg_advisory_xact_lock(hashtext('decree_snapshots'))"] },
  );
}

/** Snapshots the account may see (admin: all; kabupaten: inside its scope), newest first. */
export async function listDecrees(db: Queryable, account: Account): Promise<DecreeSnapshot[]> {
  if (!mayDecree(account)) throw new Response("Akses ditolak", { status: 403 });
  const prefix = account.role === "admin" ? "" : account.scopeCode;
  const { rows } = await db.query<SnapshotRow>(`${snapshotSelect} WHERE d.scope_code LIKE $1 || '%' ORDER BY d.created_at DESC, d.id DESC`, [prefix]);
  return rows.map(toSnapshot);
}

/** One snapshot; 404 when missing, 403 outside the account's scope. */
export async function getDecree(db: Queryable, account: Account, id: number): Promise<DecreeSnapshot> {
  if (!mayDecree(account)) throw new Response("Akses ditolak", { status: 403 });
  const { rows } = await db.query<SnapshotRow>(`${snapshotSelect} WHERE d.id = $1`, [id]);
  if (!rows[0]) throw new Response("SK tidak ditemukan", { status: 404 });
  if (!isInScope(account, rows[0].scope_code)) throw new Response("Akses ditolak", { status: 403 });
  return toSnapshot(rows[0]);
}

/** Recomputes the checksum from the stored items: true when nothing differs from the header. */
export async function verifyDecree(db: Queryable, snapshot: Pick<DecreeSnapshot, "id" | "checksum" | "rowCount">): Promise<boolean> {
  const { rows } = await db.query<{ n: number; checksum: string }>(checksumSql("decree_snapshot_items", "t.snapshot_id = $1"), [snapshot.id]);
  return rows[0]!.n === snapshot.rowCount && rows[0]!.checksum === snapshot.checksum;
}

export interface DecreeItem {
  rank: number;
  idRt: string | null;
  applicationId: number | null;
  nikKepala: string | null;
  noKk: string | null;
  namaKepala: string | null;
  alamat: string | null;
  kodeDesa: string;
  namaDesa: string | null;
  desil: number | null;
  score: number | null;
  parts: ScorePart[] | null;
}
interface ItemRow {
  rank: number;
  id_rt: string | null;
  application_id: number | null;
  nik_kepala: string | null;
  no_kk: string | null;
  nama_kepala: string | null;
  alamat: string | null;
  kode_desa: string;
  nama_desa: string | null;
  desil: number | null;
  score: number | null;
  parts: ScorePart[] | null;
}
const toItem = (r: ItemRow): DecreeItem => ({
  rank: r.rank,
  idRt: r.id_rt,
  applicationId: r.application_id,
  nikKepala: r.nik_kepala,
  noKk: r.no_kk,
  namaKepala: r.nama_kepala,
  alamat: r.alamat,
  kodeDesa: r.kode_desa,
  namaDesa: r.nama_desa,
  desil: r.desil,
  score: r.score,
  parts: r.parts,
});

/** Items by rank (rank > afterRank), `limit` of them: pages and batched exports use the same read. */
export async function decreeItems(
  db: Queryable,
  snapshotId: number,
  afterRank: number,
  limit: number,
  opts: { withParts?: boolean; kodeDesa?: string; offset?: number } = {},
): Promise<DecreeItem[]> {
  const { rows } = await db.query<ItemRow>(
    `SELECT i.rank, i.id_rt, i.application_id, i.nik_kepala, i.no_kk, i.nama_kepala, i.alamat, i.kode_desa, rg.name AS nama_desa,
            i.desil, i.score, ${opts.withParts ? "i.parts" : "NULL::jsonb AS parts"}
       FROM decree_snapshot_items i LEFT JOIN regions rg ON rg.code = i.kode_desa
      WHERE i.snapshot_id = $1 AND i.rank > $2 AND ($4::text IS NULL OR i.kode_desa = $4) ORDER BY i.rank LIMIT $3 OFFSET $5`,
    [snapshotId, afterRank, limit, opts.kodeDesa ?? null, opts.offset ?? 0],
  );
  return rows.map(toItem);
}

/** Desa on a decree list with their row counts (filters, per-desa PDFs). */
export async function decreeDesa(db: Queryable, snapshotId: number): Promise<{ code: string; name: string | null; n: number }[]> {
  const { rows } = await db.query<{ code: string; name: string | null; n: number }>(
    `SELECT i.kode_desa AS code, rg.name, count(*)::int AS n FROM decree_snapshot_items i LEFT JOIN regions rg ON rg.code = i.kode_desa
      WHERE i.snapshot_id = $1 GROUP BY 1, 2 ORDER BY 1`,
    [snapshotId],
  );
  return rows;
}

/** The previous version of the same periode and wilayah, if any (compare link). */
export async function previousVersion(db: Queryable, s: Pick<DecreeSnapshot, "periode" | "scopeCode" | "version">): Promise<number | null> {
  const { rows } = await db.query<{ id: number }>(
    "SELECT id FROM decree_snapshots WHERE periode = $1 AND scope_code = $2 AND version < $3 ORDER BY version DESC LIMIT 1",
    [s.periode, s.scopeCode, s.version],
  );
  return rows[0]?.id ?? null;
}

/** Calls `onBatch` with successive batches of items in rank order (exports: bounded memory per batch). */
export async function forEachDecreeBatch(db: Queryable, snapshotId: number, batchSize: number, onBatch: (items: DecreeItem[]) => Promise<void> | void): Promise<void> {
  let after = 0;
  for (;;) {
    const batch = await decreeItems(db, snapshotId, after, batchSize);
    if (!batch.length) return;
    await onBatch(batch);
    after = batch[batch.length - 1]!.rank;
  }
}

/** The snapshot and rank of a household in every decree that lists it (household page). */
export async function decreesOfHousehold(db: Queryable, account: Account, idRt: string): Promise<{ snapshot: DecreeSnapshot; rank: number; score: number | null }[]> {
  if (!mayDecree(account)) return [];
  const { rows } = await db.query<SnapshotRow & { item_rank: number; item_score: number | null }>(
    `SELECT d.*, d.decree_date::text AS decree_date, rg.name AS scope_name, i.rank AS item_rank, i.score AS item_score
       FROM decree_snapshot_items i JOIN decree_snapshots d ON d.id = i.snapshot_id LEFT JOIN regions rg ON rg.code = d.scope_code
      WHERE i.id_rt = $1 ORDER BY d.created_at DESC`,
    [idRt],
  );
  return rows.filter((r) => isInScope(account, r.scope_code)).map((r) => ({ snapshot: toSnapshot(r), rank: r.item_rank, score: r.item_score }));
}

// ---------------------------------------------------------------------------------------------
// Compare two snapshots
// ---------------------------------------------------------------------------------------------

export const compareKinds = ["added", "removed", "changed"] as const;
export type CompareKind = (typeof compareKinds)[number];

export interface CompareRow {
  kind: CompareKind;
  unit: string;
  idRt: string | null;
  applicationId: number | null;
  namaKepala: string | null;
  kodeDesa: string;
  rankA: number | null;
  rankB: number | null;
  desilA: number | null;
  desilB: number | null;
  scoreA: number | null;
  scoreB: number | null;
}

/** A unit is its DTKS id_rt, or the application for a new household without one. */
const unitKey = `COALESCE(i.id_rt, 'permohonan:' || i.application_id)`;
const compareCte = `
  a AS (SELECT ${unitKey} AS unit, i.* FROM decree_snapshot_items i WHERE i.snapshot_id = $1),
  b AS (SELECT ${unitKey} AS unit, i.* FROM decree_snapshot_items i WHERE i.snapshot_id = $2),
  j AS (
    SELECT COALESCE(b.unit, a.unit) AS unit, COALESCE(b.id_rt, a.id_rt) AS id_rt, COALESCE(b.application_id, a.application_id) AS application_id,
      COALESCE(b.nama_kepala, a.nama_kepala) AS nama_kepala, COALESCE(b.kode_desa, a.kode_desa) AS kode_desa,
      a.rank AS rank_a, b.rank AS rank_b, a.desil AS desil_a, b.desil AS desil_b, a.score AS score_a, b.score AS score_b,
      CASE WHEN a.unit IS NULL THEN 'added' WHEN b.unit IS NULL THEN 'removed'
           WHEN a.rank <> b.rank OR a.desil IS DISTINCT FROM b.desil OR a.score IS DISTINCT FROM b.score THEN 'changed' END AS kind
    FROM a FULL JOIN b ON a.unit = b.unit)`;

/**
 * Snapshot A (older) against B (newer): added (in B only), removed (in A only), changed (rank,
 * desil or score differ). Counts of each and one page of rows of `kind` (all kinds when omitted).
 */
export async function compareDecrees(
  db: Queryable,
  account: Account,
  idA: number,
  idB: number,
  page: { kind?: CompareKind; limit: number; offset: number },
): Promise<{ a: DecreeSnapshot; b: DecreeSnapshot; counts: Record<CompareKind, number> & { unchanged: number }; rows: CompareRow[]; total: number }> {
  const [a, b] = await Promise.all([getDecree(db, account, idA), getDecree(db, account, idB)]);
  const { rows: c } = await heavyQuery<{ kind: string | null; n: number }>(db, `WITH ${compareCte} SELECT kind, count(*)::int AS n FROM j GROUP BY kind`, [idA, idB]);
  const counts = { added: 0, removed: 0, changed: 0, unchanged: 0 };
  for (const r of c) counts[(r.kind ?? "unchanged") as keyof typeof counts] = r.n;
  const { rows } = await heavyQuery<{
    kind: CompareKind;
    unit: string;
    id_rt: string | null;
    application_id: number | null;
    nama_kepala: string | null;
    kode_desa: string;
    rank_a: number | null;
    rank_b: number | null;
    desil_a: number | null;
    desil_b: number | null;
    score_a: number | null;
    score_b: number | null;
  }>(
    db,
    `WITH ${compareCte} SELECT * FROM j WHERE kind IS NOT NULL AND ($3::text IS NULL OR kind = $3)
     ORDER BY CASE kind WHEN 'added' THEN 1 WHEN 'removed' THEN 2 ELSE 3 END, COALESCE(rank_b, rank_a), unit COLLATE "C"
     LIMIT $4 OFFSET $5`,
    [idA, idB, page.kind ?? null, page.limit, page.offset],
  );
  const total = page.kind ? counts[page.kind] : counts.added + counts.removed + counts.changed;
  return {
    a,
    b,
    counts,
    total,
    rows: rows.map((r) => ({
      kind: r.kind,
      unit: r.unit,
      idRt: r.id_rt,
      applicationId: r.application_id,
      namaKepala: r.nama_kepala,
      kodeDesa: r.kode_desa,
      rankA: r.rank_a,
      rankB: r.rank_b,
      desilA: r.desil_a,
      desilB: r.desil_b,
      scoreA: r.score_a,
      scoreB: r.score_b,
    })),
  };
}
