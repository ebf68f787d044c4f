/** /verifikasi/permohonan — registrations in the account's wilayah, with status/desa/match filters. */
import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { applicationStatuses } from "../../../analytics/verval/workflow";
import { common, formatDateTime, formatNumber, t } from "~/i18n";
import { vervalDaftar as s } from "~/i18n/id/verval-daftar";
import styles from "~/styles/verval-daftar.css";
import { loadApplicationList } from "./data.server";
import { privateJson } from "~/http/private-json";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: `${s.listTitle} — ${common.productName}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  return privateJson(await loadApplicationList(request));
}

export default function ApplicationListPage() {
  const d = useLoaderData<typeof loader>();
  const pages = Math.max(1, Math.ceil(d.total / d.pageSize));
  const query = (over: Record<string, string | null>) => {
    const p = new URLSearchParams();
    const base: Record<string, string | null> = { status: d.filters.status, cocok: d.filters.match, desa: d.filters.kodeDesa, ...over };
    for (const [k, v] of Object.entries(base)) if (v) p.set(k, v);
    const qs = p.toString();
    return qs ? `?${qs}` : "";
  };
  return (
    <section className="page app-page" aria-labelledby="judul-daftar-permohonan">
      <h1 id="judul-daftar-permohonan">{s.listTitle}</h1>
      <p className="lead">{s.listIntro}</p>
      {d.canRegister ? (
        <p>
          <Link className="button" to="/verifikasi/daftar">
            {s.newRegistration}
          </Link>
        </p>
      ) : null}
      <ul className="status-counts" aria-label={s.filterStatus}>
        <li>
          <Link to={query({ status: null, hal: null })} aria-current={d.filters.status === null ? "true" : undefined}>
            {s.all} ({formatNumber(Object.values(d.byStatus).reduce((a, b) => a + b, 0))})
          </Link>
        </li>
        {applicationStatuses.map((st) => (
          <li key={st}>
            <Link to={query({ status: st, hal: null })} aria-current={d.filters.status === st ? "true" : undefined}>
              {s.statusLabels[st]} ({formatNumber(d.byStatus[st])})
            </Link>
          </li>
        ))}
      </ul>
      <Form method="get" className="card filters">
        {d.filters.status ? <input type="hidden" name="status" value={d.filters.status} /> : null}
        {d.desaOptions.length ? (
          <label>
            {s.filterDesa}
            <select name="desa" defaultValue={d.filters.kodeDesa ?? ""}>
              <option value="">{s.all}</option>
              {d.desaOptions.map((o) => (
                <option key={o.code} value={o.code}>
                  {o.name}
                  {o.kecamatan ? ` (${o.kecamatan})` : ""}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label>
          {s.filterMatch}
          <select name="cocok" defaultValue={d.filters.match ?? ""}>
            <option value="">{s.all}</option>
            <option value="baru">{s.matchLabels.baru}</option>
            <option value="terdaftar">{s.matchLabels.terdaftar}</option>
          </select>
        </label>
        <button type="submit" className="button">
          {s.filter}
        </button>
      </Form>
      <p className="muted" data-testid="application-count">
        {t(s.resultCount, { n: formatNumber(d.total) })}
      </p>
      {d.rows.length === 0 ? (
        <p>{s.none}</p>
      ) : (
        <ul className="app-list">
          {d.rows.map((r) => (
            <li key={r.id} className="card">
              <Link to={`/verifikasi/permohonan/${r.id}`}>
                <span className="row1">
                  <span className="name">
                    #{r.id} {r.nama_kepala}
                  </span>
                  <span className={`status-pill s-${r.status}`}>{s.statusLabels[r.status]}</span>
                </span>
                <span className="muted small">
                  <span className="mono">{r.nik_kepala}</span> · {r.nama_desa ?? r.kode_desa} · {s.channelShort[r.channel]} ·{" "}
                  {formatDateTime(r.registered_at)}
                </span>
                <span className="small">
                  {s.matchShort[r.match]} ·{" "}
                  {r.match === "terdaftar" ? t(s.changesN, { n: r.change_count ?? 0 }) : t(s.metN, { n: r.met_count ?? 0 })} ·{" "}
                  {r.passes ? s.passes : s.notPasses}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {pages > 1 ? (
        <nav className="pager" aria-label={t(s.pageOf, { page: d.page, pages })}>
          {d.page > 1 ? <Link to={query({ hal: String(d.page - 1) })}>{s.prev}</Link> : null} <span>{t(s.pageOf, { page: d.page, pages })}</span>{" "}
          {d.page < pages ? <Link to={query({ hal: String(d.page + 1) })}>{s.nextPage}</Link> : null}
        </nav>
      ) : null}
    </section>
  );
}
