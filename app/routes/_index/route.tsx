/** Home: a summary of the loaded region (counts, last import, households per kecamatan). */
import { type HeadersFunction, type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatDateTime, formatNumber, home, t } from "~/i18n";
import { loadRegionSummary } from "./data.server";
import { EmptyState } from "./EmptyState";
import { KecamatanChart } from "./KecamatanChart";

export const meta: MetaFunction = () => [{ title: home.metaTitle }];

// The figures change with every import: never let a proxy or the browser keep an old page.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export async function loader(_args: LoaderFunctionArgs) {
  const summary = await loadRegionSummary();
  return json(summary, { headers: { "Cache-Control": "no-store" } });
}

export default function Home() {
  const s = useLoaderData<typeof loader>();
  if (s.empty) return <EmptyState />;

  const stats: Array<{ key: string; label: string; value: number }> = [
    { key: "households", label: home.counts.households, value: s.counts.households },
    { key: "families", label: home.counts.families, value: s.counts.families },
    { key: "people", label: home.counts.people, value: s.counts.people },
    { key: "kecamatan", label: home.counts.kecamatan, value: s.counts.kecamatan },
    { key: "desa", label: home.counts.desa, value: s.counts.desa },
    { key: "programs", label: home.counts.programs, value: s.counts.programs },
    {
      key: "recipients",
      label: s.latestPeriode ? t(home.counts.recipients, { periode: s.latestPeriode }) : home.counts.recipientsNoPeriod,
      value: s.counts.recipients,
    },
  ];

  return (
    <section className="page home" aria-labelledby="judul-halaman">
      <div className="summary-head">
        <div>
          <p className="eyebrow">{home.title}</p>
          <h1 id="judul-halaman">{s.regionName ?? home.regionFallback}</h1>
        </div>
        <Link to="/peta" className="button no-print">
          {home.openMap}
        </Link>
      </div>

      <dl className="stats" data-testid="stats">
        {stats.map((st) => (
          <div className="stat" key={st.key} data-stat={st.key}>
            <dt>{st.label}</dt>
            <dd>{formatNumber(st.value)}</dd>
          </div>
        ))}
      </dl>

      <div className="home-grid">
        <figure className="card" aria-labelledby="judul-grafik">
          <h2 id="judul-grafik">{home.chartTitle}</h2>
          <figcaption>{home.chartCaption}</figcaption>
          <KecamatanChart data={s.householdsPerKecamatan} />
          <details>
            <summary>{home.tableToggle}</summary>
            <table>
              <thead>
                <tr>
                  <th scope="col">{home.tableKecamatan}</th>
                  <th scope="col" className="num">
                    {home.tableHouseholds}
                  </th>
                </tr>
              </thead>
              <tbody>
                {s.householdsPerKecamatan.map((k) => (
                  <tr key={k.code}>
                    <td>{k.name}</td>
                    <td className="num">{formatNumber(k.households)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </figure>

        <aside className="card" aria-labelledby="judul-impor" data-testid="last-import">
          <h2 id="judul-impor">{home.lastImport}</h2>
          {s.lastImport ? (
            <dl className="import-meta">
              <dt>{home.importFields.kind}</dt>
              <dd>{home.importKinds[s.lastImport.kind] ?? s.lastImport.kind}</dd>
              <dt>{home.importFields.file}</dt>
              <dd>
                <code>{s.lastImport.fileName}</code>
              </dd>
              <dt>{home.importFields.who}</dt>
              <dd>{s.lastImport.importedBy || home.unknownUser}</dd>
              <dt>{home.importFields.when}</dt>
              <dd>
                <time dateTime={s.lastImport.at}>{formatDateTime(s.lastImport.at)}</time>
              </dd>
              <dt>{home.importFields.rows}</dt>
              <dd>
                {t(home.lastImportRows, {
                  rows: formatNumber(s.lastImport.rows),
                  inserted: formatNumber(s.lastImport.inserted),
                  updated: formatNumber(s.lastImport.updated),
                })}
              </dd>
            </dl>
          ) : (
            <p className="muted">{home.noImport}</p>
          )}
        </aside>
      </div>
    </section>
  );
}
