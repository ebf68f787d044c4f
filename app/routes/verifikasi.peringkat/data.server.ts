/**
 * /verifikasi/peringkat: TKPK's instrument (versions, save) and the ranking of households in the
 * account's scope. Personal data (NIK, names) only for roles with those rights, inside their
 * scope; saving an instrument is for admin and kabupaten only.
 */
import { z } from "zod";
import { hasPersonalDataRights } from "../../../analytics/access/roles";
import { isInScope, scopePrefix } from "../../../analytics/access/scope";
import { PeriodeSchema } from "../../../analytics/eligibility/period";
import type { Account } from "../../../db/accounts/accounts.server";
import { getDatabase } from "../../../db/connection.server";
import { rankingIndicators, sortKeyIds } from "../../../db/verval/ranking-indicators";
import {
  InstrumentError,
  formatSortKeys,
  getInstrument,
  listInstruments,
  mayDefineInstrument,
  parseSortKeys,
  rankingPage,
  saveInstrument,
  type RankSortKey,
} from "../../../db/verval/ranking.server";
import { requireAccount } from "~/auth/session.server";

export const rankingRoles = ["admin", "kabupaten", "kecamatan", "desa"] as const;
export const PAGE_SIZE = 50;

const ParamsSchema = z.object({
  periode: PeriodeSchema.catch(String(new Date().getFullYear())),
  wilayah: z.string().regex(/^(\d{4}|\d{6}|\d{10})$/).optional().catch(undefined),
  versi: z.coerce.number().int().positive().optional().catch(undefined),
  urut: z.string().max(200).optional().catch(undefined),
  hal: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export interface RankingParams {
  periode: string;
  scopeCode: string;
  versi: number | undefined;
  sortKeys: RankSortKey[];
  hal: number;
}

/** The query of the page and its export, with the wilayah forced inside the account's scope. */
export function rankingParams(account: Account, url: URL): RankingParams {
  const p = ParamsSchema.parse(Object.fromEntries(url.searchParams));
  const scope = scopePrefix(account);
  const scopeCode = p.wilayah && isInScope(account, p.wilayah) ? p.wilayah : scope;
  // The form sends the keys as selects k0/d0, k1/d1; links carry them folded into `urut`.
  const fromSelects = url.searchParams.has("k0")
    ? [0, 1]
        .map((i) => [url.searchParams.get(`k${i}`), url.searchParams.get(`d${i}`) ?? "desc"])
        .filter(([k]) => k)
        .map(([k, dir]) => `${k}:${dir}`)
        .join(",")
    : undefined;
  const urut = fromSelects ?? p.urut;
  const sortKeys = urut === undefined ? parseSortKeys("jumlah_jiwa:desc") : parseSortKeys(urut);
  return { periode: p.periode, scopeCode, versi: p.versi, sortKeys, hal: p.hal };
}

export async function loadRanking(request: Request) {
  const account = await requireAccount(request, rankingRoles);
  const url = new URL(request.url);
  const params = rankingParams(account, url);
  const { pool } = await getDatabase();
  const versions = await listInstruments(pool);
  const chosen = params.versi ? versions.find((v) => v.version === params.versi) ?? null : versions[0] ?? null;
  const scope = scopePrefix(account);
  const { rows: areas } = await pool.query<{ code: string; name: string; level: string }>(
    `SELECT code, name, level::text FROM regions WHERE level IN ('kabupaten', 'kecamatan', 'desa') AND code LIKE $1 || '%' ORDER BY code`,
    [scope],
  );
  const ranking = chosen
    ? await rankingPage(pool, {
        instrument: chosen.instrument,
        periode: params.periode,
        scopeCode: params.scopeCode,
        sortKeys: params.sortKeys,
        limit: PAGE_SIZE,
        offset: (params.hal - 1) * PAGE_SIZE,
        refresh: url.searchParams.get("segar") === "1",
      })
    : null;
  const personal = hasPersonalDataRights(account.role);
  return {
    params: { ...params, versi: chosen?.version ?? null, urut: formatSortKeys(params.sortKeys) },
    indicators: rankingIndicators.map((r) => ({ id: r.id, unit: r.unit, label: r.indicator.label.id, caraHitung: r.indicator.caraHitung })),
    sortKeyIds,
    versions: versions.map((v) => ({ version: v.version, name: v.name, weights: v.instrument.weights, createdBy: v.createdBy, createdAt: v.createdAt, note: v.note })),
    chosen: chosen ? { version: chosen.version, name: chosen.name, weights: chosen.instrument.weights } : null,
    areas,
    ranking: ranking && {
      total: ranking.total,
      computedAt: ranking.computedAt,
      rows: ranking.rows.map((r) => ({
        ...r,
        nikKepala: personal ? r.nikKepala : null,
        namaKepala: personal ? r.namaKepala : null,
      })),
    },
    pageSize: PAGE_SIZE,
    canDefine: mayDefineInstrument(account),
  };
}

export type SaveResult = { ok: true; version: number } | { ok: false; issues: { path: string; message: string }[] };

/** Saves the submitted weights (fields w_<indicator>, decimals with . or ,) as a new version. */
export async function saveRankingInstrument(request: Request): Promise<SaveResult> {
  const account = await requireAccount(request, ["admin", "kabupaten"]);
  const form = await request.formData();
  const weights: Record<string, number> = {};
  const issues: { path: string; message: string }[] = [];
  for (const [key, value] of form.entries()) {
    if (!key.startsWith("w_") || typeof value !== "string" || value.trim() === "") continue;
    const n = Number(value.trim().replace(",", "."));
    if (!Number.isFinite(n)) issues.push({ path: `weights.${key.slice(2)}`, message: `bobot bukan angka: ${value}` });
    else if (n !== 0) weights[key.slice(2)] = n;
  }
  if (issues.length) return { ok: false, issues };
  const { pool } = await getDatabase();
  try {
    const saved = await saveInstrument(pool, account, {
      name: String(form.get("name") ?? ""),
      note: String(form.get("note") ?? "") || undefined,
      weights,
    });
    return { ok: true, version: saved.version };
  } catch (e) {
    if (e instanceof InstrumentError) return { ok: false, issues: e.issues };
    throw e;
  }
}

export { getInstrument };
