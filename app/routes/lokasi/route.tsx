/** /lokasi — the desa operator's location work list (phone first) and progress per desa. */
import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { formatNumber, t } from "~/i18n";
import { households as s } from "~/i18n/id/households";
import styles from "~/styles/households.css";
import { loadLocationWork } from "./data.server";
import { privateJson } from "~/http/private-json";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: s.locateTitle }];

export async function loader({ request }: LoaderFunctionArgs) {
  return privateJson(await loadLocationWork(request));
}

export default function LocationWork() {
  const d = useLoaderData<typeof loader>();
  const share = d.total ? Math.round((d.located / d.total) * 100) : 0;
  return (
    <section className="page" aria-labelledby="judul-lokasi">
      <h1 id="judul-lokasi">{s.locateTitle}</h1>
      <p data-testid="location-progress">
        <strong>{t(s.progress, { located: formatNumber(d.located), total: formatNumber(d.total) })}</strong>
        {d.outside ? ` · ${t(s.outsideCount, { n: formatNumber(d.outside) })}` : ""}
      </p>
      <div className="progress-bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={share}>
        <span style={{ width: `${share}%` }} />
      </div>
      <p className="muted">{s.locateIntro}</p>
      {d.todo.length === 0 ? (
        <p className="notice">{s.allLocated}</p>
      ) : (
        <ul className="locate-list">
          {d.todo.map((h) => (
            <li key={h.idRt} className="card">
              <div>
                <strong>{h.kepala ?? h.idRt}</strong>
                <br />
                <span className="muted">
                  {h.alamat ?? s.unknown} · {h.namaDesa}
                </span>{" "}
                <span className={h.problem === "outside" ? "badge badge-danger" : "badge"}>
                  {h.problem === "outside" ? s.outsideDesa : s.needsLocation}
                </span>
              </div>
              <Link className="button" to={`/rumah-tangga/${encodeURIComponent(h.idRt)}#judul-lokasi`}>
                {s.open}
              </Link>
            </li>
          ))}
        </ul>
      )}
      {d.progress.length ? (
        <section className="card" aria-labelledby="judul-per-desa">
          <h2 id="judul-per-desa">{s.perDesa}</h2>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{s.desa}</th>
                  <th scope="col" className="num">%</th>
                  <th scope="col" className="num">{s.location}</th>
                  <th scope="col" className="num">{s.outsideDesa}</th>
                </tr>
              </thead>
              <tbody>
                {d.progress.map((p) => (
                  <tr key={p.code}>
                    <td>{p.name}</td>
                    <td className="num">{p.households ? Math.round((p.located / p.households) * 100) : 0}</td>
                    <td className="num">
                      {formatNumber(p.located)} / {formatNumber(p.households)}
                    </td>
                    <td className="num">{formatNumber(p.outside)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </section>
  );
}
