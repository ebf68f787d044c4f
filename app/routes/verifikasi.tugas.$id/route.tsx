/**
 * /verifikasi/tugas/:id — the field-visit form for one task (phone first, 360 px). Works offline:
 * visits are queued on the phone (IndexedDB) and synced to /verifikasi/sinkron; the page itself
 * is kept by public/sw.js so it opens again after a reload without a network.
 */
import { type HeadersFunction, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useRevalidator } from "@remix-run/react";
import { useCallback, useEffect } from "react";
import { ClientOnly } from "~/components/shell/ClientOnly";
import { useOfflineVisit } from "~/components/verval/visit/offline-support";
import { QueuedVisits } from "~/components/verval/visit/QueuedVisits";
import { VisitForm } from "~/components/verval/visit/VisitForm";
import styles from "~/components/verval/visit/verval-tugas.css";
import householdStyles from "~/styles/households.css";
import { common, formatDateTime, t } from "~/i18n";
import { vervalTugas as s } from "~/i18n/id/verval-tugas";
import { loadVisitTask } from "./data.server";
import { privateJson, privateNoStore } from "~/http/private-json";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: householdStyles },
  { rel: "stylesheet", href: styles },
];
export const meta: MetaFunction = () => [{ title: `${s.visitTitle} — ${common.productName}` }];
export const headers: HeadersFunction = () => ({ ...privateNoStore });

export async function loader({ request, params }: LoaderFunctionArgs) {
  return privateJson(await loadVisitTask(request, params.id));
}

function Workspace({ taskId, version, username, fields, open }: { taskId: number; version: number; username: string; fields: readonly string[]; open: boolean }) {
  const { revalidate } = useRevalidator();
  const { online, offlineReady, syncing, report, syncNow } = useOfflineVisit(username);
  const sync = useCallback(() => {
    void syncNow();
  }, [syncNow]);
  // Refresh the server's side of the page once the server accepted something.
  useEffect(() => {
    if (report && report.sent > 0 && navigator.onLine) revalidate();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per sync report
  }, [report]);
  return (
    <div data-offline-ready={offlineReady ? "1" : "0"} data-testid="visit-workspace">
      {open ? <VisitForm taskId={taskId} version={version} username={username} fields={fields} onSaved={sync} /> : null}
      <QueuedVisits username={username} syncing={syncing} online={online} onSync={sync} />
    </div>
  );
}

export default function VisitPage() {
  const d = useLoaderData<typeof loader>();
  const task = d.task;
  const open = task.status === "terbuka" || task.status === "ditugaskan";
  return (
    <section className="page visit-page" aria-labelledby="judul-tugas">
      <p>
        <Link to="/verifikasi/tugas">{s.backToQueue}</Link>
      </p>
      <h1 id="judul-tugas">{task.title}</h1>
      <div className="card task-summary">
        <p>
          <span className="badge">{s.kinds[task.kind]}</span> <span className="badge">{s.statuses[task.status]}</span>
          {task.overdue ? <span className="badge badge-danger"> {s.overdueBadge}</span> : null}
        </p>
        <dl className="facts">
          <dt>{s.desa}</dt>
          <dd>
            {task.namaDesa ?? task.kodeDesa}
            {task.namaKecamatan ? `, ${task.namaKecamatan}` : ""}
          </dd>
          {task.kepala ? (
            <>
              <dt>{s.head}</dt>
              <dd>{task.kepala}</dd>
            </>
          ) : null}
          {task.anggota ? (
            <>
              <dt>{s.members}</dt>
              <dd>
                {task.anggota} <span className="mono small">{task.nik}</span>
              </dd>
            </>
          ) : null}
          <dt>{s.address}</dt>
          <dd>{[task.alamat, d.household?.rt && `RT ${d.household.rt}`, d.household?.rw && `RW ${d.household.rw}`].filter(Boolean).join(", ") || "–"}</dd>
          <dt>{s.assignedTo}</dt>
          <dd>{task.assignedName ?? s.unassigned}</dd>
          <dt>{s.due}</dt>
          <dd>{task.dueDate ?? s.noDue}</dd>
          {d.household ? (
            <>
              <dt>{s.currentLocation}</dt>
              <dd className="mono small">{d.household.lat !== null && d.household.lon !== null ? `${d.household.lat.toFixed(6)}, ${d.household.lon.toFixed(6)}` : s.noLocation}</dd>
            </>
          ) : null}
          <dt>{s.version}</dt>
          <dd>{task.version}</dd>
        </dl>
        {d.household?.members.length ? (
          <details>
            <summary>
              {s.members} ({d.household.members.length})
            </summary>
            <ul className="members">
              {d.household.members.map((m) => (
                <li key={m.nik}>
                  {m.nama} <span className="muted small">{m.hubungan ?? ""}</span> <span className="mono small">{m.nik}</span>
                  {m.statusDukcapil && m.statusDukcapil !== "hidup" ? <span className="badge badge-danger"> {m.statusDukcapil}</span> : null}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
        {d.household ? (
          <p className="small">
            <Link to={`/rumah-tangga/${encodeURIComponent(d.household.idRt)}`}>{d.household.idRt}</Link>
          </p>
        ) : null}
      </div>

      {!open && task.result ? <p className="notice">{t(s.alreadyDone, { result: s.results[task.result as keyof typeof s.results] })}</p> : null}

      <ClientOnly fallback={<p className="muted">…</p>}>
        {() => <Workspace taskId={task.id} version={task.version} username={d.username} fields={d.fields} open={open} />}
      </ClientOnly>

      <section className="card" aria-labelledby="judul-kunjungan-server">
        <h2 id="judul-kunjungan-server">{s.visitsSection}</h2>
        {d.visits.length === 0 ? (
          <p className="muted">{s.noVisits}</p>
        ) : (
          <ul className="server-visits" data-testid="server-visits">
            {d.visits.map((v) => (
              <li key={v.id}>
                <strong>{s.results[v.result as keyof typeof s.results]}</strong> · {v.officer} · {formatDateTime(v.visitedAt)}
                {v.conflict ? <span className="badge badge-danger"> {s.conflictFlag}</span> : null}
                {v.notes ? <p>{v.notes}</p> : null}
                {v.lat !== null && v.lon !== null ? (
                  <p className="mono small">
                    GPS {v.lat.toFixed(6)}, {v.lon.toFixed(6)}
                    {v.accuracyM !== null ? ` (${t(s.gpsAccuracy, { m: Math.round(v.accuracyM) })})` : ""}
                  </p>
                ) : null}
                {v.photoId ? (
                  <figure>
                    <img src={`/verifikasi/foto/${v.photoId}`} alt={s.photoAlt} loading="lazy" />
                    {v.exifLat !== null && v.exifLon !== null ? (
                      <figcaption className="small">{t(s.exifGps, { lat: v.exifLat.toFixed(6), lon: v.exifLon.toFixed(6) })}</figcaption>
                    ) : null}
                  </figure>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}
