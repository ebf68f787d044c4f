/**
 * Loader and action of /analisis: coverage per area, the overlap matrix and the findings list
 * for one program and period. Aggregates for everyone; the findings list (NIK, KK) only for roles
 * with personal-data rights and only inside their scope.
 */
import { z } from "zod";
import { findingKinds } from "../../../db/codes";
import { getDatabase } from "../../../db/connection.server";
import { hasPersonalDataRights } from "../../../analytics/access/roles";
import { isInScope, scopePrefix } from "../../../analytics/access/scope";
import { listFindings } from "../../../analytics/targeting/queries.server";
import { householdOverlap, readTargetingSnapshot, refreshTargetingSnapshot } from "../../../analytics/targeting/snapshot.server";
import { getAccount, publicVisitor, requireAccount } from "~/auth/session.server";

const PAGE = 50;

const ParamsSchema = z.object({
  program: z.string().regex(/^[A-Z0-9_]{1,32}$/).optional().catch(undefined),
  periode: z.string().max(7).optional().catch(undefined),
  tingkat: z.enum(["kecamatan", "desa"]).catch("kecamatan"),
  jenis: z.enum(findingKinds).optional().catch(undefined),
  wilayah: z.string().regex(/^(\d{4}|\d{6}|\d{10})$/).optional().catch(undefined),
  hal: z.coerce.number().int().min(1).max(10_000).catch(1),
});

export async function loadSasaran(request: Request) {
  const account = (await getAccount(request)) ?? publicVisitor;
  const url = new URL(request.url);
  const p = ParamsSchema.parse(Object.fromEntries(url.searchParams));
  const { pool } = await getDatabase();
  const [{ rows: programs }, { rows: periods }] = await Promise.all([
    pool.query<{ kode: string; nama: string }>("SELECT kode, nama FROM programs ORDER BY kode"),
    pool.query<{ periode: string }>("SELECT DISTINCT periode FROM recipients ORDER BY periode DESC"),
  ]);
  const program = programs.find((x) => x.kode === p.program)?.kode ?? programs[0]?.kode ?? null;
  const periode = periods.find((x) => x.periode === p.periode)?.periode ?? periods[0]?.periode ?? null;
  const base = { params: { ...p, program, periode }, programs, periods: periods.map((x) => x.periode) };
  if (!program || !periode) return { ...base, empty: true as const };

  const [snapshot, overlap, counts] = await Promise.all([
    readTargetingSnapshot(periode),
    householdOverlap(periode),
    pool.query<{ jenis: string; n: number }>(
      `SELECT jenis::text, count(*)::int AS n FROM findings
        WHERE (program = $1 OR program IS NULL) AND (periode = $2 OR periode IS NULL) GROUP BY 1`,
      [program, periode],
    ),
  ]);
  const coverage = (snapshot?.coverage ?? []).filter((r) => r.program === program);
  const { rows: names } = await pool.query<{ code: string; name: string }>(
    "SELECT code, name FROM regions WHERE level = $1",
    [p.tingkat],
  );
  const nameOf = new Map(names.map((n) => [n.code, n.name]));
  const kabupaten = coverage.find((r) => r.tingkat === "kabupaten") ?? null;
  const areas = coverage
    .filter((r) => r.tingkat === p.tingkat)
    .map((r) => ({ ...r, nama: nameOf.get(r.kode_wilayah) ?? r.kode_wilayah }))
    .sort((a, b) => (b.exclusion_error_pct ?? -1) - (a.exclusion_error_pct ?? -1) || b.eligible - a.eligible);

  const countsByKind: Record<string, number> = {};
  for (const c of counts.rows) countsByKind[c.jenis] = c.n;

  let findings: { rows: Awaited<ReturnType<typeof listFindings>>["rows"]; total: number } | null = null;
  if (hasPersonalDataRights(account.role) && account.id !== 0) {
    const scope = scopePrefix(account);
    const area = p.wilayah && isInScope(account, p.wilayah) ? p.wilayah : scope || undefined;
    findings = await listFindings({
      kodeWilayah: area,
      program,
      periode,
      jenis: p.jenis ? [p.jenis] : undefined,
      limit: PAGE,
      offset: (p.hal - 1) * PAGE,
    });
  }
  return {
    ...base,
    empty: false as const,
    kabupaten,
    areas,
    overlap,
    computedAt: snapshot?.computedAt ?? null,
    countsByKind,
    findings,
    pageSize: PAGE,
    canRecompute: account.role === "admin" || account.role === "kabupaten",
  };
}

export async function recomputeFindings(request: Request) {
  await requireAccount(request, ["admin", "kabupaten"]);
  const form = await request.formData();
  const periode = z.string().max(7).parse(form.get("periode"));
  const started = performance.now();
  await refreshTargetingSnapshot(periode);
  return { seconds: Math.round((performance.now() - started) / 100) / 10 };
}
