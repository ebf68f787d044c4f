/**
 * Household search benchmark (issue 6): p50/p95 of `searchHouseholds` as operators issue it, on
 * whatever is loaded (the 300k-household seed holds ~1.15M members). Queries are drawn
 * deterministically from the data: NIK and No. KK exact, name prefixes of 2–4 letters and longer
 * ones ("siti ami"), address words, and misses. Each query runs as the admin (whole kabupaten), the
 * member's kecamatan operator and its desa operator in turn, since the scope filter changes the
 * plan. Also reports whether EXPLAIN of each kind uses the intended index. Goal: p95 < 50 ms.
 */
import { performance } from "node:perf_hooks";
import type pg from "pg";
import type { AccountScope } from "../analytics/access/roles";
import { getDatabase } from "../db/connection.server";
import { searchHouseholds } from "../db/households/search.server";

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1))]!;
}
const round = (n: number) => Math.round(n * 10) / 10;

interface Sample {
  nik: string;
  no_kk: string;
  nama: string;
  alamat: string | null;
  kode_desa: string;
}

function accountsFor(kodeDesa: string): AccountScope[] {
  return [
    { role: "admin", scopeCode: "" },
    { role: "kecamatan", scopeCode: kodeDesa.slice(0, 6) },
    { role: "desa", scopeCode: kodeDesa },
  ];
}

/** A typo-free but partial query, the way people type: "Siti Aminah" → "si", "sit", "siti". */
function prefixes(name: string, i: number): string {
  return name.slice(0, 2 + (i % 3));
}
function longer(name: string): string {
  const [first, second] = name.split(" ");
  return second ? `${first} ${second.slice(0, 3)}` : name;
}

async function timeQueries(pool: pg.Pool, queries: { q: string; account: AccountScope }[]) {
  const times: number[] = [];
  let hits = 0;
  for (const { q, account } of queries) {
    const t0 = performance.now();
    const rows = await searchHouseholds(pool, account, q);
    times.push(performance.now() - t0);
    if (rows.length) hits++;
  }
  times.sort((a, b) => a - b);
  return { n: times.length, with_hits: hits, p50_ms: round(quantile(times, 0.5)), p95_ms: round(quantile(times, 0.95)), max_ms: round(times.at(-1) ?? NaN) };
}

export async function benchSearch(opts: { pool?: pg.Pool; perKind?: number } = {}): Promise<Record<string, unknown>> {
  const pool = opts.pool ?? (await getDatabase()).pool;
  const perKind = opts.perKind ?? 60;
  const { rows: counts } = await pool.query<{ households: number; members: number }>(
    "SELECT (SELECT count(*) FROM households)::int AS households, (SELECT count(*) FROM members)::int AS members",
  );
  // Every n-th member: deterministic, spread over all desa.
  const { rows: samples } = await pool.query<Sample>(
    `SELECT m.nik, m.no_kk, m.nama, h.alamat, m.kode_desa FROM members m JOIN households h ON h.id_rt = m.id_rt
      WHERE m.id % greatest(1, (SELECT count(*) FROM members) / $1) = 0 ORDER BY m.id LIMIT $1`,
    [perKind],
  );
  if (samples.length === 0) return { error: "no members loaded" };
  const build = (make: (s: Sample, i: number) => string) =>
    samples.map((s, i) => ({ q: make(s, i), account: accountsFor(s.kode_desa)[i % 3]! }));

  const kinds: Record<string, { q: string; account: AccountScope }[]> = {
    nik: build((s) => s.nik),
    no_kk: build((s) => s.no_kk),
    name_prefix_2_4: build((s, i) => prefixes(s.nama, i)),
    name_longer: build((s) => longer(s.nama)),
    address: build((s, i) => (s.alamat ?? "krajan").split(" ").at(i % 2 ? -1 : 0)!.slice(0, 6 + (i % 3))),
    miss: build((_, i) => ["zzqx", "qwerty", "xyloph"][i % 3]!),
  };
  // Warm the caches the way a running server has them warm.
  for (const list of Object.values(kinds)) for (const { q, account } of list.slice(0, 3)) await searchHouseholds(pool, account, q);

  const result: Record<string, unknown> = { households: counts[0]!.households, members: counts[0]!.members };
  let worst = 0;
  for (const [kind, list] of Object.entries(kinds)) {
    const figures = await timeQueries(pool, list);
    worst = Math.max(worst, figures.p95_ms);
    result[kind] = figures;
  }
  result.worst_p95_ms = worst;
  result.goal_p95_ms = 50;
  result.indexes_used = await indexesUsed(pool, samples[0]!);
  return result;
}

/** The index names in EXPLAIN of the name and NIK lookups as `searchHouseholds` issues them. */
async function indexesUsed(pool: pg.Pool, s: Sample): Promise<Record<string, string[]>> {
  const names = (plan: string) => [...new Set([...plan.matchAll(/(?:Index|Bitmap Index) (?:Only )?Scan (?:Backward )?(?:using|on) (\w+)/g)].map((m) => m[1]!))];
  const explain = async (sql: string, params: unknown[]) =>
    names((await pool.query<{ "QUERY PLAN": string }>(`EXPLAIN ${sql}`, params)).rows.map((r) => r["QUERY PLAN"]).join("\n"));
  return {
    nik: await explain(`SELECT id_rt FROM members WHERE nik = $1`, [s.nik]),
    name_prefix_desa: await explain(
      `SELECT m.id_rt FROM members m WHERE lower(m.nama) LIKE $1 AND m.kode_desa LIKE $2 || '%' LIMIT 20`,
      [s.nama.slice(0, 3).toLowerCase() + "%", s.kode_desa],
    ),
    // Without a trigram index on lower(alamat) this is a sequential scan of all households.
    address_kabupaten: await explain(`SELECT h.id_rt FROM households h WHERE lower(h.alamat) LIKE '%' || $1 || '%' LIMIT 20`, ["zzqx"]),
  };
}
