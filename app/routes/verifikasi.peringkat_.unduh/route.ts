/** /verifikasi/peringkat/unduh — the ranking of the page's query as XLSX (same scope and role rules). */
import { type LoaderFunctionArgs } from "@remix-run/node";
import { hasPersonalDataRights } from "../../../analytics/access/roles";
import { xlsxBuffer } from "../../../analytics/targeting/xlsx";
import { getDatabase } from "../../../db/connection.server";
import { getInstrument, rankingAll } from "../../../db/verval/ranking.server";
import { requireAccount } from "~/auth/session.server";
import { rankingParams, rankingRoles } from "../verifikasi.peringkat/data.server";
import { privateNoStore } from "~/http/private-json";

export async function loader({ request }: LoaderFunctionArgs) {
  const account = await requireAccount(request, rankingRoles);
  const params = rankingParams(account, new URL(request.url));
  const { pool } = await getDatabase();
  const instrument = await getInstrument(pool, params.versi);
  if (!instrument) throw new Response("Belum ada instrumen", { status: 404 });
  const rows = await rankingAll(pool, { instrument: instrument.instrument, periode: params.periode, scopeCode: params.scopeCode, sortKeys: params.sortKeys });
  const personal = hasPersonalDataRights(account.role);
  const ids = Object.keys(instrument.instrument.weights);
  const body = await xlsxBuffer(
    [
      ["peringkat", "id_rt", "permohonan", "nik_kepala", "nama_kepala", "alamat", "kode_desa", "desa", "desil", "skor", "jumlah_jiwa", ...ids],
      ...rows.map((r) => [
        r.rank,
        r.idRt,
        r.applicationId,
        personal ? r.nikKepala : null,
        personal ? r.namaKepala : null,
        r.alamat,
        r.kodeDesa,
        r.namaDesa,
        r.desil,
        r.score,
        r.jumlahJiwa,
        ...ids.map((id) => r.values[id] ?? null),
      ]),
    ],
    `Peringkat v${instrument.version}`,
  );
  const name = `peringkat-${params.scopeCode || "semua"}-${params.periode}-v${instrument.version}.xlsx`;
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${name}"`,
      ...privateNoStore,
    },
  });
}
