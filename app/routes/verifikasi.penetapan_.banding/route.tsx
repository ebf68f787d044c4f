/** /verifikasi/penetapan/banding — who entered, left or moved between two SK versions. */
import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { common, formatNumber, t } from "~/i18n";
import { vervalPenetapan } from "~/i18n/id/verval-penetapan";
import styles from "~/styles/wilayah.css";
import vervalStyles from "~/components/verval/dashboard/penetapan.css";
import { loadCompare } from "./data.server";
import { privateJson } from "~/http/private-json";

const s = vervalPenetapan.compare;
const r = vervalPenetapan.ranking;

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "stylesheet", href: vervalStyles },
];
export const meta: MetaFunction = () => [{ title: `${s.title} — ${common.productName}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  return privateJson(await loadCompare(request));
}

const fmt = (n: number | null) => (n === null ? "–" : n.toLocaleString("id-ID", { maximumFractionDigits: 4 }));
const arrow = (a: number | null, b: number | null) => (a === b ? fmt(a) : `${fmt(a)} → ${fmt(b)}`);

export default function Banding() {
  const d = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  const link = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(search);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    return `?${next.toString()}`;
  };
  const label = (x: (typeof d.decrees)[number]) => `${x.number} · ${x.periode} · ${x.scopeName ?? x.scopeCode} · v${x.version}`;
  const res = d.result;
  const pages = res ? Math.max(1, Math.ceil(res.total / d.pageSize)) : 1;
  return (
    <section className="page wilayah verval" aria-labelledby="judul-banding">
      <p className="breadcrumbs no-print">
        <Link to="/verifikasi">{vervalPenetapan.dashboard.title}</Link> › <Link to="/verifikasi/penetapan">{vervalPenetapan.decree.title}</Link> › {s.title}
      </p>
      <h1 id="judul-banding">{s.title}</h1>
      <p className="lead">{s.intro}</p>
      <Form method="get" className="card filter-row no-print">
        <label>
          {s.a}
          <select name="a" defaultValue={d.params.a ?? ""}>
            {d.decrees.map((x) => (
              <option key={x.id} value={x.id}>{label(x)}</option>
            ))}
          </select>
        </label>
        <label>
          {s.b}
          <select name="b" defaultValue={d.params.b ?? ""}>
            {d.decrees.map((x) => (
              <option key={x.id} value={x.id}>{label(x)}</option>
            ))}
          </select>
        </label>
        <button type="submit" className="button">{s.show}</button>
      </Form>
      {!res ? (
        <p className="notice">{s.pick}</p>
      ) : (
        <>
          <p className="small">
            A: <Link to={`/verifikasi/penetapan/${res.a.id}`}>{label(res.a)}</Link> ({formatNumber(res.a.rowCount)})<br />
            B: <Link to={`/verifikasi/penetapan/${res.b.id}`}>{label(res.b)}</Link> ({formatNumber(res.b.rowCount)})
          </p>
          <dl className="stats" data-testid="compare-counts">
            {(["added", "removed", "changed"] as const).map((k) => (
              <div className="stat" key={k} data-stat={k}>
                <dt>{s.kinds[k]}</dt>
                <dd>{formatNumber(res.counts[k])}</dd>
              </div>
            ))}
            <div className="stat" data-stat="unchanged">
              <dt>{s.unchanged}</dt>
              <dd>{formatNumber(res.counts.unchanged)}</dd>
            </div>
          </dl>
          <ul className="kind-chips no-print" aria-label={s.title}>
            <li><Link to={link({ jenis: null, hal: null })} aria-current={!d.params.jenis ? "true" : undefined}>{s.all}</Link></li>
            {(["added", "removed", "changed"] as const).map((k) => (
              <li key={k}>
                <Link to={link({ jenis: k, hal: null })} aria-current={d.params.jenis === k ? "true" : undefined}>
                  {s.kinds[k]} <span className="badge">{formatNumber(res.counts[k])}</span>
                </Link>
              </li>
            ))}
          </ul>
          {res.rows.length === 0 ? (
            <p>{s.none}</p>
          ) : (
            <div className="table-scroll card">
              <table data-testid="compare-table">
                <thead>
                  <tr>
                    <th scope="col">{vervalPenetapan.compare.unit}</th>
                    <th scope="col" />
                    <th scope="col">{r.desa}</th>
                    <th scope="col" className="num">{s.rankA}</th>
                    <th scope="col" className="num">{s.rankB}</th>
                    <th scope="col" className="num hide-phone">{s.desil}</th>
                    <th scope="col" className="num hide-phone">{s.score}</th>
                  </tr>
                </thead>
                <tbody>
                  {res.rows.map((x) => (
                    <tr key={x.unit} data-kind={x.kind}>
                      <td>
                        {x.idRt ? <Link to={`/rumah-tangga/${encodeURIComponent(x.idRt)}`}>{x.namaKepala ?? x.idRt}</Link> : x.namaKepala}
                        <div className="small muted mono">{x.idRt ?? t(r.newEntrant, { id: String(x.applicationId) })}</div>
                      </td>
                      <td className={`kind-${x.kind}`}>{s.kinds[x.kind]}</td>
                      <td>{x.kodeDesa}</td>
                      <td className="num">{x.rankA === null ? "–" : formatNumber(x.rankA)}</td>
                      <td className="num">{x.rankB === null ? "–" : formatNumber(x.rankB)}</td>
                      <td className="num hide-phone">{arrow(x.desilA, x.desilB)}</td>
                      <td className="num hide-phone">{arrow(x.scoreA, x.scoreB)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <nav className="pager no-print" aria-label={s.title}>
            {d.params.hal > 1 ? <Link to={link({ hal: String(d.params.hal - 1) })}>{r.previous}</Link> : <span />}
            <span className="muted small">{t(r.page, { p: formatNumber(d.params.hal), n: formatNumber(pages) })}</span>
            {d.params.hal < pages ? <Link to={link({ hal: String(d.params.hal + 1) })}>{r.next}</Link> : <span />}
          </nav>
        </>
      )}
    </section>
  );
}
