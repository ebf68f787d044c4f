/** Pieces of /data/impor: the column-mapping preview, the boundary preview and the history with rollback. */
import { useFetcher } from "@remix-run/react";
import { useMemo, useState } from "react";
import { formatDateTime, formatNumber, t } from "~/i18n";
import { imports as s } from "~/i18n/id/imports";
import type { BoundaryPreview, TablePreview } from "~/imports/uploads.server";

export interface Upload {
  id: string;
  kind: string;
  fileName: string;
  preview: TablePreview | BoundaryPreview;
}

/** One line per file column: its header, the Tepat column it feeds (select) and sample values. */
export function TablePreviewCard({ preview }: { preview: TablePreview }) {
  const [mapping, setMapping] = useState<Record<string, string>>(() =>
    Object.fromEntries(preview.mapping.map((m) => [m.header, m.column ?? ""])),
  );
  const missing = useMemo(() => {
    const used = new Set(Object.values(mapping));
    return preview.columns.filter((c) => c.required && !used.has(c.name)).map((c) => c.name);
  }, [mapping, preview.columns]);
  const counts = useMemo(() => {
    const n = new Map<string, number>();
    for (const v of Object.values(mapping)) if (v) n.set(v, (n.get(v) ?? 0) + 1);
    return n;
  }, [mapping]);
  return (
    <>
      <p className="small">{s.previewIntro}</p>
      <input type="hidden" name="mapping" value={JSON.stringify(mapping)} />
      <div className="table-scroll">
        <table className="mapping-table" data-testid="mapping-table">
          <thead>
            <tr>
              <th scope="col">{s.mappingColumns.file}</th>
              <th scope="col">{s.mappingColumns.tepat}</th>
              <th scope="col">{s.mappingColumns.sample}</th>
            </tr>
          </thead>
          <tbody>
            {preview.mapping.map((m, i) => {
              // A nameless column (trailing separator) is ignored by the importer; nothing to map.
              if (m.header === "") return null;
              const chosen = mapping[m.header] ?? "";
              const how = chosen === "" ? "none" : chosen === m.column ? (m.how ?? "none") : "user";
              return (
                <tr key={`${m.header}-${i}`} className={chosen === "" ? "ignored" : undefined}>
                  <th scope="row" className="mono">
                    {m.header}
                  </th>
                  <td>
                    <select
                      aria-label={t(s.mapTo, { header: m.header })}
                      value={chosen}
                      aria-invalid={chosen !== "" && (counts.get(chosen) ?? 0) > 1}
                      onChange={(e) => setMapping((prev) => ({ ...prev, [m.header]: e.target.value }))}
                    >
                      <option value="">{s.ignore}</option>
                      {preview.columns.map((c) => (
                        <option key={c.name} value={c.name}>
                          {c.name}
                          {c.required ? " *" : ""}
                        </option>
                      ))}
                    </select>{" "}
                    <span className={`badge badge-${how}`}>{s.detected[how] ?? how}</span>
                  </td>
                  <td className="small sample">{preview.rows.slice(0, 3).map((r) => r[i] ?? "").filter(Boolean).join(" · ")}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {missing.length ? (
        <p className="form-error" data-testid="mapping-missing">
          {t(s.requiredMissing, { columns: missing.join(", ") })}
        </p>
      ) : null}
      <details>
        <summary>{t(s.firstRows, { n: preview.rows.length })}</summary>
        <div className="table-scroll">
          <table className="preview-rows">
            <thead>
              <tr>
                {preview.headers.map((h, i) => (
                  <th scope="col" key={i} className="mono small">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((r, i) => (
                <tr key={i}>
                  {preview.headers.map((_, j) => (
                    <td key={j} className="small">
                      {r[j] ?? ""}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}

export function BoundaryPreviewCard({ preview }: { preview: BoundaryPreview }) {
  return (
    <>
      <p>{t(s.features, { n: formatNumber(preview.features), format: preview.format === "shapefile" ? "Shapefile" : "GeoJSON" })}</p>
      <div className="import-properties">
        <label>
          {s.codeProperty}
          <select name="codeProperty" defaultValue={preview.codeProperty ?? ""}>
            {preview.properties.map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
        </label>
        <label>
          {s.nameProperty}
          <select name="nameProperty" defaultValue={preview.nameProperty ?? ""}>
            {preview.properties.map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
        </label>
      </div>
      <div className="table-scroll">
        <table className="preview-rows">
          <thead>
            <tr>
              {preview.properties.map((p) => (
                <th scope="col" key={p} className="mono small">
                  {p}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((r, i) => (
              <tr key={i}>
                {r.map((v, j) => (
                  <td key={j} className="small">
                    {v}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export interface HistoryRow {
  id: number;
  kind: string;
  fileName: string;
  importedBy: string;
  finishedAt: string | null;
  rowsTotal: number;
  rowsInserted: number;
  rowsUpdated: number;
  rolledBackAt: string | null;
  rolledBackBy: string | null;
  canRollback: boolean;
}

export function HistoryTable({ history }: { history: HistoryRow[] }) {
  return (
    <section className="card" aria-labelledby="judul-riwayat-impor">
      <h2 id="judul-riwayat-impor">{s.historyTitle}</h2>
      <div className="table-scroll">
        <table className="import-history">
          <thead>
            <tr>
              <th scope="col">{s.when}</th>
              <th scope="col">{s.kind}</th>
              <th scope="col">{s.file}</th>
              <th scope="col">{s.who}</th>
              <th scope="col" className="num">
                {s.rows}
              </th>
              <th scope="col">{s.status}</th>
            </tr>
          </thead>
          <tbody>
            {history.map((h) => (
              <HistoryLine key={h.id} h={h} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function HistoryLine({ h }: { h: HistoryRow }) {
  const fetcher = useFetcher<{ error?: string; rolledBack?: { deleted: number; restored: Record<string, number> } }>();
  const outcome = fetcher.data;
  return (
    <tr data-testid={`batch-${h.id}`}>
      <td>{h.finishedAt ? formatDateTime(h.finishedAt) : "–"}</td>
      <td>{s.kinds[h.kind] ?? h.kind}</td>
      <td className="mono small">{h.fileName}</td>
      <td>{h.importedBy}</td>
      <td className="num">
        {formatNumber(h.rowsTotal)}
        <div className="small">{t(s.insertedUpdated, { inserted: formatNumber(h.rowsInserted), updated: formatNumber(h.rowsUpdated) })}</div>
      </td>
      <td>
        {h.rolledBackAt ? (
          <span className="badge">{t(s.rolledBack, { when: formatDateTime(h.rolledBackAt), who: h.rolledBackBy ?? "" })}</span>
        ) : h.canRollback ? (
          <fetcher.Form
            method="post"
            onSubmit={(e) => {
              if (!window.confirm(t(s.rollbackConfirm, { id: h.id }))) e.preventDefault();
            }}
          >
            <input type="hidden" name="intent" value="rollback" />
            <input type="hidden" name="batchId" value={h.id} />
            <button type="submit" className="button button-secondary button-small" disabled={fetcher.state !== "idle"}>
              {s.rollback}
            </button>
          </fetcher.Form>
        ) : null}
        {outcome?.error ? (
          <p role="alert" className="form-error small">
            {outcome.error}
          </p>
        ) : null}
      </td>
    </tr>
  );
}
