/**
 * Parts of the application page: the initial assessment with each of the five conditions and the
 * verdict, the differences against DTKS, and the timeline of status moves with their facts.
 */
import type { FieldChange } from "../../../analytics/verval/changes";
import type { AssessmentResult } from "../../../analytics/verval/initial-assessment";
import { formatDateTime, t } from "~/i18n";
import { codeLabel } from "~/i18n/id/households";
import { changeFieldLabel, vervalDaftar as s } from "~/i18n/id/verval-daftar";

export function AssessmentPanel({
  assessment,
  override,
}: {
  assessment: AssessmentResult;
  override: { eligible: boolean; reason: string | null; by: string | null } | null;
}) {
  return (
    <div data-testid="assessment">
      <p>{s.assessmentRule}</p>
      <ol className="conditions">
        {assessment.conditions.map((c) => (
          <li key={c.id} data-condition={c.id} data-holds={c.holds === null ? "unknown" : String(c.holds)}>
            <span>{c.label}</span>
            <span className={`cond-mark ${c.holds === null ? "unknown" : c.holds ? "met" : "notmet"}`}>
              {c.holds === null ? s.unknownHolds : c.holds ? s.holds : s.notHolds}
            </span>
          </li>
        ))}
      </ol>
      <p>
        <strong>{t(s.metCount, { n: assessment.metCount })}</strong>
      </p>
      <p className={`verdict ${assessment.eligible ? "ok" : "no"}`} data-testid="assessment-verdict">
        {assessment.eligible ? s.eligible : t(s.notEligible, { n: assessment.metCount })}
      </p>
      {assessment.uncertain ? <p className="notice">{s.uncertain}</p> : null}
      {override ? (
        <p className={`verdict ${override.eligible ? "ok" : "no"}`} data-testid="assessment-override">
          {t(s.overrideNow, { by: override.by ?? "–", result: override.eligible ? s.overrideEligible : s.overrideNotEligible })}
          {override.reason ? <span className="muted"> — {override.reason}</span> : null}
        </p>
      ) : null}
    </div>
  );
}

function show(v: unknown): string {
  if (v === null || v === undefined || v === "") return "–";
  if (typeof v === "boolean") return s.yesNo[String(v)] ?? String(v);
  if (typeof v === "string") return codeLabel(v);
  return String(v);
}

export function ChangesTable({ changes, memberNames }: { changes: { field: string; before?: unknown; after?: unknown }[]; memberNames: Record<string, string> }) {
  return (
    <div className="table-scroll">
      <table data-testid="changes">
        <thead>
          <tr>
            <th scope="col">{s.field}</th>
            <th scope="col">{s.before}</th>
            <th scope="col">{s.after}</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((c) => {
            const isMember = /^anggota\.[0-9]{16}$/.test(c.field);
            const label = isMember
              ? c.before === null
                ? t(s.memberJoined, { name: String(c.after) })
                : t(s.memberLeft, { name: String(c.before) })
              : changeFieldLabel(c.field, memberNames);
            return (
              <tr key={c.field}>
                <th scope="row">{label}</th>
                <td className="diff-before">{isMember ? "" : show(c.before)}</td>
                <td className="diff-after">{isMember ? "" : show(c.after)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

interface TimelineEvent {
  id: number;
  from_status: string | null;
  to_status: string;
  at: string;
  actor: string;
  facts: Record<string, unknown> | null;
  reason: string | null;
}

function factValue(key: string, v: unknown, memberNames: Record<string, string>): string {
  if (key === "visitResult") return s.visitResults[String(v)] ?? String(v);
  if (key === "match") return s.matchShort[String(v)] ?? String(v);
  if (key === "matchedBy") return v === "nik" ? s.matchedByNik : v === "no_kk" ? s.matchedByKk : "–";
  if (key === "changes" && Array.isArray(v)) {
    return v.length ? (v as FieldChange[]).map((c) => `${changeFieldLabel(c.field, memberNames)}: ${show(c.before)} → ${show(c.after)}`).join("; ") : "0";
  }
  if (key === "override" && v && typeof v === "object") {
    const o = v as { before: boolean | null; after: boolean };
    return `${show(o.before)} → ${o.after ? s.overrideEligible : s.overrideNotEligible}`;
  }
  if (key === "overrideCleared" && v && typeof v === "object") {
    const o = v as { before: boolean | null };
    return o.before ? s.overrideEligible : s.overrideNotEligible;
  }
  if (key === "action") return v === "diubah" ? s.edited : show(v);
  if (Array.isArray(v)) return v.length ? v.join(", ") : "–";
  return show(v);
}

export function Timeline({ events, memberNames }: { events: TimelineEvent[]; memberNames: Record<string, string> }) {
  return (
    <ol className="timeline" data-testid="timeline">
      {events.map((e) => {
        const facts = Object.entries(e.facts ?? {}).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0));
        return (
          <li key={e.id}>
            <div className="when">
              {formatDateTime(e.at)} · {e.actor}
            </div>
            <div>
              <strong>
                {e.from_status === null
                  ? `${s.created} (${s.statusLabels[e.to_status]})`
                  : e.from_status === e.to_status
                    ? e.facts?.action === "diubah"
                      ? s.edited
                      : s.overrideTitle
                    : `${s.statusLabels[e.from_status]} → ${s.statusLabels[e.to_status]}`}
              </strong>
            </div>
            {facts.length || e.reason ? (
              <dl className="facts">
                {facts.map(([k, v]) => (
                  <div key={k} style={{ display: "contents" }}>
                    <dt>{s.facts[k] ?? k}</dt>
                    <dd>{factValue(k, v, memberNames)}</dd>
                  </div>
                ))}
                {e.reason ? (
                  <div style={{ display: "contents" }}>
                    <dt>{s.facts.reason}</dt>
                    <dd>{e.reason}</dd>
                  </div>
                ) : null}
              </dl>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
