/** The visits saved on this phone and not yet accepted by the server, with their state. */
import { useCallback, useEffect, useState } from "react";
import { formatDateTime, t } from "~/i18n";
import { vervalTugas as s } from "~/i18n/id/verval-tugas";
import { discard, listQueued, resendOnLatest, subscribe, type QueuedVisit } from "~/offline/visit-queue";

export function QueuedVisits({ username, syncing, online, onSync }: { username: string; syncing: boolean; online: boolean; onSync: () => void }) {
  const [items, setItems] = useState<QueuedVisit[] | null>(null);
  const reload = useCallback(() => {
    listQueued()
      .then(setItems)
      .catch(() => setItems([]));
  }, []);
  useEffect(() => {
    reload();
    return subscribe(reload);
  }, [reload]);

  const pending = items?.filter((v) => v.state === "pending" && v.username === username).length ?? 0;
  return (
    <section className="card" aria-labelledby="judul-antrean-ponsel" data-testid="queued-visits">
      <h2 id="judul-antrean-ponsel">{s.queueSection}</h2>
      <p className={online ? "net net-online" : "net net-offline"} role="status" data-testid="net-state">
        {online ? s.online : s.offline}
      </p>
      {items === null ? null : items.length === 0 ? (
        <p className="muted">{s.noQueued}</p>
      ) : (
        <ul className="queued-list">
          {items.map((v) => (
            <li key={v.clientId} className={`queued queued-${v.state}`} data-client-id={v.clientId}>
              <div>
                <span className={v.state === "pending" ? "badge" : "badge badge-danger"} data-testid="queued-state">
                  {v.state === "pending" ? (syncing ? s.syncing : s.pending) : v.state === "conflict" ? s.conflict : s.failed}
                </span>{" "}
                <strong>
                  <a href={`/verifikasi/tugas/${v.taskId}`}>#{v.taskId}</a> · {s.results[v.result]}
                </strong>
                <br />
                <span className="muted small">
                  {t(s.savedAt, { at: formatDateTime(v.savedAt) })}
                  {v.photo ? ` · ${s.withPhoto}` : ""}
                  {v.location ? ` · GPS ${v.location.lat.toFixed(5)}, ${v.location.lon.toFixed(5)}` : ""}
                </span>
              </div>
              {v.username !== username ? <p className="small">{t(s.otherAccount, { user: v.username })}</p> : null}
              {v.state === "conflict" && v.conflict ? (
                <div className="conflict" role="alert">
                  <p>
                    {v.conflict.reason === "completed"
                      ? t(s.conflictDone, {
                          by: v.conflict.server.completedBy ?? "?",
                          result: v.conflict.server.result ? s.results[v.conflict.server.result as keyof typeof s.results] : "-",
                        })
                      : t(s.conflictExplain, { base: v.baseVersion, server: v.conflict.server.version })}
                  </p>
                  <div className="actions">
                    {v.conflict.reason === "version" ? (
                      <button type="button" className="button" onClick={() => void resendOnLatest(v.clientId).then(onSync)}>
                        {s.conflictResend}
                      </button>
                    ) : null}
                    <button type="button" className="button button-secondary" onClick={() => void discard(v.clientId)}>
                      {s.conflictDiscard}
                    </button>
                  </div>
                </div>
              ) : null}
              {v.state === "failed" ? (
                <div className="conflict" role="alert">
                  <p>{v.error}</p>
                  <button type="button" className="button button-secondary" onClick={() => void discard(v.clientId)}>
                    {s.conflictDiscard}
                  </button>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {pending > 0 && online ? (
        <button type="button" className="button button-secondary" onClick={onSync} disabled={syncing}>
          {syncing ? s.syncing : s.syncNow}
        </button>
      ) : null}
    </section>
  );
}
