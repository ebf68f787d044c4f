/**
 * Household search for operators: by NIK or No. KK (exact, 16 digits), by id_rt, or by the start
 * of a member's name or the address. Always limited to the account's wilayah scope; roles without
 * personal-data rights cannot search people at all (the route refuses them before this runs).
 */
import type pg from "pg";
import { scopePrefix } from "../../analytics/access/scope";
import type { AccountScope } from "../../analytics/access/roles";

export interface HouseholdHit {
  idRt: string;
  kodeDesa: string;
  namaDesa: string | null;
  alamat: string | null;
  kepala: string | null;
  desil: number | null;
  matched: string;
  /** The member whose name matched, when that is not the head. */
  matchedName: string | null;
}

/** Escapes LIKE wildcards so a user's `%` or `_` matches itself. */
function likePrefix(text: string): string {
  return text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`) + "%";
}

export async function searchHouseholds(
  pool: Pick<pg.Pool, "query">,
  account: AccountScope,
  rawQuery: string,
  limit = 20,
): Promise<HouseholdHit[]> {
  const query = rawQuery.trim();
  if (query.length < 2) return [];
  const prefix = scopePrefix(account);
  const digits = query.replace(/\s/g, "");
  const select = `SELECT h.id_rt AS "idRt", h.kode_desa AS "kodeDesa", r.name AS "namaDesa", h.alamat,
      (SELECT m2.nama FROM members m2 WHERE m2.id_rt = h.id_rt ORDER BY (m2.hubungan_krt = 'kepala') DESC NULLS LAST, m2.id LIMIT 1) AS kepala,
      h.desil`;
  if (/^\d{16}$/.test(digits)) {
    const { rows } = await pool.query<HouseholdHit>(
      `${select}, CASE WHEN m.nik = $1 THEN 'nik' ELSE 'no_kk' END AS matched, CASE WHEN m.nik = $1 THEN m.nama END AS "matchedName"
         FROM members m JOIN households h ON h.id_rt = m.id_rt LEFT JOIN regions r ON r.code = h.kode_desa
        WHERE (m.nik = $1 OR m.no_kk = $1) AND ${scopeSql("h", prefix, "$2")}
        GROUP BY h.id_rt, r.name, m.nik, m.nama LIMIT $3`,
      [digits, prefix, limit],
    );
    return dedupe(rows);
  }
  // Address words are matched anywhere in the address, which no btree can serve: only from 3
  // letters (a trigram index serves those; "si" is a name prefix, not an address).
  const searchAddress = query.length >= 3;
  const { rows } = await pool.query<HouseholdHit>(
    `WITH by_id AS (
       SELECT h.id_rt, 'id_rt' AS matched, NULL::text AS matched_name FROM households h WHERE h.id_rt = $1 AND ${scopeSql("h", prefix, "$2")}
     ), by_name AS (
       SELECT m.id_rt, 'nama' AS matched, m.nama AS matched_name FROM members m
        WHERE lower(m.nama) LIKE $3 AND ${scopeSql("m", prefix, "$2")} LIMIT $4
     ), by_address AS (
       SELECT h.id_rt, 'alamat' AS matched, NULL::text AS matched_name FROM households h
        WHERE $6 AND lower(h.alamat) LIKE '%' || $5 || '%' AND ${scopeSql("h", prefix, "$2")} LIMIT $4
     ), hits AS (
       SELECT DISTINCT ON (id_rt) id_rt, matched, matched_name FROM (SELECT * FROM by_id UNION ALL SELECT * FROM by_name UNION ALL SELECT * FROM by_address) u
     )
     ${select}, hits.matched, hits.matched_name AS "matchedName" FROM hits JOIN households h ON h.id_rt = hits.id_rt LEFT JOIN regions r ON r.code = h.kode_desa
     ORDER BY hits.matched = 'id_rt' DESC, kepala LIMIT $4`,
    [query, prefix, likePrefix(query), limit, query.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`), searchAddress],
  );
  return rows;
}

/**
 * The scope filter as an equality on the code column of the scope's level (kode_desa,
 * kode_kecamatan of households are indexed), so the planner can use the
 * area's index and estimate its rows; a LIKE 'prefix%' looked cheap under LIMIT and led to
 * sequential scans. Unusual prefix lengths fall back to LIKE.
 */
function scopeSql(alias: string, prefix: string, param: string): string {
  switch (prefix.length) {
    case 0:
      return `${param} = ''`;
    case 4:
      if (alias !== "h") break;
      return `${alias}.kode_kabupaten = ${param}`;
    case 6:
      // members has no kecamatan index: there the name index with a kode_desa range serves better.
      if (alias !== "h") break;
      return `${alias}.kode_kecamatan = ${param}`;
    case 10:
      return `${alias}.kode_desa = ${param}`;
  }
  return `${alias}.kode_desa LIKE ${param} || '%'`;
}

function dedupe(rows: HouseholdHit[]): HouseholdHit[] {
  const seen = new Set<string>();
  return rows.filter((r) => (seen.has(r.idRt) ? false : (seen.add(r.idRt), true)));
}
