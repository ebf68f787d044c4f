/**
 * /analisis/usulan — proposal screening (tahap usulan; Pergub Gorontalo 52/2020 filterisasi):
 * upload a CSV/XLSX list in the `penerima` columns, see each unit as layak / tidak layak / perlu
 * dicek with reasons, summary counts, and download the result. Screening only: nothing is saved.
 */
import { type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { formatNumber, t } from "~/i18n";
import { analisis as s } from "~/i18n/id/analisis";
import wilayahCss from "~/styles/wilayah.css";
import { SasaranNav } from "../analisis_.sasaran/Nav";
import sasaranCss from "../analisis_.sasaran/sasaran.css";
import type { ScreeningResult } from "../../../analytics/targeting/screening-read.server";
import { loadUsulanPage, screenUpload } from "./data.server";
import { privateJson } from "~/http/private-json";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: wilayahCss },
  { rel: "stylesheet", href: sasaranCss },
];
export const meta: MetaFunction = () => [{ title: s.usulan.metaTitle }];

export async function loader({ request }: LoaderFunctionArgs) {
  return privateJson(await loadUsulanPage(request));
}

export async function action({ request }: ActionFunctionArgs) {
  return screenUpload(request);
}

const statuses = ["layak", "tidak_layak", "perlu_dicek"] as const;

/** The action answers JSON for the page (a download Response never reaches the component). */
type ActionData = { ok: false; errors: string[] } | { ok: true; fileName: string; result: ScreeningResult };

export default function UsulanPage() {
  useLoaderData<typeof loader>();
  const data = useActionData() as ActionData | undefined;
  const nav = useNavigation();
  const busy = nav.state === "submitting";
  const [filter, setFilter] = useState<string>("");
  const result = data && data.ok ? data.result : null;
  const rows = result ? result.rows.filter((r) => !filter || r.status === filter) : [];

  return (
    <section className="page wilayah" aria-labelledby="judul-usulan">
      <h1 id="judul-usulan">{s.usulan.title}</h1>
      <SasaranNav current="usulan" />
      <p className="lead">{s.usulan.intro}</p>
      <Form method="post" encType="multipart/form-data" className="card upload-form no-print">
        <label>
          {s.usulan.file}
          <br />
          <input type="file" name="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required />
        </label>
        <p>
          <button type="submit" name="intent" value="lihat" className="button" disabled={busy}>
            {busy ? s.usulan.screening : s.usulan.screen}
          </button>
        </p>
        <p className="muted small">{s.usulan.notSaved}</p>
      </Form>
      {busy ? <p role="status">{s.usulan.screening}</p> : null}

      {data && !data.ok ? (
        <div className="notice" role="alert" data-testid="screening-errors">
          <strong>{s.usulan.errorsTitle}</strong>
          <ul>
            {data.errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      ) : null}

      {result ? (
        <section className="card" aria-labelledby="judul-hasil">
          <h2 id="judul-hasil">{t(s.usulan.summary, { n: formatNumber(result.rows.length), program: result.nama_program, periode: result.periode })}</h2>
          <dl className="stats" data-testid="screening-counts">
            {statuses.map((k) => (
              <div className="stat" key={k} data-stat={k}>
                <dt>{s.usulan.status[k]}</dt>
                <dd>{formatNumber(result.counts[k])}</dd>
              </div>
            ))}
          </dl>
          <form method="post" encType="multipart/form-data" className="no-print">
            <p className="muted small">{s.usulan.downloadHint}</p>
            <input type="file" name="file" accept=".csv,.xlsx" required aria-label={s.usulan.file} />{" "}
            <button type="submit" name="intent" value="csv" className="button button-secondary">
              {s.usulan.downloadCsv}
            </button>{" "}
            <button type="submit" name="intent" value="xlsx" className="button button-secondary">
              {s.usulan.downloadXlsx}
            </button>
          </form>
          <ul className="kind-chips no-print" aria-label={s.usulan.result}>
            {(["", ...statuses] as const).map((k) => (
              <li key={k || "semua"}>
                <a
                  href={`#${k || "semua"}`}
                  aria-current={filter === k ? "true" : undefined}
                  onClick={(e) => {
                    e.preventDefault();
                    setFilter(k);
                  }}
                >
                  {k ? s.usulan.status[k] : s.usulan.filterAll}
                </a>
              </li>
            ))}
          </ul>
          <div className="table-scroll">
            <table className="compact stack" data-testid="screening-table">
              <thead>
                <tr>
                  <th scope="col" className="num">{s.usulan.row}</th>
                  <th scope="col">{s.usulan.unit}</th>
                  <th scope="col">{s.usulan.name}</th>
                  <th scope="col">{s.usulan.result}</th>
                  <th scope="col">{s.usulan.reasons}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.row} data-status={r.status}>
                    <td className="num" data-label={s.usulan.row}>{r.row}</td>
                    <td className="mono small">{r.unit_key ?? r.nik ?? r.no_kk ?? r.id_rt ?? "–"}</td>
                    <td data-label={s.usulan.name}>{r.nama ?? "–"}</td>
                    <td>
                      <span className={`status status-${r.status}`}>{s.usulan.status[r.status]}</span>
                    </td>
                    <td>
                      <ul className="reasons">
                        {r.alasan.map((a) => (
                          <li key={a}>{a}</li>
                        ))}
                      </ul>
                    </td>
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
