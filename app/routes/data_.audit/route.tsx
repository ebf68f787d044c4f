/** /data/audit — the audit log, filterable, for administrators only. */
import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { common, formatDateTime, formatNumber, t } from "~/i18n";
import { admin as s } from "~/i18n/id/admin";
import styles from "~/styles/wilayah.css";
import { loadAudit } from "./data.server";
import { privateJson } from "~/http/private-json";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: `${s.auditTitle} — ${common.productName}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  return privateJson(await loadAudit(request));
}

export default function AuditPage() {
  const { filter, rows, total, pageSize } = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  const page = (n: number) => {
    const next = new URLSearchParams(search);
    next.set("hal", String(n));
    return `?${next.toString()}`;
  };
  return (
    <section className="page wilayah" aria-labelledby="judul-audit">
      <h1 id="judul-audit">{s.auditTitle}</h1>
      <p className="lead">{s.auditIntro}</p>
      <Form method="get" className="card filter-row">
        <label>
          {s.actor}
          <input name="actor" defaultValue={filter.actor ?? ""} />
        </label>
        <label>
          {s.entity}
          <select name="entity" defaultValue={filter.entity ?? ""}>
            <option value="">{s.any}</option>
            {Object.entries(s.entities).map(([k, v]) => (
              <option key={k} value={k}>{v}</option>
            ))}
          </select>
        </label>
        <label>
          {s.key}
          <input name="key" defaultValue={filter.key ?? ""} />
        </label>
        <label>
          {s.desa}
          <input name="desa" defaultValue={filter.desa ?? ""} inputMode="numeric" />
        </label>
        <button type="submit" className="button">{s.filter}</button>
      </Form>
      <p>{t(s.total, { n: formatNumber(total) })}</p>
      <div className="table-scroll card">
        <table data-testid="audit-table">
          <thead>
            <tr>
              <th scope="col">{s.when}</th>
              <th scope="col">{s.actor}</th>
              <th scope="col">{s.entity}</th>
              <th scope="col">{s.change}</th>
              <th scope="col">{s.reason}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{formatDateTime(r.at)}</td>
                <td>{r.actor}</td>
                <td>
                  {s.entities[r.entity] ?? r.entity}:{" "}
                  {r.entity === "household" || r.entity === "location" ? (
                    <Link to={`/rumah-tangga/${encodeURIComponent(r.entityKey)}`}>{r.entityKey}</Link>
                  ) : (
                    r.entityKey
                  )}
                </td>
                <td className="mono small">
                  {JSON.stringify(r.before)} → {JSON.stringify(r.after)}
                </td>
                <td>{r.reason ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav className="pager" aria-label="Halaman log">
        {filter.hal > 1 ? <Link to={page(filter.hal - 1)}>{s.previous}</Link> : <span />}
        {filter.hal * pageSize < total ? <Link to={page(filter.hal + 1)}>{s.next}</Link> : null}
      </nav>
    </section>
  );
}
