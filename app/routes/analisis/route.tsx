/**
 * /analisis — targeting analysis for one program and period: coverage and errors for the
 * kabupaten, areas sorted by gap, the program overlap matrix (echarts heatmap), and the findings
 * list with filters. Thin: the work is in analytics/targeting.
 */
import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useMemo } from "react";
import { maskNik } from "../../../analytics/nik";
import { Heatmap } from "~/components/charts/Heatmap";
import { common, formatDateTime, formatNumber, formatPercent, t } from "~/i18n";
import { analisis as s } from "~/i18n/id/analisis";
import { aturan } from "~/i18n/id/aturan";
import styles from "~/styles/wilayah.css";
import { loadSasaran, recomputeFindings } from "./data.server";
import { privateJson } from "~/http/private-json";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: `${s.title} — ${common.productName}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  return privateJson(await loadSasaran(request));
}

export async function action({ request }: ActionFunctionArgs) {
  return json(await recomputeFindings(request));
}

const fmtPct = formatPercent;

export default function Sasaran() {
  const d = useLoaderData<typeof loader>();
  const done = useActionData<typeof action>();
  const nav = useNavigation();
  const [search] = useSearchParams();
  const link = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(search);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    return `?${next.toString()}`;
  };
  const overlap = useMemo(() => {
    if (d.empty) return null;
    const labels = [...new Set(d.overlap.flatMap((c) => [c.programA, c.programB]))].sort();
    const cells = d.overlap.map((c): [number, number, number] => [labels.indexOf(c.programB), labels.indexOf(c.programA), c.households]);
    return { labels, cells };
  }, [d]);

  return (
    <section className="page wilayah" aria-labelledby="judul-sasaran">
      <h1 id="judul-sasaran">{s.title}</h1>
      <p className="lead">{s.intro}</p>
      <p className="no-print"><Link to="/analisis/aturan">{aturan.title}</Link></p>
      <p className="no-print">
        <Link to={`/analisis/sasaran${d.params.program ? `?program=${d.params.program}${d.params.periode ? `&periode=${d.params.periode}` : ""}` : ""}`}>
          {s.sasaranLink} ›
        </Link>
      </p>
      <Form method="get" className="card filter-row no-print">
        <label>
          {s.program}
          <select name="program" defaultValue={d.params.program ?? ""}>
            {d.programs.map((p) => (
              <option key={p.kode} value={p.kode}>{p.nama}</option>
            ))}
          </select>
        </label>
        <label>
          {s.periode}
          <select name="periode" defaultValue={d.params.periode ?? ""}>
            {d.periods.map((p) => (
              <option key={p} value={p}>{p}</option>
            ))}
          </select>
        </label>
        <label>
          {s.tingkat}
          <select name="tingkat" defaultValue={d.params.tingkat}>
            <option value="kecamatan">{s.levels.kecamatan}</option>
            <option value="desa">{s.levels.desa}</option>
          </select>
        </label>
        <button type="submit" className="button">{s.show}</button>
      </Form>

      {d.empty ? (
        <p className="notice">{s.noData}</p>
      ) : (
        <>
          {d.kabupaten ? (
            <dl className="stats" data-testid="coverage-figures">
              <div className="stat" data-stat="eligible"><dt>{s.figures.eligible}</dt><dd>{formatNumber(d.kabupaten.eligible)}</dd></div>
              <div className="stat" data-stat="penerima"><dt>{s.figures.penerima}</dt><dd>{formatNumber(d.kabupaten.penerima)}</dd></div>
              <div className="stat" data-stat="tepat"><dt>{s.figures.tepat}</dt><dd>{formatNumber(d.kabupaten.tepat)}</dd></div>
              <div className="stat" data-stat="coverage"><dt>{s.figures.coverage}</dt><dd>{fmtPct(d.kabupaten.coverage_pct)}</dd></div>
              <div className="stat" data-stat="exclusion"><dt>{s.figures.exclusion}</dt><dd>{fmtPct(d.kabupaten.exclusion_error_pct)}</dd></div>
              <div className="stat" data-stat="inclusion"><dt>{s.figures.inclusion}</dt><dd>{fmtPct(d.kabupaten.inclusion_error_pct)}</dd></div>
            </dl>
          ) : null}
          <p className="muted small">
            {s.definitions}{" "}
            {d.computedAt ? t(s.computedAt, { at: formatDateTime(d.computedAt) }) : s.notComputed}
          </p>

          <div className="wilayah-grid">
            <section className="card" aria-labelledby="judul-area">
              <h2 id="judul-area">{t(s.areasTitle, { level: s.levels[d.params.tingkat] ?? "" })}</h2>
              <div className="table-scroll">
                <table data-testid="coverage-table">
                  <thead>
                    <tr>
                      <th scope="col">{s.area}</th>
                      <th scope="col" className="num">{s.figures.eligible}</th>
                      <th scope="col" className="num">{s.gap}</th>
                      <th scope="col" className="num">{s.figures.exclusion}</th>
                      <th scope="col" className="num">{s.figures.inclusion}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.areas.slice(0, 30).map((a) => (
                      <tr key={a.kode_wilayah}>
                        <td>
                          <Link to={`/wilayah/${a.kode_wilayah}`}>{a.nama}</Link>{" "}
                          <Link className="small" to={link({ wilayah: a.kode_wilayah, hal: null }) + "#judul-temuan"}>({s.findingsLink})</Link>
                        </td>
                        <td className="num">{formatNumber(a.eligible)}</td>
                        <td className="num">{formatNumber(a.eligible - a.tepat)}</td>
                        <td className="num">{fmtPct(a.exclusion_error_pct)}</td>
                        <td className="num">{fmtPct(a.inclusion_error_pct)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>

            {overlap && overlap.labels.length ? (
              <figure className="card">
                <h2>{t(s.overlapTitle, { periode: d.params.periode ?? "" })}</h2>
                <Heatmap labels={overlap.labels} cells={overlap.cells} title={s.overlapTitle} format={formatNumber} testId="overlap-heatmap" />
                <figcaption className="muted small">{s.overlapCaption}</figcaption>
              </figure>
            ) : null}
          </div>

          <section className="card" aria-labelledby="judul-temuan">
            <h2 id="judul-temuan">{s.findingsTitle}</h2>
            {d.canRecompute ? (
              <Form method="post" className="no-print">
                <input type="hidden" name="periode" value={d.params.periode ?? ""} />
                <button type="submit" className="button button-secondary" disabled={nav.state === "submitting"}>
                  {nav.state === "submitting" ? s.recomputing : s.recompute}
                </button>
                {done ? <span role="status"> {t(s.recomputed, { s: done.seconds.toLocaleString("id-ID") })}</span> : null}
              </Form>
            ) : null}
            <ul className="kind-chips" aria-label={s.jenis}>
              <li><Link to={link({ jenis: null, hal: null })} aria-current={!d.params.jenis ? "true" : undefined}>{s.allKinds}</Link></li>
              {Object.entries(s.kinds).map(([k, label]) => (
                <li key={k}>
                  <Link to={link({ jenis: k, hal: null }) + "#judul-temuan"} aria-current={d.params.jenis === k ? "true" : undefined}>
                    {label} <span className="badge">{formatNumber(d.countsByKind[k] ?? 0)}</span>
                  </Link>
                </li>
              ))}
            </ul>
            {d.findings === null ? (
              <p className="muted">{s.countsOnly}</p>
            ) : d.findings.rows.length === 0 ? (
              <p>{s.noFindings}</p>
            ) : (
              <>
                <p>{t(s.findingsCount, { n: formatNumber(d.findings.total) })}</p>
                <div className="table-scroll">
                  <table data-testid="findings-table">
                    <thead>
                      <tr>
                        <th scope="col">{s.jenis}</th>
                        <th scope="col">{s.unit}</th>
                        <th scope="col">{s.desa}</th>
                        <th scope="col">{s.reason}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {d.findings.rows.map((f) => (
                        <tr key={f.id}>
                          <td>{s.kinds[f.jenis] ?? f.jenis}</td>
                          <td className="mono small">
                            {f.id_rt ? <Link to={`/rumah-tangga/${encodeURIComponent(f.id_rt)}`}>{f.id_rt}</Link> : null}
                            {f.nik ? <div title="NIK">{maskNik(f.nik)}</div> : null}
                          </td>
                          <td>{f.kode_desa ?? "–"}</td>
                          <td>{f.keterangan}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <nav className="pager" aria-label="Halaman temuan">
                  {d.params.hal > 1 ? <Link to={link({ hal: String(d.params.hal - 1) }) + "#judul-temuan"}>{s.previous}</Link> : <span />}
                  {d.params.hal * d.pageSize < d.findings.total ? <Link to={link({ hal: String(d.params.hal + 1) }) + "#judul-temuan"}>{s.next}</Link> : null}
                </nav>
              </>
            )}
          </section>
        </>
      )}
    </section>
  );
}
