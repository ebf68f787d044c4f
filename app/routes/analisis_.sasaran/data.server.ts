/**
 * Loader of /analisis/sasaran: one program, period and stage. Coverage and errors of the
 * kabupaten (and of the viewer's own area), desa sorted by gap (eligible not receiving), finding
 * counts per kind, and the household overlap matrix. Everything is read from what the last
 * findings run stored (targeting snapshot, findings table): no E and B rebuild per request.
 * Aggregates for everyone, small desa suppressed for viewers without personal-data rights;
 * drill-down links to findings only where the viewer may see them.
 */
import { z } from "zod";
import { recipientStages } from "../../../db/codes";
import { getDatabase } from "../../../db/connection.server";
import { mustSuppress } from "../../../analytics/classify/suppression";
import { isInScope } from "../../../analytics/access/scope";
import { cachedHouseholdOverlap, countFindings, storedCoverage } from "../../../analytics/targeting/sasaran-read.server";
import { chooseProgramPeriod, programPeriodFields } from "./program-choice.server";
import { analysisViewer } from "./viewer.server";

const DESA_ROWS = 50;

export const SasaranParamsSchema = z.object({
  ...programPeriodFields,
  tahap: z.enum(recipientStages).catch("realisasi"),
  semua: z.literal("1").optional().catch(undefined),
});

export interface DesaGapRow {
  kode: string;
  nama: string;
  eligible: number | null;
  penerima: number | null;
  gap: number | null;
  exclusion: number | null;
  inclusion: number | null;
  suppressed: boolean;
  /** The viewer may open this desa's findings. */
  drill: boolean;
}

export async function loadSasaranPage(request: Request) {
  const viewer = await analysisViewer(request);
  const url = new URL(request.url);
  const p = SasaranParamsSchema.parse(Object.fromEntries(url.searchParams));
  const { pool } = await getDatabase();
  const { program, periode, programs } = await chooseProgramPeriod(pool, p);
  const base = {
    params: { program, periode, tahap: p.tahap, semua: Boolean(p.semua) },
    programs,
    personal: viewer.personal,
    scope: viewer.scope,
  };
  if (!program || !periode) return { ...base, empty: true as const };

  const realisasi = p.tahap === "realisasi";
  const [coverage, overlap, counts] = await Promise.all([
    realisasi ? storedCoverage(program, periode) : Promise.resolve({ computedAt: null, rows: [] }),
    realisasi ? cachedHouseholdOverlap(periode) : Promise.resolve([]),
    countFindings({ program, periode, tahap: p.tahap, area: viewer.personal ? viewer.scope : "" }),
  ]);
  const kabupaten = coverage.rows.find((r) => r.tingkat === "kabupaten") ?? null;
  const own = viewer.scope && viewer.scope.length > 4 ? (coverage.rows.find((r) => r.kode_wilayah === viewer.scope) ?? null) : null;
  const desa = coverage.rows
    .filter((r) => r.tingkat === "desa")
    .map((r): DesaGapRow => {
      const hide = mustSuppress(r.eligible, viewer.personal) || mustSuppress(r.penerima, viewer.personal);
      return {
        kode: r.kode_wilayah,
        nama: r.nama,
        eligible: hide ? null : r.eligible,
        penerima: hide ? null : r.penerima,
        gap: hide ? null : r.eligible - r.tepat,
        exclusion: hide ? null : r.exclusion_error_pct,
        inclusion: hide ? null : r.inclusion_error_pct,
        suppressed: hide,
        drill: viewer.personal && isInScope(viewer.account, r.kode_wilayah),
      };
    })
    .sort((a, b) => (b.gap ?? -1) - (a.gap ?? -1) || (b.exclusion ?? -1) - (a.exclusion ?? -1) || a.kode.localeCompare(b.kode));
  // Finding counts for viewers without personal-data rights are kabupaten-wide aggregates; small ones hidden.
  const countsByKind = Object.fromEntries(
    Object.entries(counts).map(([k, n]) => [k, mustSuppress(n, viewer.personal) ? null : n]),
  ) as Record<string, number | null>;
  return {
    ...base,
    empty: false as const,
    computedAt: coverage.computedAt,
    kabupaten,
    own,
    desa: p.semua ? desa : desa.slice(0, DESA_ROWS),
    desaTotal: desa.length,
    overlap,
    countsByKind,
  };
}
