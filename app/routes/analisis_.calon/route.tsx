/**
 * /analisis/calon — candidate beneficiaries (Perwali Mojokerto Ps 13): choose program and
 * period; eligible units not yet listed, ranked by desil then local score, paged, exportable,
 * scoped to the viewer's wilayah. Guests see counts per desil only.
 */
import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ProgramPeriodPicker } from "~/components/analysis/ProgramPeriodPicker";
import { query } from "~/components/analysis/query";
import { formatNumber, t } from "~/i18n";
import { analisis as s } from "~/i18n/id/analisis";
import wilayahCss from "~/styles/wilayah.css";
import { SasaranNav } from "../analisis_.sasaran/Nav";
import sasaranCss from "../analisis_.sasaran/sasaran.css";
import { loadCalonPage } from "./data.server";
import { privateJson } from "~/http/private-json";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: wilayahCss },
  { rel: "stylesheet", href: sasaranCss },
];
export const meta: MetaFunction = () => [{ title: s.calon.metaTitle }];

export async function loader({ request }: LoaderFunctionArgs) {
  return privateJson(await loadCalonPage(request));
}

export default function CalonPage() {
  const d = useLoaderData<typeof loader>();
  const { program, periode, wilayah, hal } = d.params;
  const base = { program, periode, wilayah };
  const pages = !d.empty ? Math.max(1, Math.ceil(d.total / d.pageSize)) : 1;

  return (
    <section className="page wilayah" aria-labelledby="judul-calon">
      <h1 id="judul-calon">{s.calon.title}</h1>
      <SasaranNav current="calon" program={program} periode={periode} />
      <p className="lead">{s.calon.intro}</p>
      <ProgramPeriodPicker programs={d.programs} program={program} periode={periode}>
        {!d.empty && d.personal ? (
          <label>
            {s.calon.area}
            <select name="wilayah" defaultValue={wilayah ?? ""} key={wilayah ?? "-"}>
              <option value="">{s.calon.allArea}</option>
              {d.areas.map((a) => (
                <option key={a.code} value={a.code}>
                  {a.level === "kecamatan" ? `Kec. ${a.name}` : `\u00a0\u00a0${a.name}`}
                </option>
              ))}
            </select>
          </label>
        ) : null}
      </ProgramPeriodPicker>

      {d.empty ? (
        <p className="notice">{s.noData}</p>
      ) : (
        <>
          <section className="card" aria-labelledby="judul-desil">
            <h2 id="judul-desil">{s.calon.byDesilTitle}</h2>
            <p data-testid="candidate-total">{t(s.calon.total, { n: formatNumber(d.total) })}</p>
            <ul className="summary-counts" data-testid="candidate-desil">
              {d.byDesil.map((r) => (
                <li key={String(r.desil)}>
                  {s.calon.desil} {r.desil ?? s.calon.unknownDesil}: <strong>{r.jumlah === null ? s.sasaran.suppressed : formatNumber(r.jumlah)}</strong>
                </li>
              ))}
            </ul>
            <p className="muted small">{s.calon.scoreNote}</p>
          </section>
          {d.rows === null ? (
            <p className="notice">{s.calon.countsOnly}</p>
          ) : d.total === 0 ? (
            <p>{s.calon.none}</p>
          ) : (
            <section className="card">
              <div className="export-links no-print">
                <a className="button button-secondary" href={`/analisis/ekspor?${query({ ...base, laporan: "calon", format: "csv" })}`} download>
                  {s.calon.exportCsv}
                </a>
                <a className="button button-secondary" href={`/analisis/ekspor?${query({ ...base, laporan: "calon", format: "xlsx" })}`} download>
                  {s.calon.exportXlsx}
                </a>
              </div>
              <p>{t(s.temuan.page, { n: formatNumber(hal), of: formatNumber(pages) })}</p>
              <div className="table-scroll">
                <table className="compact stack" data-testid="candidate-table">
                  <thead>
                    <tr>
                      <th scope="col" className="num">{s.calon.rank}</th>
                      <th scope="col">{s.calon.unitKey}</th>
                      <th scope="col">{s.calon.name}</th>
                      <th scope="col">{s.desa}</th>
                      <th scope="col" className="num">{s.calon.desil}</th>
                      <th scope="col" className="num">{s.calon.score}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.rows.map((r) => (
                      <tr key={r.unit_key}>
                        <td className="num" data-label={s.calon.rank}>{formatNumber(r.peringkat)}</td>
                        <td className="mono small">
                          {r.id_rt ? <Link to={`/rumah-tangga/${encodeURIComponent(r.id_rt)}`}>{r.unit_key}</Link> : r.unit_key}
                        </td>
                        <td data-label={s.calon.name}>{r.nama ?? "–"}</td>
                        <td data-label={s.desa}>{r.desa ?? r.kode_desa}</td>
                        <td className="num" data-label={s.calon.desil}>{r.desil ?? "–"}</td>
                        <td className="num" data-label={s.calon.score}>{r.skor_lokal}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <nav className="pager" aria-label={s.calon.title}>
                {hal > 1 ? <Link to={`?${query({ ...base, hal: hal - 1 })}`}>{s.previous}</Link> : <span />}
                {hal < pages ? <Link to={`?${query({ ...base, hal: hal + 1 })}`}>{s.next}</Link> : null}
              </nav>
              <p className="muted small">
                {d.source === "temuan" ? s.calon.fromFindings : s.calon.fromRule}{" "}
                {t(s.calon.took, { s: (d.ms / 1000).toLocaleString("id-ID", { maximumFractionDigits: 1 }) })}
              </p>
            </section>
          )}
        </>
      )}
    </section>
  );
}
