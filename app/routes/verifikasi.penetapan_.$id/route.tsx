/** /verifikasi/penetapan/:id — one frozen SK list, its checksum, exports and comparison. */
import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { common, formatDateTime, formatNumber, t } from "~/i18n";
import { vervalPenetapan } from "~/i18n/id/verval-penetapan";
import styles from "~/styles/wilayah.css";
import vervalStyles from "~/components/verval/dashboard/penetapan.css";
import { loadDecree } from "./data.server";
import { privateJson } from "~/http/private-json";

const s = vervalPenetapan.decree;
const r = vervalPenetapan.ranking;

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "stylesheet", href: vervalStyles },
];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data ? t(s.detailTitle, { number: data.snapshot.number }) : s.title} — ${common.productName}` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return privateJson(await loadDecree(request, params.id));
}

const fmtScore = (n: number | null) => (n === null ? "–" : n.toLocaleString("id-ID", { maximumFractionDigits: 4 }));

export default function DecreeDetail() {
  const d = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  const x = d.snapshot;
  const pages = Math.max(1, Math.ceil(d.total / d.pageSize));
  const link = (hal: number) => {
    const next = new URLSearchParams(search);
    next.set("hal", String(hal));
    return `?${next.toString()}`;
  };
  const base = `/verifikasi/penetapan/${x.id}/unduh`;
  const pdfHref = d.params.desa ? `${base}?format=pdf&desa=${d.params.desa}` : `${base}?format=pdf`;
  const pdfTooLarge = !d.params.desa && x.rowCount > d.pdfMaxRows;
  return (
    <section className="page wilayah verval" aria-labelledby="judul-sk">
      <p className="breadcrumbs no-print">
        <Link to="/verifikasi">{vervalPenetapan.dashboard.title}</Link> › <Link to="/verifikasi/penetapan">{s.title}</Link> › {x.number}
      </p>
      <h1 id="judul-sk">{t(s.detailTitle, { number: x.number })}</h1>
      <p className="lead">
        {t(s.meta, { periode: x.periode, scope: x.scopeName ?? x.scopeCode, version: x.version, instrument: x.instrumentVersion ?? "–", n: formatNumber(x.rowCount) })}
      </p>
      <p>{t(s.signedBy, { signer: x.signer, date: x.decreeDate, by: x.createdBy, at: formatDateTime(x.createdAt) })}</p>
      <p className={d.verified ? "ok" : "warning"} data-testid="checksum-status">
        {d.verified ? s.verified : s.notVerified}
      </p>
      <p className="checksum">sha256 {x.checksum}</p>

      <div className="actions no-print">
        <a className="button" href={`${base}?format=xlsx`} download data-testid="download-xlsx">
          {s.downloadXlsx}
        </a>
        {pdfTooLarge ? (
          <span className="muted small">{t(s.pdfTooLarge, { n: formatNumber(x.rowCount) })}</span>
        ) : (
          <a className="button button-secondary" href={pdfHref} data-testid="download-pdf">
            {s.downloadPdf}
          </a>
        )}
        {d.previous ? (
          <Link className="button button-secondary" to={`/verifikasi/penetapan/banding?a=${d.previous}&b=${x.id}`}>
            {s.compareWithPrevious}
          </Link>
        ) : null}
      </div>

      <Form method="get" className="card filter-row no-print">
        <label>
          {s.filterDesa}
          <select name="desa" defaultValue={d.params.desa ?? ""}>
            <option value="">{s.allDesa}</option>
            {d.desa.map((a) => (
              <option key={a.code} value={a.code}>
                {a.name ?? a.code} ({formatNumber(a.n)})
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button">{r.show}</button>
      </Form>

      <div className="table-scroll card">
        <table data-testid="decree-items">
          <thead>
            <tr>
              <th scope="col" className="num">{r.rank}</th>
              <th scope="col">{s.nik}</th>
              <th scope="col">{s.name}</th>
              <th scope="col" className="hide-phone">{s.address}</th>
              <th scope="col">{r.desa}</th>
              <th scope="col" className="num">{r.desil}</th>
              <th scope="col" className="num">{r.score}</th>
            </tr>
          </thead>
          <tbody>
            {d.items.map((i) => (
              <tr key={i.rank}>
                <td className="num">{formatNumber(i.rank)}</td>
                <td className="mono small">{i.nikKepala ?? "–"}</td>
                <td>
                  {i.idRt ? <Link to={`/rumah-tangga/${encodeURIComponent(i.idRt)}`}>{i.namaKepala ?? i.idRt}</Link> : i.namaKepala}
                  {i.applicationId ? <div className="small muted">{t(r.newEntrant, { id: String(i.applicationId) })}</div> : null}
                </td>
                <td className="hide-phone small">{i.alamat}</td>
                <td>{i.namaDesa ?? i.kodeDesa}</td>
                <td className="num">{i.desil ?? "–"}</td>
                <td className="num">{fmtScore(i.score)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav className="pager no-print" aria-label={s.listTitle}>
        {d.params.hal > 1 ? <Link to={link(d.params.hal - 1)}>{r.previous}</Link> : <span />}
        <span className="muted small">{t(r.page, { p: formatNumber(d.params.hal), n: formatNumber(pages) })}</span>
        {d.params.hal < pages ? <Link to={link(d.params.hal + 1)}>{r.next}</Link> : <span />}
      </nav>
    </section>
  );
}
