/**
 * /data/impor — upload CSV/XLSX/GeoJSON/zipped Shapefile, preview the first rows with the detected
 * column mapping (changeable), dry run or import with a live progress bar; the history rolls a
 * batch back.
 */
import { type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useFetcher, useLoaderData, useRevalidator } from "@remix-run/react";
import { useEffect, useState } from "react";
import type { BoundaryReport as BoundaryReportView } from "../../../db/import/types";
import { common, formatNumber, t } from "~/i18n";
import { imports as s } from "~/i18n/id/imports";
import styles from "~/styles/households.css";
import { loadImportPage, importAction } from "./data.server";
import { BoundaryPreviewCard, HistoryTable, TablePreviewCard, type Upload } from "./parts";
import importStyles from "./impor.css";
import { privateJson } from "~/http/private-json";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "stylesheet", href: importStyles },
];
export const meta: MetaFunction = () => [{ title: `${s.title} — ${common.productName}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  return privateJson(await loadImportPage(request));
}

export async function action({ request }: ActionFunctionArgs) {
  return importAction(request);
}

interface JobStatus {
  state: "running" | "done" | "failed";
  dryRun: boolean;
  fileName: string;
  progress: { phase: string; rows: number; rowsPerSecond: number } | null;
  result: { rowsTotal: number; rowsInserted: number; rowsUpdated: number; notes: string[]; report?: BoundaryReportView } | null;
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
  const start = useFetcher<typeof action>();
  const uploaded = upload.data && "upload" in upload.data ? (upload.data.upload as Upload) : undefined;
  const jobId = start.data && "jobId" in start.data ? start.data.jobId : upload.data && "jobId" in upload.data ? upload.data.jobId : undefined;
  const job = useJob(jobId);
  const revalidator = useRevalidator();
  const finished = job?.state === "done" || job?.state === "failed";
  const busy = start.state !== "idle" || (job !== undefined && !finished);
  useEffect(() => {
    if (job?.state === "done") revalidator.revalidate();
    // Revalidate once per finished job, not on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [job?.state]);
  const startError = start.data && "error" in start.data ? start.data : undefined;

  return (
    <section className="page" aria-labelledby="judul-impor">
      <h1 id="judul-impor">{s.title}</h1>
      <p className="lead">{s.intro}</p>
      <upload.Form method="post" encType="multipart/form-data" className="card form-stack import-form">
        <input type="hidden" name="intent" value="preview" />
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
          <input type="file" name="file" required accept=".csv,.txt,.xlsx,.geojson,.json,.zip" />
        </label>
        {upload.data && "error" in upload.data ? (
          <p role="alert" className="form-error">
            {upload.data.error}
          </p>
        ) : null}
        <button type="submit" className="button" disabled={upload.state !== "idle" || busy}>
          {upload.state === "submitting" ? s.uploading : s.previewSubmit}
        </button>
      </upload.Form>

      {uploaded ? (
        <start.Form method="post" className="card form-stack import-preview" key={uploaded.id} data-testid="import-preview">
          <input type="hidden" name="intent" value="start" />
          <input type="hidden" name="uploadId" value={uploaded.id} />
          <h2>
            {s.previewTitle}: <span className="mono">{uploaded.fileName}</span>
          </h2>
          {uploaded.preview.type === "table" ? <TablePreviewCard preview={uploaded.preview} /> : <BoundaryPreviewCard preview={uploaded.preview} />}
          {startError ? (
            <div role="alert" className="form-error" data-testid="mapping-errors">
              <p>{startError.error}</p>
              {"mappingErrors" in startError && Array.isArray(startError.mappingErrors) && startError.mappingErrors.length ? (
                <ul>
                  {startError.mappingErrors.map((m: string) => (
                    <li key={m}>{m}</li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}
          <div className="import-actions">
            <button type="submit" name="dryRun" value="1" className="button button-secondary" disabled={busy}>
              {s.runDry}
            </button>
            <button type="submit" name="dryRun" value="0" className="button" disabled={busy}>
              {s.runImport}
            </button>
          </div>
        </start.Form>
      ) : null}

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
          {job?.result?.report ? <BoundaryReportList report={job.result.report} /> : null}
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

      <HistoryTable history={history} />
    </section>
  );
}

function BoundaryReportList({ report }: { report: BoundaryReportView }) {
  const prj = report.shapefile
    ? t(s.reportPrj[report.shapefile.prj] ?? report.shapefile.prj, { crs: report.shapefile.crsName ?? "?" })
    : s.reportPrj.wgs84;
  return (
    <section aria-label={s.report} data-testid="boundary-report">
      <h3>{s.report}</h3>
      <dl className="import-report">
        <dt>{s.reportLabels.prj}</dt>
        <dd>{prj}</dd>
        <dt>{s.reportLabels.levels}</dt>
        <dd>
          {report.levels
            .map((l) => t(s.levelLine, { n: formatNumber(l.features), level: l.level, known: formatNumber(l.known), added: formatNumber(l.features - l.known) }))
            .join("; ")}
        </dd>
        <dt>{s.reportLabels.repaired}</dt>
        <dd>{report.repaired.length ? report.repaired.map((r) => `#${r.feature} ${r.code}`).join(", ") : s.none}</dd>
        <dt>{s.reportLabels.outside}</dt>
        <dd>{report.outside.length ? report.outside.map((o) => `#${o.feature} ${o.code} ${o.name}`).join(", ") : s.none}</dd>
        <dt>{s.reportLabels.missing}</dt>
        <dd>{report.desaMissingFromFile.length ? report.desaMissingFromFile.join(", ") : s.none}</dd>
      </dl>
    </section>
  );
}
