/** /verifikasi/peringkat/:idRt — a household's score as its parts, and its rank. */
import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { common, formatNumber, t } from "~/i18n";
import { vervalPenetapan } from "~/i18n/id/verval-penetapan";
import styles from "~/styles/wilayah.css";
import vervalStyles from "~/components/verval/dashboard/penetapan.css";
import { loadExplanation } from "./data.server";
import { privateJson } from "~/http/private-json";

const s = vervalPenetapan.explain;
const r = vervalPenetapan.ranking;

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "stylesheet", href: vervalStyles },
];
export const meta: MetaFunction = () => [{ title: `${s.title} — ${common.productName}` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return privateJson(await loadExplanation(request, params.idRt ?? ""));
}

const fmt = (n: number | null) => (n === null ? r.unknown : n.toLocaleString("id-ID", { maximumFractionDigits: 4 }));

export default function Rincian() {
  const d = useLoaderData<typeof loader>();
  return (
    <section className="page wilayah verval" aria-labelledby="judul-rincian">
      <p className="breadcrumbs no-print">
        <Link to="/verifikasi">{vervalPenetapan.dashboard.title}</Link> › <Link to="/verifikasi/peringkat">{r.title}</Link> › {d.idRt}
      </p>
      <h1 id="judul-rincian">{s.title}</h1>
      <p className="lead">
        <Link to={`/rumah-tangga/${encodeURIComponent(d.idRt)}`}>{t(s.household, { id: d.idRt })}</Link>
        {"namaKepala" in d && d.namaKepala ? ` · ${d.namaKepala}` : ""}
      </p>
      {!d.instrument ? (
        <p className="notice">{s.noInstrument}</p>
      ) : (
        <>
          <p>{t(s.instrument, { v: d.instrument.version, name: d.instrument.name })} · {t(s.desil, { desil: d.desil ?? r.unknown })}</p>
          <ul data-testid="ranks">
            {d.areas.map((a) =>
              a.rank !== null && a.total !== null ? (
                <li key={a.code}>
                  <strong>{t(s.rankIn, { rank: formatNumber(a.rank), total: formatNumber(a.total), area: a.name })}</strong>
                </li>
              ) : (
                <li key={a.code}>{t(s.notRanked, { area: a.name })}</li>
              ),
            )}
          </ul>
          <p className="muted">{s.intro}</p>
          <div className="table-scroll card">
            <table data-testid="score-parts">
              <thead>
                <tr>
                  <th scope="col">{s.part}</th>
                  <th scope="col" className="num">{s.weight}</th>
                  <th scope="col" className="num">{s.value}</th>
                  <th scope="col" className="num">{s.contribution}</th>
                </tr>
              </thead>
              <tbody>
                {d.parts.map((p) => (
                  <tr key={p.indicator}>
                    <td>
                      {p.unit === "member" ? `${r.unitMember} ` : ""}
                      {p.label}
                    </td>
                    <td className="num">{fmt(p.weight)}</td>
                    <td className="num">{fmt(p.value)}</td>
                    <td className="num">{fmt(p.contribution)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={3}>{s.total}</th>
                  <td className="num"><strong>{fmt(d.score)}</strong></td>
                </tr>
              </tfoot>
            </table>
          </div>
          {d.decrees.length ? (
            <section className="card">
              <h2>{s.decrees}</h2>
              <ul>
                {d.decrees.map((x) => (
                  <li key={x.id}>
                    <Link to={`/verifikasi/penetapan/${x.id}`}>{t(s.decreeRow, { number: x.number, periode: x.periode, version: x.version, rank: formatNumber(x.rank) })}</Link>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      )}
      <p className="no-print">
        <Link to="/verifikasi/peringkat">{s.back}</Link>
      </p>
    </section>
  );
}
