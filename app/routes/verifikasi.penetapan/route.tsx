/**
 * /verifikasi/penetapan — freeze the approved list of a period as an immutable SK snapshot, and
 * the list of snapshots with links to open, compare and export them.
 */
import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { common, formatDateTime, formatNumber, t } from "~/i18n";
import { vervalPenetapan } from "~/i18n/id/verval-penetapan";
import styles from "~/styles/wilayah.css";
import vervalStyles from "~/components/verval/dashboard/penetapan.css";
import { createPenetapan, loadPenetapan } from "./data.server";
import { privateJson } from "~/http/private-json";

const s = vervalPenetapan.decree;
const r = vervalPenetapan.ranking;

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "stylesheet", href: vervalStyles },
];
export const meta: MetaFunction = () => [{ title: `${s.title} — ${common.productName}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  return privateJson(await loadPenetapan(request));
}

export async function action({ request }: ActionFunctionArgs) {
  return json(await createPenetapan(request));
}

const fieldLabel: Record<string, string> = {
  number: s.number,
  decreeDate: s.date,
  signer: s.signer,
  scopeCode: s.scope,
  periode: s.periode,
  instrumentVersion: s.instrument,
  maxDesil: s.maxDesil,
};

export default function Penetapan() {
  const d = useLoaderData<typeof loader>();
  const res = useActionData<typeof action>();
  const nav = useNavigation();
  const busy = nav.state === "submitting";
  const latest = d.decrees[0];
  return (
    <section className="page wilayah verval" aria-labelledby="judul-penetapan">
      <p className="breadcrumbs no-print">
        <Link to="/verifikasi">{vervalPenetapan.dashboard.title}</Link> › {s.title}
      </p>
      <h1 id="judul-penetapan">{s.title}</h1>
      <p className="lead">{s.intro}</p>

      <section className="card no-print" aria-labelledby="judul-sk-baru">
        <h2 id="judul-sk-baru">{s.formTitle}</h2>
        <p className="small">{s.rule}</p>
        {d.pending.approved > 0 ? (
          <p className="warning" data-testid="pending-warning">{t(s.pendingWarning, { n: formatNumber(d.pending.approved) })}</p>
        ) : null}
        {d.instruments.length === 0 ? (
          <p className="notice">
            {s.needInstrument} <Link to="/verifikasi/peringkat">{r.title}</Link>
          </p>
        ) : (
          <Form method="post" aria-busy={busy}>
            {res && !res.ok ? (
              <ul role="alert" className="errors">
                {res.issues.map((i) => (
                  <li key={i.path + i.message}>
                    {fieldLabel[i.path] ? `${fieldLabel[i.path]}: ` : ""}
                    {i.message}
                  </li>
                ))}
              </ul>
            ) : null}
            {res?.ok ? (
              <p role="status" className="notice" data-testid="decree-created">
                {t(s.created, { v: res.version, n: formatNumber(res.rowCount), s: res.seconds.toLocaleString("id-ID") })}{" "}
                <Link to={`/verifikasi/penetapan/${res.id}`}>{s.open}</Link>
              </p>
            ) : null}
            <div className="form-grid">
              <label className="field">
                {s.number}
                <input name="number" required minLength={3} placeholder="400.9/…/427.12/2026" />
              </label>
              <label className="field">
                {s.date}
                <input name="decreeDate" type="date" required defaultValue={d.defaults.decreeDate} />
              </label>
              <label className="field">
                {s.signer}
                <input name="signer" required minLength={3} placeholder="Bupati Lumajang" />
              </label>
              <label className="field">
                {s.periode}
                <input name="periode" required defaultValue={latest?.periode ?? d.defaults.periode} pattern="[0-9]{4}(-S[12]|-Q[1-4]|-(0[1-9]|1[0-2]))?" />
              </label>
              <label className="field">
                {s.scope}
                <select name="scopeCode" defaultValue={latest?.scopeCode ?? d.areas[0]?.code}>
                  {d.areas.map((a) => (
                    <option key={a.code} value={a.code}>
                      {a.name} ({a.code})
                    </option>
                  ))}
                </select>
              </label>
              <label className="field">
                {s.instrument}
                <select name="instrumentVersion" defaultValue={d.instruments[0]?.version}>
                  {d.instruments.map((i) => (
                    <option key={i.version} value={i.version}>
                      v{i.version} — {i.name}
                    </option>
                  ))}
                </select>
              </label>
              <fieldset className="sort-keys field">
                <legend>{s.keys}</legend>
                {[0, 1].map((i) => (
                  <span key={i} className="sort-key">
                    <select name={`k${i}`} defaultValue={i === 0 ? "jumlah_jiwa" : ""} aria-label={`${s.keys} ${i + 1}`}>
                      <option value="">{r.keyNone}</option>
                      {d.sortKeyIds.map((k) => (
                        <option key={k} value={k}>{r.keyLabels[k] ?? k}</option>
                      ))}
                    </select>
                    <select name={`d${i}`} defaultValue="desc" aria-label={r.directions.desc}>
                      <option value="desc">{r.directions.desc}</option>
                      <option value="asc">{r.directions.asc}</option>
                    </select>
                  </span>
                ))}
              </fieldset>
              <label className="field">
                {s.maxDesil}
                <input name="maxDesil" type="number" min={1} max={10} />
              </label>
            </div>
            <button type="submit" className="button" disabled={busy}>
              {busy ? s.creating : s.create}
            </button>
            {busy ? <progress aria-label={s.creating} /> : null}
          </Form>
        )}
      </section>

      <section className="card" aria-labelledby="judul-daftar-sk">
        <h2 id="judul-daftar-sk">{s.listTitle}</h2>
        {d.decrees.length === 0 ? (
          <p>{s.none}</p>
        ) : (
          <div className="table-scroll">
            <table data-testid="decree-list">
              <thead>
                <tr>
                  <th scope="col">{s.number}</th>
                  <th scope="col">{s.periode}</th>
                  <th scope="col">{s.scope}</th>
                  <th scope="col" className="num">{s.version}</th>
                  <th scope="col" className="num">{s.rows}</th>
                  <th scope="col" className="hide-phone">{s.createdBy}</th>
                  <th scope="col" className="no-print" />
                </tr>
              </thead>
              <tbody>
                {d.decrees.map((x) => {
                  const prev = d.decrees.find((y) => y.periode === x.periode && y.scopeCode === x.scopeCode && y.version < x.version);
                  return (
                    <tr key={x.id}>
                      <td>
                        <Link to={`/verifikasi/penetapan/${x.id}`}>{x.number}</Link>
                        <div className="small muted">{x.decreeDate} · {x.signer}</div>
                      </td>
                      <td>{x.periode}</td>
                      <td>{x.scopeName ?? x.scopeCode}</td>
                      <td className="num">{x.version}</td>
                      <td className="num">{formatNumber(x.rowCount)}</td>
                      <td className="hide-phone small">
                        {x.createdBy}
                        <div className="muted">{formatDateTime(x.createdAt)}</div>
                      </td>
                      <td className="no-print">
                        {prev ? <Link to={`/verifikasi/penetapan/banding?a=${prev.id}&b=${x.id}`}>{s.compare}</Link> : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </section>
  );
}
