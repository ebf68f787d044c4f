/**
 * /verifikasi/peringkat — ranking of households (desil, then TKPK's weighted instrument, then
 * chosen keys) and TKPK's instrument versions. Thin: the work is in db/verval/ranking.server.ts.
 */
import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useState } from "react";
import { common, formatDateTime, formatNumber, t } from "~/i18n";
import { vervalPenetapan } from "~/i18n/id/verval-penetapan";
import styles from "~/styles/wilayah.css";
import vervalStyles from "~/components/verval/dashboard/penetapan.css";
import { loadRanking, saveRankingInstrument } from "./data.server";
import { privateJson } from "~/http/private-json";

const s = vervalPenetapan.ranking;

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "stylesheet", href: vervalStyles },
];
export const meta: MetaFunction = () => [{ title: `${s.title} — ${common.productName}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  return privateJson(await loadRanking(request));
}

export async function action({ request }: ActionFunctionArgs) {
  return json(await saveRankingInstrument(request));
}

const fmtScore = (n: number) => n.toLocaleString("id-ID", { maximumFractionDigits: 4 });

export default function Peringkat() {
  const d = useLoaderData<typeof loader>();
  const saved = useActionData<typeof action>();
  const nav = useNavigation();
  const [search] = useSearchParams();
  const link = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(search);
    next.delete("segar"); // a recompute is asked for once, not carried into later links
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    return `?${next.toString()}`;
  };
  const [weights, setWeights] = useState<Record<string, string>>(() =>
    Object.fromEntries(Object.entries(d.chosen?.weights ?? {}).map(([k, v]) => [k, String(v)])),
  );
  const sum = Object.values(weights).reduce((a, v) => a + (Number(v.replace(",", ".")) || 0), 0);
  const keys = d.params.sortKeys;
  const pages = d.ranking ? Math.max(1, Math.ceil(d.ranking.total / d.pageSize)) : 1;
  const labelOf = new Map(d.indicators.map((i) => [i.id, i.label]));
  const exportHref = `/verifikasi/peringkat/unduh?${new URLSearchParams({
    periode: d.params.periode,
    ...(d.params.scopeCode ? { wilayah: d.params.scopeCode } : {}),
    ...(d.params.versi ? { versi: String(d.params.versi) } : {}),
    urut: d.params.urut,
  }).toString()}`;

  return (
    <section className="page wilayah verval" aria-labelledby="judul-peringkat">
      <p className="breadcrumbs no-print">
        <Link to="/verifikasi">{vervalPenetapan.dashboard.title}</Link> › {s.title}
      </p>
      <h1 id="judul-peringkat">{s.title}</h1>
      <p className="lead">{s.intro}</p>

      <Form method="get" className="card filter-row no-print" aria-label={s.listTitle}>
        <label>
          {s.periode}
          <input name="periode" defaultValue={d.params.periode} size={8} />
        </label>
        <label>
          {s.wilayah}
          <select name="wilayah" defaultValue={d.params.scopeCode}>
            <option value="">{s.allScope}</option>
            {d.areas.map((a) => (
              <option key={a.code} value={a.code}>
                {a.level === "desa" ? "\u00a0\u00a0" : ""}
                {a.name} ({a.code})
              </option>
            ))}
          </select>
        </label>
        <label>
          {s.instrument}
          <select name="versi" defaultValue={d.params.versi ?? ""}>
            {d.versions.map((v) => (
              <option key={v.version} value={v.version}>
                v{v.version} — {v.name}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="sort-keys">
          <legend>{s.keys}</legend>
          {[0, 1].map((i) => (
            <span key={i} className="sort-key">
              <select name={`k${i}`} defaultValue={keys[i]?.key ?? ""} aria-label={`${s.keys} ${i + 1}`}>
                <option value="">{s.keyNone}</option>
                {d.sortKeyIds.map((k) => (
                  <option key={k} value={k}>{s.keyLabels[k] ?? k}</option>
                ))}
              </select>
              <select name={`d${i}`} defaultValue={keys[i]?.direction ?? "desc"} aria-label={s.directions.desc}>
                <option value="desc">{s.directions.desc}</option>
                <option value="asc">{s.directions.asc}</option>
              </select>
            </span>
          ))}
        </fieldset>
        <button type="submit" className="button">
          {s.show}
        </button>
      </Form>

      {!d.chosen ? (
        <p className="notice">{s.noInstrument}</p>
      ) : d.ranking ? (
        <section className="card" aria-labelledby="judul-hasil">
          <h2 id="judul-hasil">{s.listTitle}</h2>
          <p>
            {t(s.count, { n: formatNumber(d.ranking.total) })} · v{d.chosen.version} {d.chosen.name} ·{" "}
            <span className="small muted">{t(s.computedAt, { at: formatDateTime(d.ranking.computedAt) })}</span>{" "}
            <Link className="small no-print" to={link({ segar: "1" })} reloadDocument>
              {s.recompute}
            </Link>{" "}
            <a className="button button-secondary no-print" href={exportHref} download>
              {s.export}
            </a>
          </p>
          <div className="table-scroll">
            <table data-testid="ranking-table">
              <thead>
                <tr>
                  <th scope="col" className="num">{s.rank}</th>
                  <th scope="col">{s.household}</th>
                  <th scope="col">{s.desa}</th>
                  <th scope="col" className="num">{s.desil}</th>
                  <th scope="col" className="num">{s.score}</th>
                  <th scope="col" className="num">{s.jiwa}</th>
                </tr>
              </thead>
              <tbody>
                {d.ranking.rows.map((r) => (
                  <tr key={r.rank}>
                    <td className="num">{formatNumber(r.rank)}</td>
                    <td>
                      {r.idRt ? (
                        <Link to={`/rumah-tangga/${encodeURIComponent(r.idRt)}`}>{r.namaKepala ?? r.idRt}</Link>
                      ) : (
                        <Link to={`/verifikasi/permohonan/${r.applicationId}`}>{r.namaKepala ?? ""}</Link>
                      )}
                      <div className="small muted mono">
                        {r.idRt ?? t(s.newEntrant, { id: String(r.applicationId) })}
                        {r.nikKepala ? ` · ${r.nikKepala}` : ""}
                      </div>
                    </td>
                    <td>{r.namaDesa ?? r.kodeDesa}</td>
                    <td className="num">{r.desil ?? "–"}</td>
                    <td className="num">
                      {fmtScore(r.score)}
                      {r.idRt ? (
                        <>
                          {" "}
                          <Link
                            className="small no-print"
                            to={`/verifikasi/peringkat/${encodeURIComponent(r.idRt)}?${new URLSearchParams({ periode: d.params.periode, wilayah: d.params.scopeCode, versi: String(d.params.versi ?? ""), urut: d.params.urut }).toString()}`}
                          >
                            {s.explain}
                          </Link>
                        </>
                      ) : null}
                    </td>
                    <td className="num">{r.jumlahJiwa}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav className="pager no-print" aria-label={s.listTitle}>
            {d.params.hal > 1 ? <Link to={link({ hal: String(d.params.hal - 1) })}>{s.previous}</Link> : <span />}
            <span className="muted small">{t(s.page, { p: formatNumber(d.params.hal), n: formatNumber(pages) })}</span>
            {d.params.hal < pages ? <Link to={link({ hal: String(d.params.hal + 1) })}>{s.next}</Link> : <span />}
          </nav>
        </section>
      ) : null}

      <section className="card" aria-labelledby="judul-instrumen">
        <h2 id="judul-instrumen">{s.instrumentTitle}</h2>
        <p className="muted">{s.instrumentIntro}</p>
        {d.canDefine ? (
          <Form method="post" className="instrument-form no-print">
            {saved?.ok ? <p role="status" className="notice">{t(s.saved, { v: saved.version })}</p> : null}
            {saved && !saved.ok ? (
              <ul role="alert" className="errors">
                {saved.issues.map((i) => (
                  <li key={i.path + i.message}>
                    {i.path.startsWith("weights.") ? `${labelOf.get(i.path.slice(8)) ?? i.path}: ` : ""}
                    {i.message}
                  </li>
                ))}
              </ul>
            ) : null}
            <label className="field">
              {s.name}
              <input name="name" required defaultValue={d.chosen?.name ?? ""} />
            </label>
            <label className="field">
              {s.note}
              <input name="note" />
            </label>
            <div className="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{s.indicator}</th>
                    <th scope="col" className="num">{s.weight}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.indicators.map((i) => (
                    <tr key={i.id}>
                      <td>
                        <label htmlFor={`w_${i.id}`}>
                          {i.unit === "member" ? `${s.unitMember} ` : ""}
                          {i.label}
                        </label>
                        <details className="how">
                          <summary>cara hitung</summary>
                          <p>{i.caraHitung}</p>
                        </details>
                      </td>
                      <td className="num">
                        <input
                          id={`w_${i.id}`}
                          name={`w_${i.id}`}
                          inputMode="decimal"
                          className="weight"
                          value={weights[i.id] ?? ""}
                          onChange={(e) => setWeights((w) => ({ ...w, [i.id]: e.target.value }))}
                        />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p className={Math.abs(sum - 1) < 1e-9 ? "muted" : "warning"} data-testid="weight-sum">
              {t(s.sum, { sum: sum.toLocaleString("id-ID", { maximumFractionDigits: 6 }) })}
            </p>
            <button type="submit" className="button" disabled={nav.state === "submitting"}>
              {s.save}
            </button>
          </Form>
        ) : (
          <p className="muted">{s.readOnly}</p>
        )}
        <h3>{s.versionsTitle}</h3>
        <div className="table-scroll">
          <table data-testid="instrument-versions">
            <thead>
              <tr>
                <th scope="col">{s.version}</th>
                <th scope="col">{s.name}</th>
                <th scope="col">{s.indicator}</th>
                <th scope="col">{s.createdBy}</th>
                <th scope="col">{s.createdAt}</th>
              </tr>
            </thead>
            <tbody>
              {d.versions.map((v) => (
                <tr key={v.version}>
                  <td>
                    <Link to={link({ versi: String(v.version), hal: null })}>v{v.version}</Link>
                  </td>
                  <td>
                    {v.name}
                    {v.note ? <div className="small muted">{v.note}</div> : null}
                  </td>
                  <td className="small">
                    {Object.entries(v.weights)
                      .map(([k, w]) => `${labelOf.get(k) ?? k} ${w}`)
                      .join("; ")}
                  </td>
                  <td>{v.createdBy}</td>
                  <td className="small">{formatDateTime(v.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </section>
  );
}
