/** Everything the household page shows, in a handful of indexed queries. */
import type pg from "pg";
import { editableHouseholdColumns } from "./edit-schema";
import { memberColumns, type MemberRow } from "./member-schema";

export interface HouseholdDetail {
  household: Record<string, unknown> & {
    id_rt: string;
    kode_desa: string;
    nama_desa: string | null;
    nama_kecamatan: string | null;
    version: number;
    desil: number | null;
    lon: number | null;
    lat: number | null;
    location_source: string | null;
    location_accuracy_m: number | null;
    location_by: string | null;
    location_at: string | null;
    /** The desa boundary, simplified to ~10 m, for the location picker. */
    desa_geojson: unknown;
  };
  members: Array<
    MemberRow & {
      id: number;
      version: number;
      nik: string;
      no_kk: string;
      nama: string;
      hubungan_krt: string | null;
      jenis_kelamin: string | null;
      tanggal_lahir: string | null;
      status_dukcapil: string | null;
    }
  >;
  programs: Array<{ program: string; nama: string; periode: string; tahap: string; unit_key: string; nilai: number | null }>;
  findings: Array<{ jenis: string; program: string | null; periode: string | null; keterangan: string }>;
  history: AuditHistoryEntry[];
}

export interface AuditHistoryEntry {
  id: number;
  at: string;
  actor: string;
  entity: string;
  action: string;
  before: unknown;
  after: unknown;
  reason: string | null;
}

export async function householdDetail(pool: Pick<pg.Pool, "query">, idRt: string): Promise<HouseholdDetail | null> {
  const cols = editableHouseholdColumns.map((c) => `h."${c}"`).join(", ");
  const household = await pool.query<HouseholdDetail["household"]>(
    `SELECT h.id_rt, h.kode_desa, d.name AS nama_desa, k.name AS nama_kecamatan, h.version, h.desil, ${cols},
            ST_X(h.location) AS lon, ST_Y(h.location) AS lat, h.location_source, h.location_accuracy_m,
            h.location_by, to_char(h.location_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS location_at,
            ST_AsGeoJSON(ST_SimplifyPreserveTopology(d.geom, 0.0001), 6)::json AS desa_geojson
       FROM households h LEFT JOIN regions d ON d.code = h.kode_desa LEFT JOIN regions k ON k.code = h.kode_kecamatan
      WHERE h.id_rt = $1`,
    [idRt],
  );
  const row = household.rows[0];
  if (!row) return null;
  const [members, programs, findings, history] = await Promise.all([
    pool.query<HouseholdDetail["members"][number]>(
      `SELECT m.id, m.version, ${memberColumns.map((c) => `m."${c}"`).join(", ")}, p.status AS status_dukcapil
         FROM members m LEFT JOIN population p ON p.nik = m.nik
        WHERE m.id_rt = $1 ORDER BY m.no_kk, (m.hubungan_krt = 'kepala') DESC NULLS LAST, m.tanggal_lahir NULLS LAST`,
      [idRt],
    ),
    pool.query<HouseholdDetail["programs"][number]>(
      // Three indexed lookups (id_rt, nik, no_kk) joined by UNION: an OR across them would make
      // the planner scan every recipient row.
      `WITH hits AS (
         SELECT id FROM recipients WHERE id_rt = $1
         UNION SELECT r.id FROM recipients r JOIN members m ON m.nik = r.nik WHERE m.id_rt = $1
         UNION SELECT r.id FROM recipients r JOIN members m ON m.no_kk = r.no_kk WHERE m.id_rt = $1)
       SELECT DISTINCT r.program, pr.nama, r.periode, r.tahap, r.unit_key, r.nilai
         FROM hits JOIN recipients r ON r.id = hits.id JOIN programs pr ON pr.kode = r.program
        ORDER BY r.periode DESC, r.program`,
      [idRt],
    ),
    pool.query<HouseholdDetail["findings"][number]>(
      `SELECT f.jenis, f.program, f.periode, f.keterangan FROM findings f WHERE f.id_rt = $1
       UNION
       SELECT f.jenis, f.program, f.periode, f.keterangan FROM findings f JOIN members m ON m.nik = f.nik WHERE m.id_rt = $1
        ORDER BY periode DESC NULLS LAST, jenis`,
      [idRt],
    ),
    pool.query<HouseholdDetail["history"][number]>(
      `SELECT a.id, to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS at, a.actor, a.entity, a.action, a.before, a.after, a.reason
         FROM audit_log a WHERE a.entity IN ('household', 'location', 'member') AND a.entity_key = $1
        ORDER BY a.at DESC, a.id DESC LIMIT 100`,
      [idRt],
    ),
  ]);
  return { household: row, members: members.rows, programs: programs.rows, findings: findings.rows, history: history.rows };
}
