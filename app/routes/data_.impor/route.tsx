/** /data/impor — upload CSV/XLSX/GeoJSON, dry run or import, with a live progress bar. */
import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useFetcher, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect, useState } from "react";
import { common, formatDateTime, formatNumber, t } from "~/i18n";
import { imports as s } from "~/i18n/id/imports";
import styles from "~/styles/households.css";
import { loadImportPage, startUpload } from "./data.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: `${s.title} — ${common.productName}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  return json(await loadImportPage(request), { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request }: ActionFunctionArgs) {
  return startUpload(request);
}

interface JobStatus {
  state: "running" | "done" | "failed";
  dryRun: boolean;
  fileName: string;
  progress: { phase: string; rows: number; rowsPerSecond: number } | null;
  result: { rowsTotal: number; rowsInserted: number; rowsUpdated: number; notes: string[] } | null;
  errors: { file: string; row: number; column: string; message: string; allowed?: string[] }[];
  totalErrors: number;
  message: string | null;
}

/** Polls the job every 700 ms until it ends. */
function useJob(jobId: string | undefined): JobStatus | undefined {
  const [status, setStatus] = useState<JobStatus>();
  useEffect(() => {
    if (!jobId) return;
    let stopped = false;
    const tick = async () => {
      const res = await fetch(`/data/impor/status/${jobId}`).catch(() => null);
      if (stopped) return;
      // A busy server (the embedded database during a big import) may fail a poll: try again
      // a little later; only an unknown job (404) ends the polling.
      if (!res || !res.ok) {
        if (res?.status !== 404) setTimeout(() => void tick(), 1500);
        return;
      }
      const next = (await res.json()) as JobStatus;
      setStatus(next);
      if (next.state === "running") setTimeout(() => void tick(), 700);
    };
    void tick();
    return () => {
      stopped = true;
    };
  }, [jobId]);
  return status;
}

export default function ImportPage() {
  const { kinds, history } = useLoaderData<typeof loader>();
  const upload = useFetcher<typeof action>();
  const jobId = upload.data && "jobId" in upload.data ? upload.data.jobId : undefined;
  const job = useJob(jobId);
  const revalidator = useRevalidator();
  const finished = job?.state === "done" || job?.state === "failed";
  useEffect(() => {
    if (job?.state === "done") revalidator.revalidate();
    // Revalidate once per finished job, not on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [job?.state]);

  return (
    <section className="page" aria-labelledby="judul-impor">
      <h1 id="judul-impor">{s.title}</h1>
      <p className="lead">{s.intro}</p>
      <upload.Form method="post" encType="multipart/form-data" className="card form-stack import-form">
        <label>
          {s.kind}
          <select name="kind" required defaultValue={kinds[1] ?? kinds[0]}>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {s.kinds[k] ?? k}
              </option>
            ))}
          </select>
        </label>
        <label>
          {s.file}
          <input type="file" name="file" required accept=".csv,.txt,.xlsx,.geojson,.json" />
        </label>
        <label className="checkbox">
          <input type="checkbox" name="dryRun" defaultChecked /> {s.dryRun}
        </label>
        {upload.data && "error" in upload.data ? (
          <p role="alert" className="form-error">
            {upload.data.error}
          </p>
        ) : null}
        <button type="submit" className="button" disabled={upload.state !== "idle" || (job !== undefined && !finished)}>
          {upload.state === "submitting" ? s.uploading : s.submit}
        </button>
      </upload.Form>

      {jobId ? (
        <section className="card" aria-live="polite" data-testid="import-job" data-state={job?.state ?? "running"}>
          <h2>{job?.fileName ?? s.waiting}</h2>
          {job?.state === "running" || !job ? (
            <>
              <div className="progress-bar indeterminate" role="progressbar" aria-busy="true">
                <span />
              </div>
              <p>
                {job?.progress
                  ? t(s.progress, {
                      phase: s.phase[job.progress.phase] ?? job.progress.phase,
                      rows: formatNumber(job.progress.rows),
                      rate: formatNumber(Math.round(job.progress.rowsPerSecond)),
                    })
                  : s.waiting}
              </p>
            </>
          ) : null}
          {job?.state === "done" && job.result ? (
            <p className="notice" data-testid="import-result">
              {t(job.dryRun ? s.doneDry : s.done, {
                total: formatNumber(job.result.rowsTotal),
                inserted: formatNumber(job.result.rowsInserted),
                updated: formatNumber(job.result.rowsUpdated),
              })}
            </p>
          ) : null}
          {job?.result?.notes.length ? (
            <details>
              <summary>{s.notes}</summary>
              <ul>
                {job.result.notes.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            </details>
          ) : null}
          {job?.state === "failed" ? (
            <>
              <p role="alert" className="form-error" data-testid="import-failed">
                {s.failed}
                {job.message}
              </p>
              {job.errors.length ? (
                <>
                  <p>
                    <a href={`/data/impor/galat/${jobId}`} download>
                      {s.downloadErrors}
                    </a>
                  </p>
                  <div className="table-scroll">
                    <table>
                      <caption>{s.errorsTitle}</caption>
                      <thead>
                        <tr>
                          <th scope="col">{s.errorColumns.row}</th>
                          <th scope="col">{s.errorColumns.column}</th>
                          <th scope="col">{s.errorColumns.message}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {job.errors.map((e, i) => (
                          <tr key={i}>
                            <td className="num">{e.row}</td>
                            <td className="mono">{e.column}</td>
                            <td>
                              {e.message}
                              {e.allowed ? ` (${e.allowed.join(", ")})` : ""}
                            </td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </>
              ) : null}
            </>
          ) : null}
        </section>
      ) : null}

      <section className="card" aria-labelledby="judul-riwayat-impor">
        <h2 id="judul-riwayat-impor">{s.historyTitle}</h2>
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{s.when}</th>
                <th scope="col">{s.kind}</th>
                <th scope="col">{s.file}</th>
                <th scope="col">{s.who}</th>
                <th scope="col" className="num">
                  {s.rows}
                </th>
              </tr>
            </thead>
            <tbody>
              {history.map((h) => (
                <tr key={h.id}>
                  <td>{h.finishedAt ? formatDateTime(h.finishedAt) : "–"}</td>
                  <td>{s.kinds[h.kind] ?? h.kind}</td>
                  <td className="mono small">{h.fileName}</td>
                  <td>{h.importedBy}</td>
                  <td className="num">{formatNumber(h.rowsTotal)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </section>
  );
}
