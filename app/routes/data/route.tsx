/** /data — the data section: household work for operators and data freshness per desa. */
import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { common, formatNumber, t } from "~/i18n";
import { data as s } from "~/i18n/id/data";
import styles from "~/styles/households.css";
import { loadDataHub } from "./data.server";
import { privateJson } from "~/http/private-json";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: `${s.title} — ${common.productName}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  return privateJson(await loadDataHub(request));
}

const sources = ["rumah_tangga", "anggota", "penduduk", "penerima"] as const;

export default function DataPage() {
  const d = useLoaderData<typeof loader>();
  return (
    <section className="page" aria-labelledby="judul-halaman">
      <h1 id="judul-halaman">{s.title}</h1>
      <p className="lead">{s.intro}</p>
      {d.operator ? (
        <div className="household-grid">
          <Link to="/rumah-tangga" className="card">
            <h2>{s.links.search.title}</h2>
            <p>{s.links.search.body}</p>
          </Link>
          <Link to="/lokasi" className="card">
            <h2>{s.links.locate.title}</h2>
            <p>{s.links.locate.body}</p>
          </Link>
        </div>
      ) : (
        <p className="notice">
          <Link to="/masuk?ke=/data">{s.loginForPersonal}</Link>
        </p>
      )}
      {d.importer ? (
        <p>
          <Link to="/data/impor" className="button">
            {s.importLink}
          </Link>
        </p>
      ) : null}
      {d.admin ? (
        <p>
          <Link to="/data/akun">{s.accountsLink}</Link> · <Link to="/data/audit">{s.auditLink}</Link>
        </p>
      ) : null}
      <p className="muted">{s.importCli}</p>
      <section className="card" aria-labelledby="judul-kesegaran">
        <h2 id="judul-kesegaran">{s.freshnessTitle}</h2>
        <p>{s.freshnessIntro}</p>
        <p data-testid="freshness-summary">
          <strong>{t(s.freshnessSummary, { overdue: formatNumber(d.overdueDesa), total: formatNumber(d.desa.length) })}</strong>
        </p>
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{s.desa}</th>
                {sources.map((src) => (
                  <th scope="col" key={src}>
                    {s.sources[src]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {d.desa.map((row) => (
                <tr key={row.code}>
                  <td>{row.name}</td>
                  {sources.map((src) => {
                    const cell = row.sources[src];
                    return (
                      <td key={src} className={cell?.overdue ? "overdue" : undefined}>
                        {cell?.lastUpdate ? t(s.daysAgo, { n: cell.ageDays ?? 0 }) : s.never}
                        {cell?.overdue ? <span className="badge badge-danger"> {s.overdue}</span> : null}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </section>
  );
}
