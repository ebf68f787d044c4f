/**
 * /verifikasi — verification dashboard per kecamatan or desa: applications by status (echarts),
 * tasks by status and overdue, a map of pending visits, links to the work lists. Prints on A4
 * for TKPK meetings.
 */
import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { lazy, Suspense, useMemo } from "react";
import { statusLabels } from "../../../analytics/verval/workflow";
import { BarChart } from "~/components/charts/BarChart";
import { ClientOnly } from "~/components/shell/ClientOnly";
import { common, formatDateTime, formatNumber, t } from "~/i18n";
import { vervalPenetapan } from "~/i18n/id/verval-penetapan";
import maplibreCss from "maplibre-gl/dist/maplibre-gl.css";
import styles from "~/styles/wilayah.css";
import vervalStyles from "~/components/verval/dashboard/penetapan.css";
import { loadDashboard } from "./data.server";
import { privateJson } from "~/http/private-json";

const PendingVisitsMap = lazy(() => import("~/components/verval/dashboard/PendingVisitsMap.client"));
const s = vervalPenetapan.dashboard;
const taskStatuses = ["terbuka", "ditugaskan", "selesai", "dibatalkan"] as const;
const openStatuses = new Set(["draft", "submitted", "verified", "approved", "proposed"]);

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: maplibreCss },
  { rel: "stylesheet", href: styles },
  { rel: "stylesheet", href: vervalStyles },
];
export const meta: MetaFunction = () => [{ title: `${s.title} — ${common.productName}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  return privateJson(await loadDashboard(request));
}

export default function VerifikasiDashboard() {
  const d = useLoaderData<typeof loader>();
  const appTotal = Object.values(d.totals.apps).reduce((a, b) => a + b, 0);
  const appOpen = Object.entries(d.totals.apps).reduce((a, [k, v]) => a + (openStatuses.has(k) ? v : 0), 0);
  const tasksOpen = (d.totals.tasks.terbuka ?? 0) + (d.totals.tasks.ditugaskan ?? 0);
  const bars = useMemo(() => d.statuses.map((st) => ({ label: statusLabels[st], value: d.totals.apps[st] ?? 0 })), [d]);
  const level = s.levels[d.tingkat] ?? d.tingkat;
  const visible = d.statuses.filter((st) => d.totals.apps[st]);
  return (
    <section className="page wilayah verval" aria-labelledby="judul-verval">
      <h1 id="judul-verval">{s.title}</h1>
      <p className="lead">
        {s.intro}
        {d.scopeName ? ` ${t(s.scope, { name: d.scopeName })}.` : ""}
      </p>
      <p className="print-only small">{t(s.printedAt, { at: formatDateTime(d.now) })}</p>
      <ul className="links no-print" data-testid="verval-links">
        {d.canRank ? <li><Link to="/verifikasi/tugas">{s.links.tugas}</Link></li> : null}
        {d.canRank ? <li><Link to="/verifikasi/permohonan">{s.links.permohonan}</Link></li> : null}
        {d.canRank ? <li><Link to="/verifikasi/daftar">{s.links.daftar}</Link></li> : null}
        {d.canRank ? <li><Link to="/verifikasi/peringkat">{s.links.peringkat}</Link></li> : null}
        {d.canDecree ? <li><Link to="/verifikasi/penetapan">{s.links.penetapan}</Link></li> : null}
      </ul>

      <dl className="stats" data-testid="verval-figures">
        <div className="stat"><dt>{s.figures.applications}</dt><dd>{formatNumber(appTotal)}</dd></div>
        <div className="stat"><dt>{s.figures.open}</dt><dd>{formatNumber(appOpen)}</dd></div>
        <div className="stat"><dt>{s.figures.tasks}</dt><dd>{formatNumber(tasksOpen)}</dd></div>
        <div className="stat" data-stat="overdue"><dt>{s.figures.overdue}</dt><dd>{formatNumber(d.totals.overdue)}</dd></div>
        <div className="stat"><dt>{s.figures.pendingVisits}</dt><dd>{formatNumber(d.pendingTotal)}</dd></div>
      </dl>

      <Form method="get" className="filter-row no-print">
        <label>
          {s.level}
          <select name="tingkat" defaultValue={d.tingkat}>
            <option value="kecamatan">{s.levels.kecamatan}</option>
            <option value="desa">{s.levels.desa}</option>
          </select>
        </label>
        <button type="submit" className="button">{s.show}</button>
        <button type="button" className="button button-secondary" onClick={() => window.print()}>{s.print}</button>
      </Form>

      {d.areas.length === 0 ? (
        <p className="notice">{s.noData}</p>
      ) : (
        <>
          <div className="wilayah-grid">
            <figure className="card">
              <h2>{s.byStatusTitle}</h2>
              <BarChart bars={bars} title={s.byStatusChart} format={formatNumber} testId="status-chart" />
            </figure>
            <section className="card" aria-labelledby="judul-peta-kunjungan">
              <h2 id="judul-peta-kunjungan">{s.mapTitle}</h2>
              <ClientOnly fallback={<div className="verval-map" aria-hidden="true" />}>
                {() => (
                  <Suspense fallback={<div className="verval-map">{s.mapLoading}</div>}>
                    <PendingVisitsMap outlines={d.map.outlines} points={d.map.points as never} counts={d.map.counts} label={s.mapTitle} />
                  </Suspense>
                )}
              </ClientOnly>
              <p className="small muted">
                {d.map.points ? t(s.mapPoints, { n: formatNumber(Math.max(0, d.pendingTotal - d.map.points.length)) }) : s.mapCounts}
              </p>
            </section>
          </div>

          <section className="card" aria-labelledby="judul-tugas">
            <h2 id="judul-tugas">{t(s.tasksTitle, { level: level.toLowerCase() })}</h2>
            <div className="table-scroll">
              <table data-testid="tasks-table">
                <thead>
                  <tr>
                    <th scope="col">{s.area}</th>
                    {taskStatuses.map((st) => (
                      <th key={st} scope="col" className="num">{s.taskStatuses[st]}</th>
                    ))}
                    <th scope="col" className="num">{s.overdue}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.areas.map((a) => (
                    <tr key={a.code}>
                      <td><Link to={`/wilayah/${a.code}`}>{a.name}</Link></td>
                      {taskStatuses.map((st) => (
                        <td key={st} className="num">{formatNumber(a.tasks[st] ?? 0)}</td>
                      ))}
                      <td className={`num${a.overdue ? " warning" : ""}`}>{formatNumber(a.overdue)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>

          <section className="card" aria-labelledby="judul-permohonan">
            <h2 id="judul-permohonan">{t(s.appsTitle, { level: level.toLowerCase() })}</h2>
            <div className="table-scroll">
              <table data-testid="apps-table">
                <thead>
                  <tr>
                    <th scope="col">{s.area}</th>
                    {visible.map((st) => (
                      <th key={st} scope="col" className="num">{statusLabels[st]}</th>
                    ))}
                    <th scope="col" className="num">{s.total}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.areas.map((a) => (
                    <tr key={a.code}>
                      <td>{a.name}</td>
                      {visible.map((st) => (
                        <td key={st} className="num">{formatNumber(a.apps[st] ?? 0)}</td>
                      ))}
                      <td className="num">{formatNumber(Object.values(a.apps).reduce((x, y) => x + y, 0))}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </section>
  );
}
