/**
 * /verifikasi/permohonan/:id — one registration: its data, the DTKS match with the differences or
 * the initial assessment (with the officer's override), the status with the moves this role may
 * make (each with its required facts), and the timeline of events.
 */
import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { formatDateTime, t, common } from "~/i18n";
import { codeLabel } from "~/i18n/id/households";
import { vervalDaftar as s } from "~/i18n/id/verval-daftar";
import { AssessmentPanel, ChangesTable, Timeline } from "~/components/verval/ApplicationParts";
import styles from "~/styles/verval-daftar.css";
import { applicationAction, httpStatusOf, loadApplication } from "./data.server";
import { privateJson } from "~/http/private-json";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? t(s.appTitle, { id: data.application.id }) : s.listTitle} — ${common.productName}` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return privateJson(await loadApplication(request, params.id));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const result = await applicationAction(request, params.id);
  return json(result, { status: result.ok ? 200 : httpStatusOf(result.error) });
}

function resultMessage(r: NonNullable<ReturnType<typeof useActionData<typeof action>>>): string {
  if (r.ok) return r.intent === "move" ? t(s.moved, { status: s.statusLabels[r.status] ?? r.status }) : s.overrideSaved;
  switch (r.error) {
    case "stale":
      return s.stale;
    case "forbidden":
      return s.notAllowed;
    case "no_such_transition":
    case "not_allowed":
      return s.noSuchMove;
    case "not_passing":
      return s.notPassing;
    case "missing":
      return t(s.missing, { fields: ("missing" in r ? (r.missing ?? []) : []).map((m) => s.facts[m] ?? m).join(", ") });
    default:
      return t(s.invalid, { issues: ("issues" in r ? (r.issues ?? []) : []).map((i) => `${s.facts[i.path] ?? i.path}: ${i.message}`).join("; ") });
  }
}

export default function ApplicationPage() {
  const { application: a, moves, canOverride, blockedSubmit, canEdit } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const [params] = useSearchParams();
  const memberNames = Object.fromEntries(a.members.map((m) => [m.nik, m.nama]));
  const today = new Date().toISOString().slice(0, 10);
  return (
    <section className="page app-page" aria-labelledby="judul-permohonan">
      <p className="eyebrow">
        <Link to="/verifikasi/permohonan">{s.listTitle}</Link> › {a.nama_kecamatan ?? "–"} › {a.nama_desa ?? a.kode_desa}
      </p>
      <h1 id="judul-permohonan">
        {t(s.appTitle, { id: a.id })}: {a.nama_kepala}
      </h1>
      <p>
        {s.status}:{" "}
        <span className={`status-pill s-${a.status}`} data-testid="status">
          {s.statusLabels[a.status]}
        </span>{" "}
        <span className="muted">· {formatDateTime(a.status_changed_at)}</span>
        {canEdit ? (
          <>
            {" "}
            <Link to={`/verifikasi/daftar?ubah=${a.id}`} className="button button-secondary button-small" data-testid="edit-link">
              {s.editLink}
            </Link>
          </>
        ) : null}
      </p>
      {params.get("diubah") === "1" && !result ? (
        <p role="status" className="notice" data-testid="edit-saved">
          {s.editSaved}
        </p>
      ) : null}
      {result ? (
        <p role="status" className={result.ok ? "notice" : "form-error"} data-testid="action-result">
          {resultMessage(result)}
          {!result.ok && result.error === "stale" ? (
            <>
              {" "}
              <a href={`/verifikasi/permohonan/${a.id}`}>{s.reload}</a>
            </>
          ) : null}
        </p>
      ) : null}

      <div className="app-grid">
        <section className="card" aria-labelledby="judul-identifikasi" data-new={params.get("baru") === "1" ? "1" : undefined}>
          <h2 id="judul-identifikasi">{s.match}</h2>
          <p>
            <strong data-testid="match">{s.matchLabels[a.match]}</strong>
            {a.id_rt ? (
              <>
                {" · "}
                <Link to={`/rumah-tangga/${encodeURIComponent(a.id_rt)}`}>{t(s.matchedHousehold, { id: a.id_rt })}</Link>
                {a.desil !== null ? ` (${t(s.desil, { d: a.desil })})` : ""}
              </>
            ) : null}
          </p>
          {a.match === "terdaftar" ? (
            <>
              <h3>{s.changesTitle}</h3>
              {a.changes && a.changes.length ? (
                <>
                  <p className="verdict ok" data-testid="changes-verdict">
                    {t(s.changesCount, { n: a.changes.length })}
                  </p>
                  <ChangesTable changes={a.changes} memberNames={memberNames} />
                </>
              ) : (
                <p className="verdict no" data-testid="changes-verdict">
                  {s.noChanges}
                </p>
              )}
            </>
          ) : a.assessment ? (
            <>
              <h3>{s.assessmentTitle}</h3>
              <AssessmentPanel
                assessment={a.assessment}
                override={a.override_eligible === null ? null : { eligible: a.override_eligible, reason: a.override_reason, by: a.override_by }}
              />
              {canOverride ? (
                <Form method="post" className="move-form override-form" key={`o-${a.version}`}>
                  <h3>{s.overrideTitle}</h3>
                  <p className="muted small">{s.overrideIntro}</p>
                  <input type="hidden" name="intent" value="override" />
                  <input type="hidden" name="version" value={a.version} />
                  <fieldset className="field">
                    <div className="tri-options" style={{ gridTemplateColumns: "1fr 1fr" }}>
                      <label className="tri-option">
                        <input type="radio" name="eligible" value="ya" defaultChecked={a.override_eligible ?? !a.assessment.eligible} />
                        <span>{s.overrideEligible}</span>
                      </label>
                      <label className="tri-option">
                        <input type="radio" name="eligible" value="tidak" defaultChecked={(a.override_eligible ?? !a.assessment.eligible) === false} />
                        <span>{s.overrideNotEligible}</span>
                      </label>
                    </div>
                  </fieldset>
                  <label className="field">
                    <span className="field-label">{s.overrideReason}</span>
                    <textarea name="reason" rows={2} required minLength={10} />
                  </label>
                  <button type="submit" className="button button-secondary" disabled={busy}>
                    {s.overrideSave}
                  </button>
                </Form>
              ) : null}
            </>
          ) : null}
        </section>

        <section className="card" aria-labelledby="judul-tindakan">
          <h2 id="judul-tindakan">{s.actions}</h2>
          {blockedSubmit ? <p className="notice">{s.notPassing}</p> : null}
          {moves.length === 0 ? (
            <p className="muted">{s.noActions}</p>
          ) : (
            <div className="move-forms">
              {moves.map((m) => (
                <Form method="post" className="move-form" key={`${m.to}-${a.version}`} data-testid={`move-${m.to}`}>
                  <input type="hidden" name="intent" value="move" />
                  <input type="hidden" name="to" value={m.to} />
                  <input type="hidden" name="version" value={a.version} />
                  {m.requires.includes("visitResult") ? (
                    m.to === "rejected" ? (
                      <input type="hidden" name="visitResult" value="tidak_valid" />
                    ) : (
                      <label className="field">
                        <span className="field-label">{s.facts.visitResult}</span>
                        <select name="visitResult" required defaultValue="valid">
                          <option value="valid">{s.visitResults.valid}</option>
                          <option value="perlu_perubahan">{s.visitResults.perlu_perubahan}</option>
                        </select>
                      </label>
                    )
                  ) : null}
                  {m.requires.includes("meetingDate") ? (
                    <label className="field">
                      <span className="field-label">{s.facts.meetingDate}</span>
                      <input type="date" name="meetingDate" required max={today} />
                    </label>
                  ) : null}
                  {m.requires.includes("minutesRef") ? (
                    <label className="field">
                      <span className="field-label">{s.facts.minutesRef}</span>
                      <input name="minutesRef" required minLength={3} placeholder="BA/…/2026" />
                    </label>
                  ) : null}
                  {m.requires.includes("decreeNumber") ? (
                    <label className="field">
                      <span className="field-label">{s.facts.decreeNumber}</span>
                      <input name="decreeNumber" required minLength={3} placeholder="400/…/2026" />
                    </label>
                  ) : null}
                  {m.requires.includes("reason") ? (
                    <label className="field">
                      <span className="field-label">{s.facts.reason}</span>
                      <textarea name="reason" rows={2} required minLength={5} />
                    </label>
                  ) : null}
                  <button type="submit" className={m.to === "rejected" || m.to === "draft" ? "button button-secondary" : "button"} disabled={busy}>
                    {s.moveTo[m.to] ?? m.to}
                  </button>
                </Form>
              ))}
            </div>
          )}
          {a.tasks.length ? (
            <>
              <h3>{s.tasks}</h3>
              <ul>
                {a.tasks.map((task) => (
                  <li key={task.id}>
                    <Link to={`/verifikasi/tugas/${task.id}`}>{t(s.taskLine, { id: task.id, kind: codeLabel(task.kind), status: codeLabel(task.status) })}</Link>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {a.meeting_date || a.decree_number ? (
            <dl className="facts">
              {a.meeting_date ? (
                <>
                  <dt>{s.facts.meetingDate}</dt>
                  <dd>{a.meeting_date}</dd>
                  <dt>{s.facts.minutesRef}</dt>
                  <dd>{a.minutes_ref}</dd>
                </>
              ) : null}
              {a.decree_number ? (
                <>
                  <dt>{s.facts.decreeNumber}</dt>
                  <dd>{a.decree_number}</dd>
                </>
              ) : null}
            </dl>
          ) : null}
        </section>

        <section className="card" aria-labelledby="judul-data">
          <h2 id="judul-data">{s.data}</h2>
          <dl className="facts">
            <dt>{s.channel2}</dt>
            <dd>{s.channels[a.channel]}</dd>
            <dt>{s.address}</dt>
            <dd>
              {a.alamat ?? "–"}
              {a.household.rt ? ` RT ${String(a.household.rt)}` : ""}
              {a.household.rw ? ` RW ${String(a.household.rw)}` : ""}
            </dd>
            <dt>{s.sktm}</dt>
            <dd>{a.sktm_ref ?? "–"}</dd>
            {a.rt_report ? (
              <>
                <dt>{s.rtReport}</dt>
                <dd>{a.rt_report}</dd>
              </>
            ) : null}
          </dl>
          <p className="muted small">{t(s.registeredBy, { officer: a.registering_officer, at: formatDateTime(a.registered_at) })}</p>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{s.memberFields.nama}</th>
                  <th scope="col">{s.memberFields.nik}</th>
                  <th scope="col">{s.memberFields.hubungan_krt}</th>
                  <th scope="col">{s.memberFields.tanggal_lahir}</th>
                </tr>
              </thead>
              <tbody>
                {a.members.map((m) => (
                  <tr key={m.nik}>
                    <td>{m.nama}</td>
                    <td className="mono">{m.nik}</td>
                    <td>{codeLabel(m.hubungan_krt)}</td>
                    <td>{m.tanggal_lahir ?? "–"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>

        <section className="card" aria-labelledby="judul-riwayat">
          <h2 id="judul-riwayat">{s.timeline}</h2>
          <Timeline events={a.events} memberNames={memberNames} />
        </section>
      </div>
    </section>
  );
}
