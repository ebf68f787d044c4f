/** Side panel: a clicked region's figures and charts, or a clicked household's summary. */
import { Link } from "@remix-run/react";
import { lazy, Suspense } from "react";
import type { HouseholdSummary, RegionPanel as RegionPanelData } from "../../routes/peta/data.server";
import { formatMeasureValue } from "../../../analytics/measures/format";
import { peta } from "../../i18n/id/peta";
import { withLevelWord } from "~/i18n";
import { ClientOnly } from "~/components/shell/ClientOnly";

const DesilChart = lazy(() => import("./DesilChart.client"));
const nf = new Intl.NumberFormat("id-ID");
const fmtCount = (n: number | null) => (n === null ? peta.suppressed : nf.format(n));
/** "Kecamatan Sukodono", but not "Kabupaten Kabupaten Lumajang" when the name carries the level. */
const withLevel = (level: string, name: string) => withLevelWord(peta.levels[level] ?? "", name);
const fill = (s: string, p: Record<string, string>) => s.replace(/\{(\w+)\}/g, (w, k: string) => p[k] ?? w);

export function RegionPanel({ data, onClose }: { data: RegionPanelData; onClose(): void }) {
  const max = Math.max(1, ...data.comparison.map((c) => c.value ?? 0));
  return (
    <section className="peta-panel-body" aria-labelledby="judul-panel" data-testid="region-panel" data-code={data.code}>
      <header className="panel-head">
        <div>
          <p className="eyebrow">
            {peta.levels[data.level]}
            {data.ancestors.length > 0 && ` · ${data.ancestors.map((a) => a.name).join(" · ")}`}
          </p>
          <h2 id="judul-panel">{data.name}</h2>
          <p className="muted">
            {peta.code} {data.code}
          </p>
        </div>
        <button type="button" className="panel-close" onClick={onClose} aria-label={peta.close}>
          ×
        </button>
      </header>
      <h3>{peta.keyFigures}</h3>
      <dl className="panel-figures">
        <div data-figure="households">
          <dt>{peta.households}</dt>
          <dd>{fmtCount(data.figures.households)}</dd>
        </div>
        <div data-figure="people">
          <dt>{peta.people}</dt>
          <dd>{fmtCount(data.figures.people)}</dd>
        </div>
        <div data-figure="desil12">
          <dt>{peta.desil12}</dt>
          <dd>{formatMeasureValue({ format: "percent" }, data.figures.desil12Pct)}</dd>
        </div>
        {data.recipients.map((r) => (
          <div key={r.program} data-figure={`recipients-${r.program}`}>
            <dt>{fill(peta.recipientsIn, { program: r.program, periode: r.periode ?? "–" })}</dt>
            <dd>{fmtCount(r.count)}</dd>
          </div>
        ))}
      </dl>
      {data.desil.length > 0 && (
        <figure className="panel-figure">
          <figcaption>{peta.desilChart}</figcaption>
          <ClientOnly fallback={<div className="peta-chart" />}>
            {() => (
              <Suspense fallback={<div className="peta-chart" />}>
                <DesilChart data={data.desil} unknownLabel={peta.desilUnknown} seriesName={peta.desilChart} />
              </Suspense>
            )}
          </ClientOnly>
        </figure>
      )}
      {data.comparison.length > 1 && (
        <figure className="panel-figure">
          <figcaption>{fill(peta.compareTitle, { measure: data.measure.label })}</figcaption>
          <ul className="compare-bars">
            {data.comparison.map((c) => (
              <li key={c.code}>
                <span className="compare-name">{withLevel(c.level, c.name)}</span>
                <span className="compare-bar" style={{ width: `${(100 * (c.value ?? 0)) / max}%` }} aria-hidden="true" />
                <span className="compare-value">{formatMeasureValue(data.measure, c.value)}</span>
              </li>
            ))}
          </ul>
        </figure>
      )}
      <p>
        <Link to={`/wilayah/${data.code}`} className="button">
          {peta.profileLink}
        </Link>
      </p>
    </section>
  );
}

export function HouseholdPanel({ data, onClose }: { data: HouseholdSummary; onClose(): void }) {
  return (
    <section className="peta-panel-body" aria-labelledby="judul-rt" data-testid="household-panel">
      <header className="panel-head">
        <div>
          <p className="eyebrow">
            {peta.householdTitle} · {data.desa}
          </p>
          <h2 id="judul-rt">{data.head ?? data.idRt}</h2>
        </div>
        <button type="button" className="panel-close" onClick={onClose} aria-label={peta.close}>
          ×
        </button>
      </header>
      <dl className="panel-figures">
        <div>
          <dt>{peta.idRt}</dt>
          <dd>{data.idRt}</dd>
        </div>
        <div>
          <dt>{peta.nik}</dt>
          <dd>{data.nikMasked ?? "–"}</dd>
        </div>
        <div>
          <dt>Desil</dt>
          <dd>{data.desil ?? peta.desilUnknown}</dd>
        </div>
        <div>
          <dt>{peta.members}</dt>
          <dd>{nf.format(data.members)}</dd>
        </div>
        <div>
          <dt>{peta.address}</dt>
          <dd>{[data.alamat, data.rtRw && `RT/RW ${data.rtRw}`].filter(Boolean).join(", ") || "–"}</dd>
        </div>
        <div>
          <dt>{peta.programsReceived}</dt>
          <dd>{data.programs.length ? data.programs.map((p) => `${p.program} (${p.periode})`).join(", ") : peta.none}</dd>
        </div>
      </dl>
    </section>
  );
}
