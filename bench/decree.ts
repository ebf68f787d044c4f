/**
 * Benchmark of verval ranking and penetapan on whatever is loaded (300k-household seed for the
 * issue's figures): freezing the whole kabupaten as one decree snapshot (goal: seconds), ranking
 * page p50/p95 per wilayah level, compare of two snapshots, checksum verification, XLSX of the
 * whole list (streamed) and the PDF lampiran of a ~10k-row list.
 */
import { Writable } from "node:stream";
import type { Account } from "../db/accounts/accounts.server";
import { getDatabase } from "../db/connection.server";
import { compareDecrees, createDecree, verifyDecree } from "../db/verval/decree.server";
import { decreePdf, pdfPageCount, writeDecreeXlsx } from "../db/verval/decree-export.server";
import { getInstrument, parseSortKeys, rankingPage, saveInstrument } from "../db/verval/ranking.server";

const admin: Account = { id: 0, username: "bench", displayName: "Bench", role: "admin", scopeCode: "" };
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;
const round = (x: number) => Math.round(x * 10) / 10;
function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1))]!;
}

export async function benchDecree(): Promise<Record<string, unknown>> {
  const { pool } = await getDatabase();
  const { rows: sizes } = await pool.query<{ households: number; members: number; kabupaten: string | null }>(
    "SELECT (SELECT count(*)::int FROM households) AS households, (SELECT count(*)::int FROM members) AS members, (SELECT kode_kabupaten FROM households GROUP BY 1 ORDER BY count(*) DESC LIMIT 1) AS kabupaten",
  );
  const size = sizes[0]!;
  if (!size.kabupaten) throw new Error("no households loaded");
  const result: Record<string, unknown> = { ...size };
  const instrument =
    (await getInstrument(pool)) ??
    (await saveInstrument(pool, admin, {
      name: "Bench TKPK",
      weights: { rtlh_pct: 0.3, tanpa_jamban_sendiri_pct: 0.2, bahan_bakar_padat_pct: 0.1, disabilitas_pct: 0.2, lansia_pct: 0.2 },
    }));
  const periode = "2026";
  const sortKeys = parseSortKeys("jumlah_jiwa:desc,kode_desa:asc");

  // Yardstick: the bare ranking of the kabupaten (count of the CTE), to compare the freeze against.
  let t0 = process.hrtime.bigint();
  const firstPage = await rankingPage(pool, { instrument: instrument.instrument, periode, scopeCode: size.kabupaten, sortKeys, limit: 50, offset: 0, refresh: true });
  result.rankingKabupatenFirstPageMs = round(ms(t0));

  const input = { periode, decreeDate: "2026-11-23", signer: "Bupati (bench)", scopeCode: size.kabupaten, instrumentVersion: instrument.version, sortKeys: "jumlah_jiwa:desc,kode_desa:asc" };
  t0 = process.hrtime.bigint();
  const a = await createDecree(pool, admin, { ...input, number: `BENCH/${Date.now()}/A` });
  const freezeMs = round(ms(t0));
  t0 = process.hrtime.bigint();
  const b = await createDecree(pool, admin, { ...input, number: `BENCH/${Date.now()}/B`, maxDesil: 9 });
  result.freeze = { rows: a.rowCount, ms: freezeMs, seconds: round(freezeMs / 1000), ...a.phases, second_version_ms: round(ms(t0)), ranked_total: firstPage.total };

  t0 = process.hrtime.bigint();
  const ok = await verifyDecree(pool, a);
  result.verifyChecksumMs = round(ms(t0));
  if (!ok) throw new Error("checksum mismatch");
  t0 = process.hrtime.bigint();
  const cmp = await compareDecrees(pool, admin, a.id, b.id, { limit: 100, offset: 0 });
  result.compare = { ms: round(ms(t0)), ...cmp.counts };

  // Ranking page latency per level (what /verifikasi/peringkat runs per request): cold = the
  // order is computed (first visit or "hitung ulang"), warm = paging through a computed order.
  const perLevel: Record<string, unknown> = {};
  const stats = (times: number[]) => {
    times.sort((x, y) => x - y);
    return { n: times.length, p50_ms: round(quantile(times, 0.5)), p95_ms: round(quantile(times, 0.95)) };
  };
  for (const [level, col, n] of [["desa", "kode_desa", 20], ["kecamatan", "kode_kecamatan", 8], ["kabupaten", "kode_kabupaten", 3]] as const) {
    const { rows } = await pool.query<{ code: string }>(`SELECT ${col} AS code FROM households GROUP BY 1 ORDER BY count(*) DESC LIMIT $1`, [n]);
    const cold: number[] = [];
    const warm: number[] = [];
    for (const { code } of rows) {
      const o = { instrument: instrument.instrument, periode, scopeCode: code, sortKeys, limit: 50 };
      let t1 = process.hrtime.bigint();
      await rankingPage(pool, { ...o, offset: 0, refresh: true });
      cold.push(ms(t1));
      for (let p = 1; p <= 3; p++) {
        t1 = process.hrtime.bigint();
        await rankingPage(pool, { ...o, offset: 50 * p });
        warm.push(ms(t1));
      }
    }
    perLevel[level] = { cold: stats(cold), warm: stats(warm) };
  }
  result.rankingPage = perLevel;

  // XLSX of the whole decree, streamed to a sink that only counts bytes.
  let bytes = 0;
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      done();
    },
  });
  const rss0 = process.memoryUsage().rss;
  t0 = process.hrtime.bigint();
  await writeDecreeXlsx(pool, a, sink);
  result.xlsx = { rows: a.rowCount, ms: round(ms(t0)), mb: round(bytes / 1e6), rss_growth_mb: round((process.memoryUsage().rss - rss0) / 1e6) };

  // PDF of a ~10k-row list: the kecamatan closest to 10,000 households, frozen on its own.
  const { rows: kec } = await pool.query<{ code: string; n: number }>(
    "SELECT kode_kecamatan AS code, count(*)::int AS n FROM households GROUP BY 1 ORDER BY abs(count(*) - 10000) LIMIT 1",
  );
  const k = await createDecree(pool, admin, { ...input, scopeCode: kec[0]!.code, number: `BENCH/${Date.now()}/K` });
  t0 = process.hrtime.bigint();
  const pdf = await decreePdf(pool, k);
  result.pdf = { rows: k.rowCount, pages: pdfPageCount(pdf), ms: round(ms(t0)), mb: round(pdf.length / 1e6) };
  return result;
}
