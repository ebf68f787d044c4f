/**
 * /analisis/sasaran — targeting of one program, period and stage: coverage and errors (with
 * links to the choropleths and the Gi* hot-spot layer on /peta), desa sorted by gap with a
 * drill-down to their findings, finding counts per kind with export, and the program overlap
 * matrix as an echarts heatmap. Thin: the reads are in data.server.ts.
 */
import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useMemo } from "react";
import { ProgramPeriodPicker } from "~/components/analysis/ProgramPeriodPicker";
import { query } from "~/components/analysis/query";
import { Heatmap } from "~/components/charts/Heatmap";
import { formatDateTime, formatNumber, formatPercent, t } from "~/i18n";
import { analisis as s } from "~/i18n/id/analisis";
import wilayahCss from "~/styles/wilayah.css";
import { loadSasaranPage } from "./data.server";
import { SasaranNav } from "./Nav";
import sasaranCss from "./sasaran.css";
import { privateJson } from "~/http/private-json";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: wilayahCss },
  { rel: "stylesheet", href: sasaranCss },
];
export const meta: MetaFunction = () => [{ title: s.sasaran.metaTitle }];

export async function loader({ request }: LoaderFunctionArgs) {
  return privateJson(await loadSasaranPage(request));
}

export default function SasaranPage() {
  const d = useLoaderData<typeof loader>();
  const { program, periode, tahap } = d.params;
  const overlap = useMemo(() => {
    if (d.empty) return null;
    const labels = [...new Set(d.overlap.flatMap((c) => [c.programA, c.programB]))].sort();
    const cells = d.overlap.map((c): [number, number, number] => [labels.indexOf(c.programB), labels.indexOf(c.programA), c.households]);
    return { labels, cells };
  }, [d]);
  const maxGap = d.empty ? 0 : Math.max(1, ...d.desa.map((r) => r.gap ?? 0));
  const base = { program, periode, tahap: tahap === "realisasi" ? null : tahap };

  return (
    <section className="page wilayah" aria-labelledby="judul-sasaran">
      <h1 id="judul-sasaran">{s.sasaran.title}</h1>
      <SasaranNav current="sasaran" program={program} periode={periode} />
      <p className="lead">{s.sasaran.intro}</p>
      <ProgramPeriodPicker programs={d.programs} program={program} periode={periode} tahap={tahap} />

      {d.empty ? (
        <p className="notice">{s.noData}</p>
      ) : (
        <>
          {tahap !== "realisasi" ? <p className="notice">{s.sasaran.notRealisasi}</p> : null}
          {d.kabupaten ? (
            <>
              {[d.own ? ([s.sasaran.ownArea, d.own] as const) : null, [s.sasaran.kabupaten, d.kabupaten] as const]
                .filter((x) => x !== null)
                .map(([label, row]) => (
                  <div key={label}>
                    {d.own ? <h2 className="small">{label}</h2> : null}
                    <dl className="stats" data-testid={label === s.sasaran.kabupaten ? "coverage-figures" : "own-figures"}>
                      <div className="stat"><dt>{s.figures.eligible}</dt><dd>{formatNumber(row.eligible)}</dd></div>
                      <div className="stat"><dt>{s.figures.penerima}</dt><dd>{formatNumber(row.penerima)}</dd></div>
                      <div className="stat"><dt>{s.figures.coverage}</dt><dd>{formatPercent(row.coverage_pct)}</dd></div>
                      <div className="stat"><dt>{s.figures.exclusion}</dt><dd>{formatPercent(row.exclusion_error_pct)}</dd></div>
                      <div className="stat"><dt>{s.figures.inclusion}</dt><dd>{formatPercent(row.inclusion_error_pct)}</dd></div>
                    </dl>
                  </div>
                ))}
            </>
          ) : null}
          <p className="muted small">
            {s.definitions} {tahap === "realisasi" ? (d.computedAt ? t(s.computedAt, { at: formatDateTime(d.computedAt) }) : s.notComputed) : null}
          </p>

          {tahap === "realisasi" ? (
            <section className="card no-print" aria-labelledby="judul-peta-sasaran">
              <h2 id="judul-peta-sasaran">{s.sasaran.mapsTitle}</h2>
              <ul className="map-links" data-testid="map-links">
                {(["coverage_pct", "exclusion_error_pct", "inclusion_error_pct", "hotspot"] as const).map((m) => (
                  <li key={m}>
                    <Link to={`/peta?${query({ ukuran: m === "hotspot" ? "hotspot_eksklusi" : m, tingkat: "desa", program, periode })}`}>
                      {s.sasaran.maps[m]}
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}

          <div className="wilayah-grid">
            {tahap === "realisasi" ? (
              <section className="card" aria-labelledby="judul-desa">
                <h2 id="judul-desa">{s.sasaran.desaTitle}</h2>
                <p className="muted small">{t(s.sasaran.desaCount, { shown: formatNumber(d.desa.length), total: formatNumber(d.desaTotal) })}</p>
                <div className="table-scroll">
                  <table className="compact nowrap-first" data-testid="desa-table">
                    <thead>
                      <tr>
                        <th scope="col">{s.desa}</th>
                        <th scope="col" className="num">{s.figures.eligible}</th>
                        <th scope="col" className="num">{s.gap}</th>
                        <th scope="col" className="num">{s.figures.exclusion}</th>
                        <th scope="col" className="num">{s.figures.inclusion}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {d.desa.map((r) => (
                        <tr key={r.kode} data-code={r.kode}>
                          <td>
                            {r.drill ? (
                              <Link to={`/analisis/temuan?${query({ ...base, desa: r.kode })}`} title={s.sasaran.drill}>
                                {r.nama}
                              </Link>
                            ) : (
                              r.nama
                            )}
                          </td>
                          {r.suppressed ? (
                            <td colSpan={4} className="muted">{s.sasaran.suppressed}</td>
                          ) : (
                            <>
                              <td className="num">{formatNumber(r.eligible ?? 0)}</td>
                              <td className="num">
                                {formatNumber(r.gap ?? 0)}
                                <span className="gap-bar" style={{ width: `${Math.round((40 * (r.gap ?? 0)) / maxGap)}px` }} aria-hidden="true" />
                              </td>
                              <td className="num">{formatPercent(r.exclusion)}</td>
                              <td className="num">{formatPercent(r.inclusion)}</td>
                            </>
                          )}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                {!d.params.semua && d.desaTotal > d.desa.length ? (
                  <Link to={`?${query({ ...base, semua: "1" })}`} preventScrollReset>
                    {s.sasaran.showAll}
                  </Link>
                ) : null}
                {!d.personal ? <p className="muted small">{s.sasaran.suppressedNote}</p> : null}
              </section>
            ) : null}

            {overlap && overlap.labels.length ? (
              <figure className="card">
                <h2>{t(s.overlapTitle, { periode: periode ?? "" })}</h2>
                <Heatmap labels={overlap.labels} cells={overlap.cells} title={t(s.overlapTitle, { periode: periode ?? "" })} format={formatNumber} testId="overlap-heatmap" />
                <figcaption className="muted small">{s.overlapCaption}</figcaption>
              </figure>
            ) : null}
          </div>

          <section className="card" aria-labelledby="judul-jumlah-temuan">
            <h2 id="judul-jumlah-temuan">{s.sasaran.countsTitle}</h2>
            <p className="muted small">{d.personal ? s.sasaran.countsScope : s.sasaran.countsAll}</p>
            <ul className="kind-chips" data-testid="finding-counts">
              {Object.entries(s.kinds).map(([k, label]) => (
                <li key={k}>
                  <Link to={`/analisis/temuan?${query({ ...base, jenis: k })}`}>
                    {label} <span className="badge">{d.countsByKind[k] === null ? s.sasaran.suppressed : formatNumber(d.countsByKind[k] ?? 0)}</span>
                  </Link>
                </li>
              ))}
            </ul>
            <p>
              <Link to={`/analisis/temuan?${query(base)}`}>{s.sasaran.openFindings} ›</Link>
            </p>
            <h3>{s.sasaran.exportTitle}</h3>
            <div className="export-links no-print">
              {d.personal ? (
                <>
                  <a className="button button-secondary" href={`/analisis/ekspor?${query({ ...base, tahap, laporan: "temuan", format: "csv" })}`} download>
                    {s.sasaran.exportTemuanCsv}
                  </a>
                  <a className="button button-secondary" href={`/analisis/ekspor?${query({ ...base, tahap, laporan: "temuan", format: "xlsx" })}`} download>
                    {s.sasaran.exportTemuanXlsx}
                  </a>
                </>
              ) : null}
              <a className="button button-secondary" href={`/analisis/ekspor?${query({ program, periode, laporan: "cakupan", format: "csv" })}`} download>
                {s.sasaran.exportCakupanCsv}
              </a>
              <a className="button button-secondary" href={`/analisis/ekspor?${query({ program, periode, laporan: "cakupan", format: "xlsx" })}`} download>
                {s.sasaran.exportCakupanXlsx}
              </a>
            </div>
          </section>

          <section className="tool-cards no-print" aria-label={s.sasaran.toolsTitle}>
            <Link className="card" to={`/analisis/calon?${query({ program, periode })}`}>
              <h2>{s.nav.calon}</h2>
              <p>{s.sasaran.calonCard}</p>
            </Link>
            <Link className="card" to="/analisis/usulan">
              <h2>{s.nav.usulan}</h2>
              <p>{s.sasaran.usulanCard}</p>
            </Link>
          </section>
        </>
      )}
    </section>
  );
}
