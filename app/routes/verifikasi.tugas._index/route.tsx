/**
 * /verifikasi/tugas — the verification queue per desa and kecamatan (Perwali Mojokerto Ps 11):
 * "terdaftar dengan perubahan", "baru" and "pemadanan", with filters, counts per desa and the
 * assign (kecamatan/admin) or take (desa) action. Operators of the wilayah only; guests never.
 */
import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import styles from "~/components/verval/visit/verval-tugas.css";
import householdStyles from "~/styles/households.css";
import { common, formatNumber, t } from "~/i18n";
import { vervalTugas as s } from "~/i18n/id/verval-tugas";
import { loadQueue, queueAction, type QueueActionResult } from "./data.server";
import { privateJson } from "~/http/private-json";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: householdStyles },
  { rel: "stylesheet", href: styles },
];
export const meta: MetaFunction = () => [{ title: `${s.queueTitle} — ${common.productName}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  return privateJson(await loadQueue(request));
}

export async function action({ request }: ActionFunctionArgs) {
  const result: QueueActionResult = await queueAction(request);
  return json(result, { status: result.ok ? 200 : result.error === "invalid" ? 400 : 409 });
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Task = Data["tasks"][number];

function CountsTable({ d }: { d: Data }) {
  // Per desa: open tasks per group (overdue in brackets); per kecamatan when the scope holds several.
  const byDesa = new Map<string, { name: string; kec: string; kecName: string; done: number; cells: Record<string, { open: number; overdue: number }> }>();
  for (const c of d.counts) {
    const row = byDesa.get(c.kodeDesa) ?? { name: c.namaDesa ?? c.kodeDesa, kec: c.kodeKecamatan, kecName: c.namaKecamatan ?? c.kodeKecamatan, done: 0, cells: {} };
    row.cells[c.group] = { open: c.open, overdue: c.overdue };
    row.done += c.done;
    byDesa.set(c.kodeDesa, row);
  }
  const kecamatan = new Map<string, { name: string; done: number; cells: Record<string, { open: number; overdue: number }> }>();
  for (const r of byDesa.values()) {
    const k = kecamatan.get(r.kec) ?? { name: r.kecName, done: 0, cells: {} };
    k.done += r.done;
    for (const [g, v] of Object.entries(r.cells)) {
      const cell = (k.cells[g] ??= { open: 0, overdue: 0 });
      cell.open += v.open;
      cell.overdue += v.overdue;
    }
    kecamatan.set(r.kec, k);
  }
  const cell = (v: { open: number; overdue: number } | undefined) => (
    <td className="num">
      {formatNumber(v?.open ?? 0)}
      {v?.overdue ? <span className="overdue-count" title={s.overdue}> ({formatNumber(v.overdue)})</span> : null}
    </td>
  );
  const rows = (entries: Array<[string, { name: string; done: number; cells: Record<string, { open: number; overdue: number }> }]>, level: string) =>
    entries.map(([code, r]) => (
      <tr key={code}>
        <th scope="row">
          <Link to={`?wilayah=${code}`}>{r.name}</Link>
          {level === "kec" ? <span className="muted small"> ({s.kecamatan})</span> : null}
        </th>
        {d.groups.map((g) => cell(r.cells[g]))}
        <td className="num">{formatNumber(d.groups.reduce((a, g) => a + (r.cells[g]?.open ?? 0), 0))}</td>
        <td className="num">{formatNumber(r.done)}</td>
      </tr>
    ));
  if (!byDesa.size) return null;
  return (
    <section className="card" aria-labelledby="judul-jumlah">
      <h2 id="judul-jumlah">{s.countsTitle}</h2>
      <div className="table-scroll">
        <table data-testid="task-counts">
          <thead>
            <tr>
              <th scope="col">{s.desa}</th>
              {d.groups.map((g) => (
                <th scope="col" className="num" key={g}>
                  {s.groups[g]}
                </th>
              ))}
              <th scope="col" className="num">
                {s.total}
              </th>
              <th scope="col" className="num">
                {s.done}
              </th>
            </tr>
          </thead>
          <tbody>
            {kecamatan.size > 1 ? rows([...kecamatan.entries()], "kec") : null}
            {rows([...byDesa.entries()], "desa")}
          </tbody>
        </table>
      </div>
      <p className="muted small">{s.countsLegend}</p>
    </section>
  );
}

function TaskCard({ task, d }: { task: Task; d: Data }) {
  const busy = useNavigation().state !== "idle";
  const open = task.status === "terbuka" || task.status === "ditugaskan";
  const officers = (d.officers as Record<string, Array<{ id: number; displayName: string }>>)[task.kodeDesa] ?? [];
  return (
    <li className={`card task${task.overdue ? " task-overdue" : ""}`} data-task-id={task.id}>
      <div className="task-head">
        <span className="badge">{s.kinds[task.kind]}</span>
        <span className="badge badge-status">{s.statuses[task.status]}</span>
        {task.overdue ? <span className="badge badge-danger">{s.overdueBadge}</span> : null}
      </div>
      <p className="task-title">
        <strong>{task.kepala ?? task.idRt ?? `#${task.id}`}</strong>
        {task.anggota && task.anggota !== task.kepala ? <> · {task.anggota}</> : null}
        <br />
        <span className="small">{task.title}</span>
      </p>
      <p className="muted small">
        {[task.alamat, task.namaDesa, task.idRt].filter(Boolean).join(" · ")}
        <br />
        {s.assignedTo}: {task.assignedName ?? s.unassigned} · {s.due}: {task.dueDate ?? s.noDue}
      </p>
      <div className="task-actions">
        <Link className="button" to={`/verifikasi/tugas/${task.id}`}>
          {s.open}
        </Link>
        {open && d.account.role === "desa" && task.assignedTo === null ? (
          <Form method="post">
            <input type="hidden" name="intent" value="take" />
            <input type="hidden" name="taskId" value={task.id} />
            <input type="hidden" name="version" value={task.version} />
            <button type="submit" className="button button-secondary" disabled={busy}>
              {s.take}
            </button>
          </Form>
        ) : null}
      </div>
      {open && d.canAssign ? (
        <details className="assign">
          <summary>{s.assign}</summary>
          <Form method="post" className="assign-form">
            <input type="hidden" name="intent" value="assign" />
            <input type="hidden" name="taskId" value={task.id} />
            <input type="hidden" name="version" value={task.version} />
            <label className="stack">
              {s.assignTo}
              <select name="assignee" required defaultValue={task.assignedTo ?? ""}>
                <option value="" disabled>
                  {s.chooseOfficer}
                </option>
                {officers.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.displayName}
                  </option>
                ))}
              </select>
            </label>
            <label className="stack">
              {s.dueDate}
              <input type="date" name="dueDate" defaultValue={task.dueDate ?? ""} />
            </label>
            <button type="submit" className="button" disabled={busy}>
              {s.assign}
            </button>
          </Form>
        </details>
      ) : null}
    </li>
  );
}

export default function QueuePage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const desaOptions = [...new Map(d.counts.map((c) => [c.kodeDesa, c.namaDesa ?? c.kodeDesa])).entries()];
  return (
    <section className="page queue-page" aria-labelledby="judul-antrean">
      <h1 id="judul-antrean">{s.queueTitle}</h1>
      <p className="muted">{s.queueIntro}</p>

      <Form method="get" className="card queue-filters" aria-label={s.apply}>
        <label className="stack">
          {s.filterKind}
          <select name="jenis" defaultValue={d.filters.kind}>
            <option value="">{s.allKinds}</option>
            {d.kinds.map((k) => (
              <option key={k} value={k}>
                {s.kinds[k]}
              </option>
            ))}
          </select>
        </label>
        <label className="stack">
          {s.filterStatus}
          <select name="status" defaultValue={d.filters.status}>
            <option value="open">{s.allStatuses}</option>
            {(["terbuka", "ditugaskan", "selesai", "dibatalkan"] as const).map((st) => (
              <option key={st} value={st}>
                {s.statuses[st]}
              </option>
            ))}
            <option value="semua">{s.everyStatus}</option>
          </select>
        </label>
        {desaOptions.length > 1 || d.filters.wilayah ? (
          <label className="stack">
            {s.filterDesa}
            <select name="wilayah" defaultValue={d.filters.wilayah}>
              <option value="">{s.allDesa}</option>
              {desaOptions.map(([code, name]) => (
                <option key={code} value={code}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label className="checkbox">
          <input type="checkbox" name="saya" value="1" defaultChecked={d.filters.mine} /> {s.mine}
        </label>
        <label className="checkbox">
          <input type="checkbox" name="lewat" value="1" defaultChecked={d.filters.overdue} /> {s.overdueOnly}
        </label>
        <button type="submit" className="button">
          {s.apply}
        </button>
      </Form>

      {result ? (
        result.ok ? (
          <p role="status" className="notice">
            {result.message === "raised" ? t(s.raised, { n: formatNumber(result.n ?? 0) }) : result.message === "taken" ? s.taken : s.assigned}
          </p>
        ) : (
          <p role="alert" className="form-error">
            {result.error === "invalid" ? t(s.errors.invalid, { detail: result.detail ?? "" }) : s.errors[result.error]}
          </p>
        )
      ) : null}

      {d.canRaise ? (
        <Form method="post" className="raise-form">
          <input type="hidden" name="intent" value="raise" />
          <button type="submit" className="button button-secondary">
            {s.raise}
          </button>
        </Form>
      ) : null}

      <CountsTable d={d} />

      <p className="muted" data-testid="task-total">
        {t(s.showing, { n: formatNumber(d.tasks.length), total: formatNumber(d.total) })}
      </p>
      {d.tasks.length === 0 ? <p className="notice">{s.empty}</p> : null}
      {d.groups.map((g) => {
        const tasks = d.tasks.filter((task) => task.group === g);
        if (!tasks.length) return null;
        return (
          <section key={g} aria-labelledby={`grup-${g}`} className="task-group">
            <h2 id={`grup-${g}`}>
              {s.groups[g]} <span className="muted">({formatNumber(tasks.length)})</span>
            </h2>
            <ul className="task-list">
              {tasks.map((task) => (
                <TaskCard key={task.id} task={task} d={d} />
              ))}
            </ul>
          </section>
        );
      })}
    </section>
  );
}
