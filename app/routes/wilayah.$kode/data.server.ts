import { getDatabase } from "../../../db/connection.server";
import { regionFacts } from "../../../db/queries/region-profile.server";
import { getRegionProfile } from "../../../analytics/indicators/snapshot.server";
import { hasPersonalDataRights } from "../../../analytics/access/roles";
import { getAccount, publicVisitor } from "~/auth/session.server";

export async function firstKabupaten(): Promise<string | null> {
  const { pool } = await getDatabase();
  const { rows } = await pool.query<{ code: string | null }>("SELECT min(code) AS code FROM regions WHERE level = 'kabupaten'");
  return rows[0]?.code ?? null;
}

/** Below this many households a child's figures are hidden from roles without personal-data rights. */
const MIN_UNITS = 5;

export async function loadRegionProfile(request: Request, rawCode: string) {
  const code = rawCode.replace(/\./g, "");
  if (!/^\d{4}(\d{2})?(\d{4})?$/.test(code)) throw new Response("Kode wilayah tidak valid", { status: 400 });
  const account = (await getAccount(request)) ?? publicVisitor;
  const { pool } = await getDatabase();
  const facts = await regionFacts(pool, code);
  if (!facts) throw new Response("Wilayah tidak ditemukan", { status: 404 });
  const profile = await getRegionProfile({ kode: code });
  const suppress = !hasPersonalDataRights(account.role);
  const children = facts.children.map((c) =>
    suppress && c.households < MIN_UNITS ? { ...c, households: null, people: null, desil12: null } : { ...c },
  );
  return {
    ...facts,
    children,
    profile: profile
      ? {
          indicators: profile.indicators.map((r) => ({
            id: r.indicator.id,
            label: r.indicator.label.id,
            kind: r.indicator.kind,
            caraHitung: r.indicator.caraHitung,
            sourceFields: r.indicator.sourceFields,
            value: r.value,
            kabupatenValue: r.kabupatenValue,
          })),
          mpi: profile.mpi.map((m) => ({ id: m.id, label: m.label.id, contributionPct: m.contributionPct })),
          mpiH: profile.area.values.mpi_h?.value ?? null,
          mpiA: profile.area.values.mpi_a?.value ?? null,
          mpiM0: profile.area.values.mpi_m0?.value ?? null,
          ranking: profile.desaRanking.slice(0, 10),
        }
      : null,
  };
}
