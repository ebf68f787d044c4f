/** Choropleth legend: one row per class with its range, then "no data"; points legend when zoomed in. */
import { peta } from "../../i18n/id/peta";
import { desilColours, notReceivingColour, receivingColour, unknownDesilColour } from "./colours";
import type { LegendEntry } from "./export-png";

export interface LegendProps {
  title: string;
  entries: LegendEntry[];
  noData: LegendEntry;
  suppressedNote: string | null;
  definition: string;
  points: { by: "desil" | "program"; program: string | null } | null;
  pointsHint: string | null;
  /** A method note folded under the legend (the Gi* hot-spot layer documents its statistic here). */
  method?: { title: string; text: string; note: string | null } | null;
}

export function Legend({ title, entries, noData, suppressedNote, definition, points, pointsHint, method }: LegendProps) {
  return (
    <details className="peta-legend" open data-testid="legend">
      <summary>
        <h2 id="judul-legenda">{title}</h2>
      </summary>
      <ul className="legend-classes">
        {entries.map((e) => (
          <li key={e.label} data-class={e.colour}>
            <span className="swatch" style={{ background: e.colour }} aria-hidden="true" />
            {e.label}
          </li>
        ))}
        <li data-nodata="">
          <span className="swatch" style={{ background: noData.colour }} aria-hidden="true" />
          {noData.label}
        </li>
      </ul>
      <p className="legend-note">{definition}</p>
      {method && (
        <details className="legend-method" data-testid="legend-method">
          <summary>{method.title}</summary>
          <p className="legend-note">{method.text}</p>
          {method.note && <p className="legend-note">{method.note}</p>}
        </details>
      )}
      {suppressedNote && <p className="legend-note">{suppressedNote}</p>}
      {points && (
        <div className="legend-points">
          <h3>{peta.pointsLegend}</h3>
          {points.by === "desil" ? (
            <p className="desil-ramp" aria-label="desil 1 sampai 10">
              {desilColours.map((c, i) => (
                <span key={c} className="dot" style={{ background: c }} title={`Desil ${i + 1}`} />
              ))}
              <span className="dot" style={{ background: unknownDesilColour }} title={peta.desilUnknown} />
              <span className="legend-note"> desil 1 → 10</span>
            </p>
          ) : (
            <ul className="legend-classes">
              <li>
                <span className="dot" style={{ background: receivingColour }} aria-hidden="true" />
                {peta.receiving.replace("{program}", points.program ?? "")}
              </li>
              <li>
                <span className="dot" style={{ background: notReceivingColour }} aria-hidden="true" />
                {peta.notReceiving}
              </li>
            </ul>
          )}
        </div>
      )}
      {pointsHint && <p className="legend-note">{pointsHint}</p>}
    </details>
  );
}
