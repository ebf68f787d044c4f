/**
 * /analisis/temuan — findings of one program and period for follow-up: filters (program,
 * period, stage, kind, desa), 50 a page, export to CSV/XLSX. Personal data (NIK, No. KK) only for
 * roles with rights, inside their scope; everyone else sees counts per kind.
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
import { loadTemuanPage } from "./data.server";
import { privateJson } from "~/http/private-json";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: wilayahCss },
  { rel: "stylesheet", href: sasaranCss },
];
export const meta: MetaFunction = () => [{ title: s.temuan.metaTitle }];

export async function loader({ request }: LoaderFunctionArgs) {
  return privateJson(await loadTemuanPage(request));
}

export default function TemuanPage() {
  const d = useLoaderData<typeof loader>();
  const { program, periode, tahap, jenis, desa, hal } = d.params;
  const base = { program, periode, tahap: tahap === "realisasi" ? null : tahap, desa };
  const pages = !d.empty && d.total !== null ? Math.max(1, Math.ceil(d.total / d.pageSize)) : 1;

  return (
    <section className="page wilayah" aria-labelledby="judul-temuan">
      <h1 id="judul-temuan">{s.temuan.title}</h1>
      <SasaranNav current="temuan" program={program} periode={periode} />
      <p className="lead">{s.temuan.intro}</p>
      <ProgramPeriodPicker programs={d.programs} program={program} periode={periode} tahap={tahap} submitLabel={s.temuan.apply}>
        <label>
          {s.jenis}
          <select name="jenis" defaultValue={jenis ?? ""} key={jenis ?? "-"}>
            <option value="">{s.allKinds}</option>
            {Object.entries(s.kinds).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
        {!d.empty && d.personal ? (
          <label>
            {s.temuan.desaFilter}
            <select name="desa" defaultValue={desa ?? ""} key={desa ?? "-"}>
              <option value="">{s.temuan.allDesa}</option>
              {d.desaOptions.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.name}
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
          <ul className="kind-chips" aria-label={s.jenis} data-testid="finding-counts">
            <li>
              <Link to={`?${query(base)}`} aria-current={!jenis ? "true" : undefined}>
                {s.allKinds}
              </Link>
            </li>
            {Object.entries(s.kinds).map(([k, label]) => (
              <li key={k}>
                <Link to={`?${query({ ...base, jenis: k })}`} aria-current={jenis === k ? "true" : undefined}>
                  {label} <span className="badge">{d.countsByKind[k] === null ? s.sasaran.suppressed : formatNumber(d.countsByKind[k] ?? 0)}</span>
                </Link>
              </li>
            ))}
          </ul>
          {d.rows === null ? (
            <p className="notice">{s.temuan.countsOnly}</p>
          ) : (
            <section className="card">
              <div className="export-links no-print">
                <a className="button button-secondary" href={`/analisis/ekspor?${query({ ...base, tahap, jenis, laporan: "temuan", format: "csv" })}`} download>
                  {s.sasaran.exportTemuanCsv}
                </a>
                <a className="button button-secondary" href={`/analisis/ekspor?${query({ ...base, tahap, jenis, laporan: "temuan", format: "xlsx" })}`} download>
                  {s.sasaran.exportTemuanXlsx}
                </a>
              </div>
              <p>
                {t(s.findingsCount, { n: formatNumber(d.total ?? 0) })} · {t(s.temuan.page, { n: formatNumber(hal), of: formatNumber(pages) })}
              </p>
              {d.rows.length === 0 ? (
                <p>{s.noFindings}</p>
              ) : (
                <div className="table-scroll">
                  <table className="compact stack" data-testid="findings-table">
                    <thead>
                      <tr>
                        <th scope="col">{s.jenis}</th>
                        <th scope="col">{s.unit}</th>
                        <th scope="col">{s.desa}</th>
                        <th scope="col">{s.reason}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {d.rows.map((f) => (
                        <tr key={f.id}>
                          <td>{s.kinds[f.jenis] ?? f.jenis}</td>
                          <td className="mono small" data-label={s.unit}>
                            {f.id_rt ? (
                              <div>
                                <Link to={`/rumah-tangga/${encodeURIComponent(f.id_rt)}`}>{f.id_rt}</Link>
                              </div>
                            ) : null}
                            {f.nik ? <div title={s.temuan.nik}>{f.nik}</div> : null}
                            {f.no_kk ? <div title={s.temuan.noKk}>KK {f.no_kk}</div> : null}
                          </td>
                          <td data-label={s.desa}>{f.desa ?? f.kode_desa ?? "–"}</td>
                          <td>{f.keterangan}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
              <nav className="pager" aria-label={s.findingsTitle}>
                {hal > 1 ? <Link to={`?${query({ ...base, jenis, hal: hal - 1 })}`}>{s.previous}</Link> : <span />}
                {hal < pages ? <Link to={`?${query({ ...base, jenis, hal: hal + 1 })}`}>{s.next}</Link> : null}
              </nav>
            </section>
          )}
          <p>
            <Link to={`/analisis/sasaran?${query({ program, periode, tahap: base.tahap })}`}>{s.temuan.backToSasaran}</Link>
          </p>
        </>
      )}
    </section>
  );
}
