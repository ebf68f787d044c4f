/**
 * Loader of /analisis/calon: the candidate list of a program and period (eligible, not yet
 * listed), ranked by desil then local score, 50 a page, limited to the viewer's wilayah (or a
 * desa/kecamatan inside it). Guests and the public see counts per desil only.
 */
import { z } from "zod";
import { getDatabase } from "../../../db/connection.server";
import { mustSuppress } from "../../../analytics/classify/suppression";
import { candidateRanking, countByDesil, withNames } from "../../../analytics/targeting/candidates-read.server";
import { chooseProgramPeriod, programPeriodFields } from "../analisis_.sasaran/program-choice.server";
import { analysisViewer, forbidden, personalArea } from "../analisis_.sasaran/viewer.server";

export const PAGE_SIZE = 50;

const ParamsSchema = z.object({
  ...programPeriodFields,
  wilayah: z.string().regex(/^(\d{6}|\d{10})$/).optional().catch(undefined),
  hal: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export async function loadCalonPage(request: Request) {
  const viewer = await analysisViewer(request);
  const p = ParamsSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const area = personalArea(viewer, p.wilayah);
  if (viewer.personal && area === null) throw forbidden();
  const { pool } = await getDatabase();
  const { program, periode, programs } = await chooseProgramPeriod(pool, p);
  const base = {
    params: { program, periode, wilayah: p.wilayah ?? null, hal: p.hal },
    programs,
    personal: viewer.personal,
    pageSize: PAGE_SIZE,
  };
  if (!program || !periode) return { ...base, empty: true as const };
  const list = await candidateRanking({ program, periode, area: area ?? "" });
  const byDesil = countByDesil(list.rows).map((r) => ({ ...r, jumlah: mustSuppress(r.jumlah, viewer.personal) ? null : r.jumlah }));
  const areas = viewer.personal
    ? (
        await pool.query<{ code: string; name: string; level: string }>(
          `SELECT code, name, level::text FROM regions WHERE level IN ('kecamatan', 'desa') AND code LIKE $1 || '%' ORDER BY code`,
          [viewer.scope],
        )
      ).rows
    : [];
  return {
    ...base,
    empty: false as const,
    unit: list.unit,
    total: list.rows.length,
    byDesil,
    rows: viewer.personal ? await withNames(list.rows.slice((p.hal - 1) * PAGE_SIZE, p.hal * PAGE_SIZE)) : null,
    areas,
    ms: list.ms,
    source: list.source,
  };
}
