/**
 * /analisis/aturan — eligibility rule versions per program: when each version applies, what it
 * says in plain words, who added it; forms to add a version or a local program (kabupaten/OPD
 * and admin). Thin: the work is in analytics/eligibility/rule-versions.server.ts.
 */
import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { common, formatDateTime, t } from "~/i18n";
import { aturan as s } from "~/i18n/id/aturan";
import styles from "~/styles/wilayah.css";
import pageStyles from "./aturan.css";
import { aturanAction, loadAturan, type AturanActionResult } from "./data.server";
import { privateJson } from "~/http/private-json";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "stylesheet", href: pageStyles },
];
export const meta: MetaFunction = () => [{ title: `${s.title} — ${common.productName}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  return privateJson(await loadAturan(request));
}

export async function action({ request }: ActionFunctionArgs) {
  const { status, body } = await aturanAction(request);
  return json(body, { status });
}

function Result({ result }: { result: AturanActionResult | undefined }) {
  if (!result) return null;
  if (result.ok && result.saved)
    return (
      <p role="status" className="notice">
        {t(result.intent === "program" ? s.programSaved : s.saved, {
          program: result.saved.program,
          versi: result.saved.versi,
          bulan: result.saved.bulan,
        })}
      </p>
    );
  return (
    <div role="alert" className="form-error">
      <p>{s.problems}</p>
      <ul>
        {result.problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
    </div>
  );
}

export default function AturanPage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const resultFor = (intent: string, program: string) =>
    result && result.intent === intent && result.program === program ? result : undefined;

  return (
    <section className="page wilayah aturan" aria-labelledby="judul-aturan">
      <p className="breadcrumbs no-print">
        <Link to="/analisis">{s.back}</Link>
      </p>
      <h1 id="judul-aturan">{s.title}</h1>
      <p className="lead">{s.intro}</p>
      {!d.canEdit ? <p className="muted">{s.readOnly}</p> : null}
      {!d.programs.length ? <p className="card">{s.empty}</p> : null}

      {d.programs.map((p) => (
        <article key={p.kode} className="card rule-program" aria-labelledby={`program-${p.kode}`}>
          <h2 id={`program-${p.kode}`}>
            <span className="mono">{p.kode}</span> · {p.nama}
          </h2>
          <p className="muted small">
            {s.unit[p.unit] ?? p.unit} · {s.funding[p.sumberDana] ?? p.sumberDana}
          </p>
          <ol className="rule-versions" aria-label={s.versions}>
            {p.versions.map((v) => (
              <li key={v.version} className={`rule-version rule-${v.status}`} data-testid={`versi-${p.kode}-${v.version}`}>
                <div className="rule-head">
                  <strong>
                    {s.version} {v.version}
                  </strong>{" "}
                  <span>
                    {s.from} {v.berlakuMulai} {v.sampai ? t(s.until, { bulan: v.sampai }) : s.untilNow}
                  </span>{" "}
                  {v.status === "current" ? <span className="badge">{s.current}</span> : null}
                  {v.status === "future" ? <span className="badge badge-future">{s.future}</span> : null}
                </div>
                <ul className="rule-summary">
                  {v.summary.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
                <p className="muted small">
                  {s.by} {v.createdBy} · {formatDateTime(v.createdAt)}
                  {v.note ? ` · ${s.note}: ${v.note}` : ""}
                </p>
                <details>
                  <summary>{s.showJson}</summary>
                  <pre className="rule-json">{v.json}</pre>
                </details>
              </li>
            ))}
          </ol>
          {d.canEdit ? (
            <details className="rule-form no-print" open={resultFor("version", p.kode) ? true : undefined}>
              <summary>{s.addVersion}</summary>
              <p className="small muted">{s.addVersionHint}</p>
              <Form method="post">
                <input type="hidden" name="intent" value="version" />
                <input type="hidden" name="program" value={p.kode} />
                <label>
                  {s.from}
                  <input type="month" name="berlakuMulai" required defaultValue={d.month} pattern="[0-9]{4}-[0-9]{2}" />
                </label>
                <label>
                  {s.ruleJson}
                  <textarea name="rule" rows={10} spellCheck={false} className="mono" defaultValue={p.draft} />
                </label>
                <label>
                  {s.partners}
                  <input name="tidakBolehBersama" defaultValue={p.tidakBolehBersama.join(", ")} autoComplete="off" />
                </label>
                <label>
                  {s.noteField}
                  <input name="note" maxLength={500} />
                </label>
                <button type="submit" className="button" disabled={busy}>
                  {s.save}
                </button>
              </Form>
              <Result result={resultFor("version", p.kode)} />
            </details>
          ) : null}
        </article>
      ))}

      {d.canEdit ? (
        <article className="card rule-program no-print" aria-labelledby="judul-program-baru">
          <h2 id="judul-program-baru">{s.addProgram}</h2>
          <p className="small muted">{s.addProgramHint}</p>
          <Form method="post" className="rule-form">
            <input type="hidden" name="intent" value="program" />
            <div className="filter-row">
              <label>
                {s.kode}
                <input name="program" required pattern="[A-Za-z0-9_]{1,32}" autoComplete="off" />
              </label>
              <label>
                {s.nama}
                <input name="nama" required />
              </label>
              <label>
                {s.unitField}
                <select name="unit" defaultValue="keluarga">
                  {Object.entries(s.unit).map(([k, v]) => (
                    <option key={k} value={k}>
                      {v}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {s.fundingField}
                <select name="sumberDana" defaultValue="apbd_kabupaten">
                  {Object.entries(s.funding).map(([k, v]) => (
                    <option key={k} value={k}>
                      {v}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {s.from}
                <input type="month" name="berlakuMulai" required defaultValue={d.month} />
              </label>
            </div>
            <label>
              {s.ruleJson}
              <textarea
                name="rule"
                rows={8}
                spellCheck={false}
                className="mono"
                defaultValue={'{\n  "maxDesil": 4,\n  "householdIndicators": [],\n  "anyMemberComponent": [],\n  "personConditions": []\n}'}
              />
            </label>
            <label>
              {s.partners}
              <input name="tidakBolehBersama" autoComplete="off" />
            </label>
            <label>
              {s.noteField}
              <input name="note" maxLength={500} />
            </label>
            <button type="submit" className="button" disabled={busy}>
              {s.saveProgram}
            </button>
          </Form>
          <Result result={result?.intent === "program" ? result : undefined} />
        </article>
      ) : null}

      <details className="card">
        <summary>{s.schemaTitle}</summary>
        <ul className="small">
          {s.schemaHelp.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </details>
    </section>
  );
}
