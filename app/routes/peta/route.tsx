/**
 * /peta — the map explorer. All state is in the URL (measure, level, method, classes, program,
 * period, desil range, point colouring, selected region/household): shareable, and back works.
 * The loader computes the choropleth (values → suppression → classes → colours); the map itself
 * is client-only and fetches vector tiles from /peta/tiles.
 */
import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, type ShouldRevalidateFunction, useFetcher, useLoaderData, useNavigate, useSearchParams } from "@remix-run/react";
import type { Map as MaplibreMap } from "maplibre-gl";
import maplibreCss from "maplibre-gl/dist/maplibre-gl.css";
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { formatMeasureValue } from "../../../analytics/measures/format";
import { ClientOnly } from "~/components/shell/ClientOnly";
import { downloadMapPng, type LegendEntry } from "../../components/map/export-png";
import { Legend } from "../../components/map/Legend";
import { HouseholdPanel, RegionPanel } from "../../components/map/Panels";
import petaCss from "../../components/map/peta.css";
import { peta } from "../../i18n/id/peta";
import { viewerFor } from "./viewer.server";
import { loadPeta, type HouseholdSummary, type RegionPanel as RegionPanelData } from "./data.server";
import { parsePetaParams, withParams } from "./params";
import { privateJson } from "~/http/private-json";

const PetaMap = lazy(() => import("../../components/map/PetaMap.client"));

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: maplibreCss },
  { rel: "stylesheet", href: petaCss },
];

export const meta: MetaFunction = () => [{ title: peta.metaTitle }];

export async function loader({ request }: LoaderFunctionArgs) {
  const params = parsePetaParams(new URL(request.url).searchParams);
  return privateJson(await loadPeta(params, await viewerFor(request)));
}

/** Selecting a region or household only opens the panel: no need to recompute the choropleth. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl, formMethod, defaultShouldRevalidate }) => {
  if (formMethod && formMethod !== "GET") return defaultShouldRevalidate;
  const strip = (u: URL) => {
    const s = new URLSearchParams(u.search);
    s.delete("wilayah");
    s.delete("rt");
    s.sort();
    return `${u.pathname}?${s}`;
  };
  if (strip(currentUrl) === strip(nextUrl)) return false;
  return defaultShouldRevalidate;
};

const fill = (s: string, p: Record<string, string>) => s.replace(/\{(\w+)\}/g, (w, k: string) => p[k] ?? w);

export default function PetaPage() {
  const data = useLoaderData<typeof loader>();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const url = useMemo(() => parsePetaParams(search), [search]);
  const p = data.params;
  const measure = data.measure;
  const update = useCallback(
    (changes: Record<string, string | number | null>) => navigate({ search: withParams(search, changes) }, { preventScrollReset: true }),
    [navigate, search],
  );

  const mapRef = useRef<MaplibreMap | null>(null);
  const [zoom, setZoom] = useState(0);
  const [focus, setFocus] = useState<{ key: string; bbox: [number, number, number, number] } | null>(null);
  const flyOnLoad = useRef(false);
  const controlsRef = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    // Phones: start with controls and legend folded so the map is visible.
    if (window.innerWidth < 720) {
      if (controlsRef.current) controlsRef.current.open = false;
      const legend = document.querySelector<HTMLDetailsElement>("details.peta-legend");
      if (legend) legend.open = false;
    }
  }, []);

  const nf = (v: number) => formatMeasureValue(measure, v);
  const legend: LegendEntry[] = data.hotspot
    ? data.hotspot.entries.map((e) => ({ colour: e.colour, label: `${e.label} (${e.count})` }))
    : data.colours.map((colour, i) => ({
        colour,
        label: `${nf(data.classification.edges[i])} – ${nf(data.classification.edges[i + 1])} (${data.classification.counts[i]})`,
      }));
  const hotspotNote = data.hotspot
    ? data.hotspot.computedAt
      ? fill(peta.hotspot.computedAt, {
          at: new Date(data.hotspot.computedAt).toLocaleString("id-ID", { dateStyle: "long", timeStyle: "short", timeZone: "Asia/Jakarta" }),
          n: String(data.hotspot.desa),
        })
      : peta.hotspot.notComputed
    : null;
  const noData: LegendEntry = { colour: data.noDataColour, label: peta.noData };
  const anySuppressed = data.rows.some((r) => r.suppressed);
  const colours = useMemo(() => data.rows.map((r) => ({ code: r.code, colour: r.colour })), [data.rows]);
  const programName = data.programs.find((x) => x.program === p.program)?.nama ?? p.program;
  const title = `${measure.label} per ${peta.levels[p.tingkat].toLowerCase()}`;
  const subtitle = [
    measure.requiresProgram && p.program ? `${programName}${p.periode ? `, ${p.periode}` : ""}` : null,
    p.desil_min > 1 || p.desil_max < 10 ? `desil ${p.desil_min}–${p.desil_max}` : null,
    data.hotspot ? "Gi*, FDR" : `${peta.methods[p.metode]}, ${data.classification.classes} kelas`,
  ]
    .filter(Boolean)
    .join(" · ");

  // Side panel data, fetched when the URL names a region or household.
  const regionFetcher = useFetcher<RegionPanelData>();
  const householdFetcher = useFetcher<HouseholdSummary>();
  const filterQuery = useMemo(
    () => withParams(new URLSearchParams(), { ukuran: p.ukuran, program: p.program, periode: p.periode, desil_min: p.desil_min, desil_max: p.desil_max }),
    [p.ukuran, p.program, p.periode, p.desil_min, p.desil_max],
  );
  const loadRegion = regionFetcher.load;
  const loadHousehold = householdFetcher.load;
  useEffect(() => {
    if (url.wilayah) loadRegion(`/peta/wilayah/${url.wilayah}${filterQuery}`);
  }, [url.wilayah, filterQuery, loadRegion]);
  useEffect(() => {
    if (url.rt) loadHousehold(`/peta/rt/${encodeURIComponent(url.rt)}`);
  }, [url.rt, loadHousehold]);
  const region = url.wilayah && regionFetcher.data?.code === url.wilayah ? regionFetcher.data : null;
  useEffect(() => {
    if (region?.bbox && flyOnLoad.current) {
      flyOnLoad.current = false;
      setFocus({ key: `${region.code}-${Date.now()}`, bbox: region.bbox });
    }
  }, [region]);
  const household = url.rt && householdFetcher.data?.idRt === url.rt ? householdFetcher.data : null;
  const panelOpen = Boolean(url.wilayah || url.rt);

  const [exporting, setExporting] = useState(false);
  const [exportedBytes, setExportedBytes] = useState<number | null>(null);
  const exportPng = async () => {
    const map = mapRef.current;
    if (!map) return;
    setExporting(true);
    try {
      // Render a fresh frame so the canvas holds the current view.
      await new Promise<void>((resolve) => {
        map.once("render", () => resolve());
        map.triggerRepaint();
      });
      const date = new Intl.DateTimeFormat("id-ID", { dateStyle: "long", timeZone: "Asia/Jakarta" }).format(new Date());
      const bytes = await downloadMapPng(
        {
          mapCanvas: map.getCanvas(),
          title,
          subtitle,
          legendTitle: measure.unit,
          legend: [...legend, noData],
          dateLine: fill(peta.exportDate, { date }),
          sourceLine: peta.exportSource,
        },
        `peta-${p.ukuran}-${p.tingkat}-${new Date().toISOString().slice(0, 10)}.png`,
      );
      setExportedBytes(bytes);
    } finally {
      setExporting(false);
    }
  };

  const chosenProgram = data.programs.find((x) => x.program === p.program);
  const sortedRows = useMemo(() => [...data.rows].sort((a, b) => a.name.localeCompare(b.name, "id")), [data.rows]);

  if (!data.extent) {
    return (
      <section className="page" aria-labelledby="judul-peta">
        <h1 id="judul-peta">{peta.emptyTitle}</h1>
        <p>{peta.emptyBody}</p>
      </section>
    );
  }

  return (
    <div className={`peta-page${panelOpen ? " panel-open" : ""}`}>
      <h1 className="visually-hidden">{peta.title}</h1>
      <div className="peta-print-title print-only">
        <strong>{title}</strong> — {subtitle}
      </div>
      <details className="peta-controls no-print" open ref={controlsRef}>
        <summary>{peta.controlsToggle}</summary>
        <Form method="get" className="peta-form" aria-label={peta.controlsTitle} onChange={(e) => e.preventDefault()}>
          <label>
            {peta.measure}
            <select name="ukuran" value={p.ukuran} onChange={(e) => update({ ukuran: e.target.value })}>
              {data.measures.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            {peta.level}
            <select name="tingkat" value={p.tingkat} onChange={(e) => update({ tingkat: e.target.value, wilayah: null })}>
              {measure.levels.map((l) => (
                <option key={l} value={l}>
                  {peta.levels[l]}
                </option>
              ))}
            </select>
          </label>
          <div className="form-row">
            <label>
              {peta.method}
              <select name="metode" value={p.metode} disabled={Boolean(data.hotspot)} onChange={(e) => update({ metode: e.target.value })}>
                {Object.entries(peta.methods).map(([k, v]) => (
                  <option key={k} value={k}>
                    {v}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {peta.classes}
              <select name="kelas" value={p.kelas} disabled={Boolean(data.hotspot)} onChange={(e) => update({ kelas: e.target.value })}>
                {[3, 4, 5, 6, 7].map((k) => (
                  <option key={k} value={k}>
                    {k}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <div className="form-row">
            <label>
              {peta.program}
              <select
                name="program"
                value={p.program ?? ""}
                disabled={data.programs.length === 0}
                onChange={(e) => update({ program: e.target.value, periode: null })}
              >
                {data.programs.length === 0 && <option value="">{peta.noProgram}</option>}
                {data.programs.map((x) => (
                  <option key={x.program} value={x.program}>
                    {x.program}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {peta.periode}
              <select name="periode" value={p.periode ?? ""} onChange={(e) => update({ periode: e.target.value })}>
                {(chosenProgram?.periods ?? []).map((x) => (
                  <option key={x} value={x}>
                    {x}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <fieldset className="form-row">
            <legend>{peta.desil}</legend>
            <label>
              {peta.desilMin}
              <select name="desil_min" value={p.desil_min} onChange={(e) => update({ desil_min: e.target.value })}>
                {Array.from({ length: 10 }, (_, i) => i + 1).map((d) => (
                  <option key={d} value={d} disabled={d > p.desil_max}>
                    {d}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {peta.desilMax}
              <select name="desil_max" value={p.desil_max} onChange={(e) => update({ desil_max: e.target.value })}>
                {Array.from({ length: 10 }, (_, i) => i + 1).map((d) => (
                  <option key={d} value={d} disabled={d < p.desil_min}>
                    {d}
                  </option>
                ))}
              </select>
            </label>
          </fieldset>
          <label>
            {peta.pointsColour}
            <select name="titik" value={p.titik} onChange={(e) => update({ titik: e.target.value })}>
              {Object.entries(peta.pointsBy).map(([k, v]) => (
                <option key={k} value={k}>
                  {v}
                </option>
              ))}
            </select>
          </label>
          <noscript>
            <button type="submit" className="button">
              {peta.apply}
            </button>
          </noscript>
        </Form>
        {measure.requiresProgram && !p.program && <p className="notice">{peta.needsProgram}</p>}
        <nav className="peta-region-list" aria-labelledby="judul-daftar">
          <h2 id="judul-daftar">{peta.regionList}</h2>
          <p className="muted small">{peta.regionListHint}</p>
          <ul>
            {sortedRows.map((r) => (
              <li key={r.code}>
                <button
                  type="button"
                  aria-pressed={url.wilayah === r.code}
                  data-code={r.code}
                  onClick={() => {
                    flyOnLoad.current = true;
                    // On a phone the controls cover the map: fold them so the chosen region shows.
                    if (window.innerWidth < 720 && controlsRef.current) controlsRef.current.open = false;
                    update({ wilayah: r.code, rt: null });
                  }}
                >
                  <span className="swatch" style={{ background: r.colour }} aria-hidden="true" />
                  <span className="name">{r.name}</span>
                  <span className="value">{r.suppressed ? peta.suppressed : (r.label ?? formatMeasureValue(measure, r.value))}</span>
                </button>
              </li>
            ))}
          </ul>
        </nav>
      </details>

      <div className="peta-map-wrap">
        <ClientOnly fallback={<div className="peta-canvas" />}>
          {() => (
            <Suspense fallback={<div className="peta-canvas" />}>
              <PetaMap
                level={p.tingkat}
                colours={colours}
                noDataColour={data.noDataColour}
                selectedCode={url.wilayah}
                extent={data.extent}
                focus={focus}
                basemapUrl={data.basemapUrl}
                tileVersion={data.tileVersion}
                periode={p.periode}
                pointsBy={p.titik}
                program={p.program}
                desilMin={p.desil_min}
                desilMax={p.desil_max}
                householdMinZoom={data.householdMinZoom}
                showHouseholds={data.showHouseholds}
                mapLabel={peta.mapLabel}
                onSelectRegion={(code) => update({ wilayah: code, rt: null })}
                onSelectHousehold={(lon, lat) => {
                  fetch(`/peta/rt-terdekat?lon=${lon}&lat=${lat}`)
                    .then((r) => (r.ok ? (r.json() as Promise<{ idRt: string | null }>) : { idRt: null }))
                    .then(({ idRt }) => idRt && update({ rt: idRt, wilayah: null }))
                    .catch(() => {});
                }}
                onZoom={setZoom}
                onMap={(m) => (mapRef.current = m)}
              />
            </Suspense>
          )}
        </ClientOnly>
        <Legend
          title={`${measure.label}`}
          entries={legend}
          noData={noData}
          definition={measure.definition}
          suppressedNote={anySuppressed ? fill(peta.suppressedNote, { unit: measure.unitsLabel }) : null}
          points={data.showHouseholds && zoom >= data.householdMinZoom ? { by: p.titik, program: p.program } : null}
          pointsHint={data.showHouseholds ? (zoom < data.householdMinZoom ? peta.pointsHint : null) : peta.pointsLogin}
          method={data.hotspot ? { title: peta.hotspot.methodTitle, text: data.hotspot.method, note: hotspotNote } : null}
        />
        <div className="peta-actions no-print">
          <button type="button" className="button" onClick={exportPng} disabled={exporting} data-testid="export-png" data-bytes={exportedBytes ?? undefined}>
            {peta.exportPng}
          </button>
          <button type="button" className="button secondary" onClick={() => window.print()}>
            {peta.print}
          </button>
        </div>
        <p className="peta-source print-only">
          {peta.exportSource} {new Date(data.generatedAt).toLocaleDateString("id-ID", { dateStyle: "long", timeZone: "Asia/Jakarta" })}
        </p>
      </div>

      {panelOpen && (
        <aside className="peta-panel" aria-live="polite">
          {region ? (
            <RegionPanel data={region} onClose={() => update({ wilayah: null })} />
          ) : household ? (
            <HouseholdPanel data={household} onClose={() => update({ rt: null })} />
          ) : (
            <p className="muted">{peta.panelLoading}</p>
          )}
        </aside>
      )}
    </div>
  );
}
