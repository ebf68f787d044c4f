/**
 * Loader of /analisis/temuan: the findings list of one program, period and stage, filtered by
 * kind and desa, 50 a page. Roles with personal-data rights see rows inside their scope (a desa
 * outside it: 403); guests and the public get counts per kind only (small counts hidden).
 * Reads the stored findings (indexed by desa); nothing is recomputed per request.
 */
import { z } from "zod";
import { findingKinds, recipientStages } from "../../../db/codes";
import { getDatabase } from "../../../db/connection.server";
import { mustSuppress } from "../../../analytics/classify/suppression";
import { countFindings, findingsPage } from "../../../analytics/targeting/sasaran-read.server";
import { chooseProgramPeriod, programPeriodFields } from "../analisis_.sasaran/program-choice.server";
import { analysisViewer, forbidden, personalArea } from "../analisis_.sasaran/viewer.server";

export const PAGE_SIZE = 50;

export const TemuanParamsSchema = z.object({
  ...programPeriodFields,
  tahap: z.enum(recipientStages).catch("realisasi"),
  jenis: z.enum(findingKinds).optional().catch(undefined),
  desa: z.string().regex(/^\d{10}$/).optional().catch(undefined),
  hal: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export async function loadTemuanPage(request: Request) {
  const viewer = await analysisViewer(request);
  const p = TemuanParamsSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const area = personalArea(viewer, p.desa);
  if (viewer.personal && area === null) throw forbidden();
  const { pool } = await getDatabase();
  const { program, periode, programs } = await chooseProgramPeriod(pool, p);
  const base = {
    params: { program, periode, tahap: p.tahap, jenis: p.jenis ?? null, desa: p.desa ?? null, hal: p.hal },
    programs,
    personal: viewer.personal,
    pageSize: PAGE_SIZE,
  };
  if (!program || !periode) return { ...base, empty: true as const };
  const filter = { program, periode, tahap: p.tahap, area: area ?? p.desa ?? "" };
  const [counts, rows, desaOptions] = await Promise.all([
    countFindings(filter),
    viewer.personal
      ? findingsPage({ ...filter, jenis: p.jenis, limit: PAGE_SIZE, offset: (p.hal - 1) * PAGE_SIZE })
      : Promise.resolve(null),
    viewer.personal
      ? pool
          .query<{ code: string; name: string }>(`SELECT code, name FROM regions WHERE level = 'desa' AND code LIKE $1 || '%' ORDER BY name`, [
            viewer.scope,
          ])
          .then((r) => r.rows)
      : Promise.resolve([]),
  ]);
  const countsByKind = Object.fromEntries(
    findingKinds.map((k) => [k, mustSuppress(counts[k] ?? 0, viewer.personal) ? null : (counts[k] ?? 0)]),
  ) as Record<string, number | null>;
  const total = p.jenis ? (counts[p.jenis] ?? 0) : Object.values(counts).reduce((a, b) => a + b, 0);
  return {
    ...base,
    empty: false as const,
    countsByKind,
    total: viewer.personal ? total : null,
    rows,
    desaOptions,
  };
}
