/**
 * /verifikasi — the verification dashboard: per kecamatan or desa in the account's scope, the
 * applications by status, tasks by status and overdue, and where visits are pending. Exact
 * household points only for roles with personal-data rights, inside their scope; guests see
 * counts per desa (no point, name or NIK). Visitors without an account are sent to /masuk.
 */
import { z } from "zod";
import { applicationStatuses } from "../../../analytics/verval/workflow";
import { hasPersonalDataRights } from "../../../analytics/access/roles";
import { scopePrefix } from "../../../analytics/access/scope";
import { getDatabase } from "../../../db/connection.server";
import { requireAccount } from "~/auth/session.server";

const ParamsSchema = z.object({ tingkat: z.enum(["kecamatan", "desa"]).optional().catch(undefined) });
const MAX_POINTS = 5000;

export async function loadDashboard(request: Request) {
  // Signed-in accounts only (verval is internal work); guests get counts, never points.
  const account = await requireAccount(request);
  const p = ParamsSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const scope = scopePrefix(account);
  const tingkat = p.tingkat ?? (scope.length >= 6 ? "desa" : "kecamatan");
  const len = tingkat === "desa" ? 10 : 6;
  const personal = hasPersonalDataRights(account.role);
  const { pool } = await getDatabase();
  const pendingWhere = `t.status IN ('terbuka', 'ditugaskan') AND t.kode_desa LIKE $1 || '%'`;
  const [apps, tasks, regionName, areas, outlines, pendingByDesa, points] = await Promise.all([
    pool.query<{ area: string; status: string; n: number }>(
      `SELECT left(kode_desa, $2) AS area, status::text, count(*)::int AS n FROM applications WHERE kode_desa LIKE $1 || '%' GROUP BY 1, 2`,
      [scope, len],
    ),
    pool.query<{ area: string; status: string; n: number; overdue: number }>(
      `SELECT left(kode_desa, $2) AS area, status::text, count(*)::int AS n,
              count(*) FILTER (WHERE due_date < current_date AND status IN ('terbuka', 'ditugaskan'))::int AS overdue
         FROM verification_tasks WHERE kode_desa LIKE $1 || '%' GROUP BY 1, 2`,
      [scope, len],
    ),
    scope ? pool.query<{ name: string }>("SELECT name FROM regions WHERE code = $1", [scope]) : Promise.resolve({ rows: [] as { name: string }[] }),
    pool.query<{ code: string; name: string }>(`SELECT code, name FROM regions WHERE level = $2::region_level AND code LIKE $1 || '%'`, [scope, tingkat]),
    pool.query<{ geojson: unknown }>(
      `SELECT json_build_object('type', 'FeatureCollection', 'features', COALESCE(json_agg(json_build_object(
          'type', 'Feature', 'properties', json_build_object('code', code, 'name', name),
          'geometry', ST_AsGeoJSON(ST_SimplifyPreserveTopology(geom, 0.0005), 5)::json)), '[]'::json)) AS geojson
         FROM regions WHERE level = 'desa' AND geom IS NOT NULL AND code LIKE $1 || '%'`,
      [scope],
    ),
    pool.query<{ code: string; name: string; n: number; lon: number | null; lat: number | null }>(
      `SELECT t.kode_desa AS code, r.name, count(*)::int AS n, ST_X(ST_PointOnSurface(r.geom)) AS lon, ST_Y(ST_PointOnSurface(r.geom)) AS lat
         FROM verification_tasks t JOIN regions r ON r.code = t.kode_desa WHERE ${pendingWhere} GROUP BY 1, 2, r.geom`,
      [scope],
    ),
    personal
      ? pool.query<{ lon: number; lat: number; kind: string; overdue: boolean }>(
          `SELECT ST_X(loc) AS lon, ST_Y(loc) AS lat, kind, overdue FROM (
             SELECT COALESCE(h.location, a.location) AS loc, t.kind, (t.due_date < current_date) IS TRUE AS overdue
               FROM verification_tasks t
               LEFT JOIN households h ON h.id_rt = t.id_rt
               LEFT JOIN applications a ON a.id = t.application_id
              WHERE ${pendingWhere}) x
           WHERE loc IS NOT NULL LIMIT ${MAX_POINTS}`,
          [scope],
        )
      : Promise.resolve(null),
  ]);

  const nameOf = new Map(areas.rows.map((a) => [a.code, a.name]));
  const byArea = new Map<string, { code: string; name: string; apps: Record<string, number>; tasks: Record<string, number>; overdue: number }>();
  const row = (code: string) => {
    let r = byArea.get(code);
    if (!r) byArea.set(code, (r = { code, name: nameOf.get(code) ?? code, apps: {}, tasks: {}, overdue: 0 }));
    return r;
  };
  for (const a of apps.rows) row(a.area).apps[a.status] = a.n;
  for (const t of tasks.rows) {
    const r = row(t.area);
    r.tasks[t.status] = t.n;
    r.overdue += t.overdue;
  }
  const totals = { apps: {} as Record<string, number>, tasks: {} as Record<string, number>, overdue: 0 };
  for (const r of byArea.values()) {
    for (const [k, v] of Object.entries(r.apps)) totals.apps[k] = (totals.apps[k] ?? 0) + v;
    for (const [k, v] of Object.entries(r.tasks)) totals.tasks[k] = (totals.tasks[k] ?? 0) + v;
    totals.overdue += r.overdue;
  }
  const pendingTotal = pendingByDesa.rows.reduce((a, r) => a + r.n, 0);
  return {
    tingkat,
    scopeName: regionName.rows[0]?.name ?? null,
    statuses: applicationStatuses,
    areas: [...byArea.values()].sort((a, b) => a.code.localeCompare(b.code)),
    totals,
    pendingTotal,
    map: {
      outlines: outlines.rows[0]?.geojson ?? null,
      // Points: no name, NIK or id, only where a visit is pending (roles with personal-data rights).
      points: points ? points.rows.map((r) => [Math.round(r.lon * 1e5) / 1e5, Math.round(r.lat * 1e5) / 1e5, r.overdue ? 1 : 0] as const) : null,
      counts: pendingByDesa.rows.filter((r) => r.lon !== null).map((r) => ({ code: r.code, name: r.name, n: r.n, lon: r.lon!, lat: r.lat! })),
    },
    canRank: account.role !== "guest",
    canDecree: account.role === "admin" || account.role === "kabupaten",
    now: new Date().toISOString(),
  };
}
