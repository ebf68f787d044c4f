/**
 * Household locations, the desa operator's job: set from the device GPS (with accuracy) or by
 * tapping the map. The server checks the point lies in the household's desa (ST_Covers) and asks
 * for a reason otherwise; source, accuracy, who and when are kept, and the audit log records the
 * old and new point in the same transaction. Optimistic locking: the caller sends the version it
 * saw, and a stale version is refused instead of silently overwriting a colleague's change.
 */
import type pg from "pg";
import { z } from "zod";
import { canWrite } from "../../analytics/access/scope";
import type { Account } from "../accounts/accounts.server";
import { recordAudit } from "../audit.server";
import { withTransaction } from "../connection.server";

export const LocationUpdateSchema = z.object({
  idRt: z.string().min(1),
  lon: z.coerce.number().min(-180).max(180),
  lat: z.coerce.number().min(-90).max(90),
  source: z.enum(["gps", "map"]),
  accuracyM: z.coerce.number().nonnegative().max(10_000).optional(),
  /** The household version the operator saw. */
  version: z.coerce.number().int().positive(),
  /** Required when the point falls outside the desa polygon. */
  reason: z.string().trim().max(500).optional(),
});
export type LocationUpdate = z.infer<typeof LocationUpdateSchema>;

export type LocationResult =
  | { ok: true; version: number; insideDesa: boolean }
  | { ok: false; error: "not_found" | "forbidden" | "stale" | "outside_desa_needs_reason" };

export async function setHouseholdLocation(pool: pg.Pool, account: Account, input: LocationUpdate): Promise<LocationResult> {
  return withTransaction(pool, async (client) => {
    const { rows } = await client.query<{
      kodeDesa: string;
      version: number;
      inside: boolean | null;
      before: { lon: number; lat: number } | null;
    }>(
      `SELECT h.kode_desa AS "kodeDesa", h.version,
              ST_Covers(r.geom, ST_SetSRID(ST_MakePoint($2, $3), 4326)) AS inside,
              CASE WHEN h.location IS NULL THEN NULL
                   ELSE json_build_object('lon', ST_X(h.location), 'lat', ST_Y(h.location)) END AS before
         FROM households h LEFT JOIN regions r ON r.code = h.kode_desa
        WHERE h.id_rt = $1 FOR UPDATE OF h`,
      [input.idRt, input.lon, input.lat],
    );
    const row = rows[0];
    if (!row) return { ok: false, error: "not_found" } as const;
    if (!canWrite(account, "location", row.kodeDesa)) return { ok: false, error: "forbidden" } as const;
    if (row.version !== input.version) return { ok: false, error: "stale" } as const;
    // A desa without a polygon cannot be checked; treat it as inside rather than block the field work.
    const insideDesa = row.inside ?? true;
    if (!insideDesa && !input.reason) return { ok: false, error: "outside_desa_needs_reason" } as const;
    const updated = await client.query<{ version: number }>(
      `UPDATE households SET location = ST_SetSRID(ST_MakePoint($2, $3), 4326), location_source = $4,
              location_accuracy_m = $5, location_by = $6, location_at = now(), version = version + 1, updated_at = now()
        WHERE id_rt = $1 RETURNING version`,
      [input.idRt, input.lon, input.lat, input.source, input.accuracyM ?? null, account.username],
    );
    await recordAudit(client, {
      accountId: account.id || null,
      actor: account.username,
      entity: "location",
      entityKey: input.idRt,
      action: "update",
      kodeDesa: row.kodeDesa,
      before: row.before,
      after: { lon: input.lon, lat: input.lat, source: input.source, accuracyM: input.accuracyM ?? null, insideDesa },
      reason: input.reason ?? null,
    });
    return { ok: true, version: updated.rows[0]!.version, insideDesa } as const;
  });
}

export interface LocationProgress {
  code: string;
  name: string;
  households: number;
  located: number;
  outside: number;
}

/** "312 of 540 households located" per desa of the account's scope (or of `parentCode`). */
export async function locationProgress(pool: Pick<pg.Pool, "query">, areaPrefix: string): Promise<LocationProgress[]> {
  const { rows } = await pool.query<LocationProgress>(
    `SELECT r.code, r.name,
            count(h.id_rt)::int AS households,
            count(h.location)::int AS located,
            count(*) FILTER (WHERE h.location IS NOT NULL AND NOT ST_Covers(r.geom, h.location))::int AS outside
       FROM regions r LEFT JOIN households h ON h.kode_desa = r.code
      WHERE r.level = 'desa' AND r.code LIKE $1 || '%'
      GROUP BY r.code, r.name ORDER BY r.code`,
    [areaPrefix],
  );
  return rows;
}

export interface HouseholdToLocate {
  idRt: string;
  kodeDesa: string;
  namaDesa: string;
  alamat: string | null;
  kepala: string | null;
  problem: "missing" | "outside";
}

/** Households under `areaPrefix` with no location or one outside their desa, worst first. */
export async function householdsToLocate(pool: Pick<pg.Pool, "query">, areaPrefix: string, limit = 200): Promise<HouseholdToLocate[]> {
  const { rows } = await pool.query<HouseholdToLocate>(
    `SELECT h.id_rt AS "idRt", h.kode_desa AS "kodeDesa", r.name AS "namaDesa", h.alamat,
            (SELECT m.nama FROM members m WHERE m.id_rt = h.id_rt ORDER BY (m.hubungan_krt = 'kepala') DESC NULLS LAST, m.id LIMIT 1) AS kepala,
            CASE WHEN h.location IS NULL THEN 'missing' ELSE 'outside' END AS problem
       FROM households h JOIN regions r ON r.code = h.kode_desa
      WHERE h.kode_desa LIKE $1 || '%'
        AND (h.location IS NULL OR (r.geom IS NOT NULL AND NOT ST_Covers(r.geom, h.location)))
      ORDER BY h.location IS NULL DESC, h.kode_desa, h.alamat NULLS LAST, h.id_rt
      LIMIT $2`,
    [areaPrefix, limit],
  );
  return rows;
}
