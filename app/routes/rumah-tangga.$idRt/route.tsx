/** /rumah-tangga/:idRt — household page: members, programs, findings, history, edit and location. */
import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import * as codes from "../../../db/codes";
import { formatDateTime, formatNumber, t } from "~/i18n";
import { anggota as a, codeLabel, households as s } from "~/i18n/id/households";
import maplibreStyles from "maplibre-gl/dist/maplibre-gl.css";
import styles from "~/styles/households.css";
import { LocationForm } from "~/components/households/LocationForm";
import { HistoryTimeline } from "~/components/households/HistoryTimeline";
import { MemberTable } from "~/components/households/MemberTable";
import { RankingLink } from "~/components/verval/dashboard/RankingLink";
import memberStyles from "~/components/households/members.css";
import { householdAction, loadHousehold } from "./data.server";
import { privateJson } from "~/http/private-json";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: maplibreStyles },
  { rel: "stylesheet", href: styles },
  { rel: "stylesheet", href: memberStyles },
];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? t(s.detailTitle, { id: data.household.id_rt }) : s.searchTitle },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return privateJson(await loadHousehold(request, params.idRt ?? ""));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const result = await householdAction(request, params.idRt ?? "");
  const status = result.ok ? 200 : result.error === "forbidden" ? 403 : result.error === "stale" ? 409 : 400;
  return json(result, { status });
}

const selectOptions: Record<string, readonly string[]> = {
  status_bangunan: codes.buildingTenures,
  status_lahan: codes.landTenures,
  lantai: codes.floorMaterials,
  dinding: codes.wallMaterials,
  kondisi_dinding: codes.conditions,
  atap: codes.roofMaterials,
  kondisi_atap: codes.conditions,
  sumber_air_minum: codes.waterSources,
  sumber_penerangan: codes.lightingSources,
  bahan_bakar_memasak: codes.cookingFuels,
  fasilitas_bab: codes.toiletFacilities,
  jenis_kloset: codes.toiletTypes,
  pembuangan_tinja: codes.sewageDisposals,
};
const numberFields = new Set(["luas_lantai", "jumlah_kamar", "daya_listrik"]);

export default function HouseholdPage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const saving = useNavigation().state === "submitting";
  const h = d.household;
  const saved = useSearchParams()[0].get("disimpan");
  const savedNotice = saved === "anggota" ? a.savedMember : saved === "baru" ? a.addedMember : saved === "keluar" ? a.exitedMember : null;
  return (
    <section className="page household" aria-labelledby="judul-rt">
      <p className="eyebrow">
        {h.nama_kecamatan ?? "–"} › {h.nama_desa ?? h.kode_desa}
      </p>
      <h1 id="judul-rt">{t(s.detailTitle, { id: h.id_rt })}</h1>
      <p className="muted">
        {s.address}: {(h.alamat as string | null) ?? s.unknown} · {s.desil} {h.desil ?? "–"}
      </p>
      <RankingLink idRt={h.id_rt} />
      {savedNotice ? (
        <p role="status" className="notice" data-testid="saved-notice">
          {savedNotice}
        </p>
      ) : null}

      <div className="household-grid">
        <MemberTable idRt={h.id_rt} members={d.members} canEdit={d.canEdit} />

        <section className="card" aria-labelledby="judul-lokasi">
          <h2 id="judul-lokasi">{s.location}</h2>
          {h.lon !== null && h.lat !== null ? (
            <p>
              {h.lat.toFixed(6)}, {h.lon.toFixed(6)}
              <br />
              <span className="muted">
                {t(s.locationMeta, {
                  source: s.locationSource[h.location_source ?? ""] ?? "–",
                  accuracy: h.location_accuracy_m !== null ? t(s.accuracyM, { m: Math.round(h.location_accuracy_m) }) : "–",
                  by: h.location_by ?? "–",
                  at: h.location_at ? formatDateTime(h.location_at) : "–",
                })}
              </span>
            </p>
          ) : (
            <p>{s.noLocation}</p>
          )}
          {d.canEdit ? (
            <LocationForm
              version={h.version}
              desaGeoJson={h.desa_geojson}
              initial={h.lon !== null && h.lat !== null ? { lon: h.lon, lat: h.lat } : null}
              result={result?.intent === "lokasi" ? result : undefined}
            />
          ) : null}
        </section>

        <section className="card" aria-labelledby="judul-program">
          <h2 id="judul-program">{s.programs}</h2>
          {d.programs.length === 0 ? (
            <p>{s.noPrograms}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">{s.program}</th>
                  <th scope="col">{s.period}</th>
                  <th scope="col">{s.stage}</th>
                  <th scope="col" className="num">
                    {s.value}
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.programs.map((p) => (
                  <tr key={`${p.program}-${p.periode}-${p.tahap}-${p.unit_key}`}>
                    <td>{p.nama}</td>
                    <td>{p.periode}</td>
                    <td>{p.tahap}</td>
                    <td className="num">{p.nilai === null ? "–" : formatNumber(p.nilai)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>

        <section className="card" aria-labelledby="judul-temuan">
          <h2 id="judul-temuan">{s.findings}</h2>
          {d.findings.length === 0 ? (
            <p>{s.noFindings}</p>
          ) : (
            <ul>
              {d.findings.map((f, i) => (
                <li key={i}>
                  <strong>{codeLabel(f.jenis)}</strong> {f.program ? `(${f.program} ${f.periode ?? ""})` : ""}: {f.keterangan}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      {d.canEdit ? (
        <section className="card" aria-labelledby="judul-ubah">
          <h2 id="judul-ubah">{s.editTitle}</h2>
          {result?.intent === "edit" ? (
            <p role="status" className={result.ok ? "notice" : "form-error"}>
              {result.ok
                ? result.changed.length
                  ? s.saved
                  : s.unchanged
                : result.error === "stale"
                  ? s.stale
                  : result.error === "forbidden"
                    ? s.forbidden
                    : `${s.invalid} ${(result.issues ?? []).join("; ")}`}
            </p>
          ) : null}
          <Form method="post" className="edit-grid" key={h.version}>
            <input type="hidden" name="intent" value="edit" />
            <input type="hidden" name="version" value={h.version} />
            {Object.keys(s.fields).map((field) => {
              const value = h[field] as string | number | null;
              const options = selectOptions[field];
              return (
                <label key={field}>
                  {s.fields[field]}
                  {options ? (
                    <select name={field} defaultValue={value === null ? "" : String(value)}>
                      <option value="">{s.unknown}</option>
                      {options.map((o) => (
                        <option key={o} value={o}>
                          {codeLabel(o)}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <input
                      name={field}
                      defaultValue={value === null ? "" : String(value)}
                      inputMode={numberFields.has(field) ? "decimal" : "text"}
                    />
                  )}
                </label>
              );
            })}
            <button type="submit" className="button" disabled={saving}>
              {saving ? s.saving : s.save}
            </button>
          </Form>
        </section>
      ) : null}

      <HistoryTimeline entries={d.history} />
    </section>
  );
}
