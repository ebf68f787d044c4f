/**
 * The household's change history: audit entries of the household, its members and its location,
 * newest first, each with its field-level changes (before → after) and the reason when given.
 */
import { anggota as a, households as s } from "~/i18n/id/households";
import { formatDateTime } from "~/i18n";
import { buildTimeline, type AuditLike } from "./timeline";

export function HistoryTimeline(props: { entries: AuditLike[] }) {
  const items = buildTimeline(props.entries);
  return (
    <section className="card" id="riwayat" aria-labelledby="judul-riwayat">
      <h2 id="judul-riwayat">{s.history}</h2>
      {items.length === 0 ? (
        <p>{s.noHistory}</p>
      ) : (
        <>
          <p className="muted">{a.historyIntro}</p>
          <ol className="timeline" data-testid="history">
            {items.map((item) => (
              <li key={item.id} className={`timeline-item timeline-${item.entity}`}>
                <p className="timeline-meta">
                  <time dateTime={item.at}>{formatDateTime(item.at)}</time> · {s.who} <strong>{item.actor}</strong>
                </p>
                <p className="timeline-title">{item.title}</p>
                {item.changes.length ? (
                  <ul className="timeline-changes">
                    {item.changes.map((c) => (
                      <li key={c.field}>
                        <span className="timeline-field">{c.label}:</span>{" "}
                        {c.before ? (
                          <>
                            <del>{c.before}</del> <span aria-label="menjadi">→</span>{" "}
                          </>
                        ) : null}
                        <ins>{c.after}</ins>
                      </li>
                    ))}
                  </ul>
                ) : null}
                {item.reason ? (
                  <p className="timeline-reason">
                    {s.reason}: {item.reason}
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
