/**
 * /verifikasi/peringkat/:idRt — why a household has its score and rank: each indicator's
 * weight, value and contribution; its rank in its desa and in the chosen wilayah; the decrees
 * that list it. Personal-data rights in the household's desa are required.
 */
import { isInScope, scopePrefix } from "../../../analytics/access/scope";
import { getDatabase } from "../../../db/connection.server";
import { decreesOfHousehold } from "../../../db/verval/decree.server";
import { rankingIndicatorsById } from "../../../db/verval/ranking-indicators";
import { explainHousehold, getInstrument } from "../../../db/verval/ranking.server";
import { assertPersonalDataAccess, requireAccount } from "~/auth/session.server";
import { rankingParams, rankingRoles } from "../verifikasi.peringkat/data.server";

export async function loadExplanation(request: Request, idRt: string) {
  const account = await requireAccount(request, rankingRoles);
  const { pool } = await getDatabase();
  const { rows } = await pool.query<{ kode_desa: string; desa: string | null; kecamatan: string | null; kabupaten: string | null }>(
    `SELECT h.kode_desa, d.name AS desa, k.name AS kecamatan, b.name AS kabupaten FROM households h
       LEFT JOIN regions d ON d.code = h.kode_desa LEFT JOIN regions k ON k.code = h.kode_kecamatan LEFT JOIN regions b ON b.code = h.kode_kabupaten
      WHERE h.id_rt = $1`,
    [idRt],
  );
  const h = rows[0];
  if (!h) throw new Response("Rumah tangga tidak ditemukan", { status: 404 });
  assertPersonalDataAccess(account, h.kode_desa);
  const url = new URL(request.url);
  const params = rankingParams(account, url);
  // The wider area: the asked one when it holds the household, else the account's scope, else the kabupaten.
  const asked = url.searchParams.get("wilayah");
  const wide =
    asked && isInScope(account, asked) && h.kode_desa.startsWith(asked) ? asked : scopePrefix(account) || h.kode_desa.slice(0, 4);
  const instrument = await getInstrument(pool, params.versi);
  const names: Record<number, string | null> = { 10: h.desa, 6: h.kecamatan, 4: h.kabupaten };
  if (!instrument) return { idRt, instrument: null, areas: [], parts: [], desil: null, score: null, decrees: [], params };
  const base = { instrument: instrument.instrument, periode: params.periode, sortKeys: params.sortKeys };
  const scopes = [...new Set([h.kode_desa, wide])];
  const explained = await Promise.all(scopes.map((scopeCode) => explainHousehold(pool, { ...base, scopeCode }, idRt)));
  const first = explained[0];
  return {
    idRt,
    instrument: { version: instrument.version, name: instrument.name },
    areas: scopes.map((code, i) => ({ code, name: names[code.length] ?? code, rank: explained[i]?.row.rank ?? null, total: explained[i]?.total ?? null })),
    parts: (first?.parts ?? []).map((p) => ({ ...p, label: rankingIndicatorsById.get(p.indicator)?.indicator.label.id ?? p.indicator, unit: rankingIndicatorsById.get(p.indicator)?.unit ?? "household" })),
    desil: first?.row.desil ?? null,
    score: first?.row.score ?? null,
    namaKepala: first?.row.namaKepala ?? null,
    decrees: (await decreesOfHousehold(pool, account, idRt)).map((d) => ({ id: d.snapshot.id, number: d.snapshot.number, periode: d.snapshot.periode, version: d.snapshot.version, rank: d.rank })),
    params,
  };
}
