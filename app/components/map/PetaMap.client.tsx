/**
 * The /peta map: maplibre-gl draws region polygons from our vector tiles (choropleth fill by a
 * `match` on the region code, outlines, selection); deck.gl (MapLibreOverlay, interleaved so the
 * PNG export reads one canvas) draws labels (TextLayer: browser fonts, no glyph server) and the
 * household points. Points come from the `rumah_tangga` MVT source from z12 (maplibre loads and
 * decodes the tiles in its worker; deck.gl renders them), never as one big download.
 * Client only: loaded with lazy() after hydration.
 */
import { MapLibreOverlay } from "@deck.gl/maplibre";
import { ScatterplotLayer, TextLayer } from "@deck.gl/layers";
import * as maplibregl from "maplibre-gl";
import type { ExpressionSpecification, Map as MaplibreMap, StyleSpecification, VectorTileSource } from "maplibre-gl";
import { useEffect, useRef } from "react";
import { desilColours, hexToRgb, notReceivingColour, receivingColour, unknownDesilColour } from "./colours";

export type MapLevel = "kabupaten" | "kecamatan" | "desa";
const levels: MapLevel[] = ["kabupaten", "kecamatan", "desa"];

export interface PetaMapProps {
  level: MapLevel;
  colours: { code: string; colour: string }[];
  noDataColour: string;
  selectedCode: string | null;
  extent: [number, number, number, number] | null;
  /** A bbox to fly to (keyboard selection); `key` changes each time. */
  focus: { key: string; bbox: [number, number, number, number] } | null;
  basemapUrl: string | null;
  tileVersion: number;
  periode: string | null;
  pointsBy: "desil" | "program";
  program: string | null;
  desilMin: number;
  desilMax: number;
  householdMinZoom: number;
  /** False for guests and the public: no household point source at all (the server would refuse). */
  showHouseholds: boolean;
  mapLabel: string;
  onSelectRegion(code: string): void;
  /** A household point was clicked at this position (tiles carry no ids; the server finds it). */
  onSelectHousehold(lon: number, lat: number): void;
  onZoom?(zoom: number): void;
  onMap?(map: MaplibreMap | null): void;
}

interface Point {
  position: [number, number];
  desil: number | null;
  terima: boolean;
}
interface Label {
  position: [number, number];
  name: string;
}

const origin = () => window.location.origin;
const tileUrl = (layer: string, version: number, filter: { program?: string | null; periode?: string | null } = {}) => {
  const q = new URLSearchParams({ v: String(version) });
  if (filter.program) q.set("program", filter.program);
  if (filter.periode) q.set("periode", filter.periode);
  return `${origin()}/peta/tiles/${layer}/{z}/{x}/{y}.mvt?${q}`;
};

/** Receipt flags cost a recipients lookup per tile: asked for only when points are coloured by program. */
const pointFilter = (p: Pick<PetaMapProps, "pointsBy" | "program" | "periode">) =>
  p.pointsBy === "program" ? { program: p.program, periode: p.periode } : {};

function fillColour(colours: PetaMapProps["colours"], noData: string): ExpressionSpecification | string {
  if (colours.length === 0) return noData;
  const pairs = colours.flatMap((c) => [c.code, c.colour]);
  return ["match", ["get", "code"], ...pairs, noData] as unknown as ExpressionSpecification;
}

/** The offline style: a plain background; with TEPAT_BASEMAP_URL a raster basemap under it. */
function baseStyle(basemapUrl: string | null): StyleSpecification | string {
  if (basemapUrl && !basemapUrl.includes("{z}")) return basemapUrl; // a full style URL
  const style: StyleSpecification = {
    version: 8,
    sources: {},
    layers: [{ id: "latar", type: "background", paint: { "background-color": "#eef0ec" } }],
  };
  if (basemapUrl) {
    style.sources.basemap = { type: "raster", tiles: [basemapUrl], tileSize: 256 };
    style.layers.push({ id: "basemap", type: "raster", source: "basemap" });
  }
  return style;
}

export default function PetaMap(props: PetaMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MaplibreMap | null>(null);
  const overlayRef = useRef<MapLibreOverlay | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const state = useRef<{ points: Point[]; pointsKey: string; labels: Record<"kecamatan" | "desa", Label[]>; loaded: boolean }>({
    points: [],
    pointsKey: "",
    labels: { kecamatan: [], desa: [] },
    loaded: false,
  });

  /** Rebuilds the deck.gl layers from the current props, zoom and loaded points. */
  const renderDeck = useRef(() => {});
  renderDeck.current = () => {
    const map = mapRef.current;
    const overlay = overlayRef.current;
    if (!map || !overlay) return;
    const p = latest.current;
    const zoom = map.getZoom();
    const showPoints = zoom >= p.householdMinZoom;
    const points = showPoints ? state.current.points.filter((d) => d.desil === null ? p.desilMin === 1 && p.desilMax === 10 : d.desil >= p.desilMin && d.desil <= p.desilMax) : [];
    const desilRgb = desilColours.map(hexToRgb);
    const unknownRgb = hexToRgb(unknownDesilColour);
    const yesRgb = hexToRgb(receivingColour);
    const noRgb = hexToRgb(notReceivingColour);
    const labelLayer = (id: "kecamatan" | "desa", visible: boolean, size: number, weight: number) =>
      new TextLayer<Label>({
        id: `label-${id}`,
        data: state.current.labels[id],
        visible,
        getPosition: (d) => d.position,
        getText: (d) => d.name,
        getSize: size,
        getColor: [28, 35, 33, 255],
        fontFamily: "system-ui, 'DejaVu Sans', sans-serif",
        fontWeight: weight,
        characterSet: "auto",
        // A soft white box instead of an SDF halo: crisp with the browser's own fonts, no glyph server.
        background: true,
        getBackgroundColor: [255, 255, 255, 190],
        backgroundPadding: [3, 1],
        billboard: true,
        parameters: { depthCompare: "always" },
      });
    overlay.setProps({
      layers: [
        new ScatterplotLayer<Point>({
          id: "rt-points",
          data: points,
          visible: showPoints,
          getPosition: (d) => d.position,
          getRadius: 4,
          radiusUnits: "pixels",
          radiusMinPixels: 2,
          stroked: true,
          getLineColor: [255, 255, 255, 200],
          lineWidthMinPixels: 0.5,
          getFillColor: (d) =>
            p.pointsBy === "program" ? (d.terima ? yesRgb : noRgb) : d.desil ? desilRgb[d.desil - 1] : unknownRgb,
          updateTriggers: { getFillColor: [p.pointsBy, p.program] },
          pickable: true,
        }),
        labelLayer("kecamatan", zoom < 11.5, 13, 700),
        labelLayer("desa", zoom >= 11, 11, 400),
      ],
    });
  };

  // Create the map once.
  useEffect(() => {
    let cancelled = false;
    const el = container.current;
    if (!el) return;
    maplibregl.setWorkerUrl(`${origin()}/maplibre-gl-worker.mjs`);
    const p = latest.current;
    const map = new maplibregl.Map({
      container: el,
      style: baseStyle(p.basemapUrl),
      bounds: p.extent ?? undefined,
      fitBoundsOptions: { padding: 24 },
      center: p.extent ? undefined : [113.2, -8.1],
      zoom: p.extent ? undefined : 8,
      attributionControl: false,
      // Lets the PNG export read the pixels after rendering.
      canvasContextAttributes: { preserveDrawingBuffer: true, antialias: true },
      maxZoom: 18,
    });
    mapRef.current = map;
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), "top-right");
    map.addControl(new maplibregl.ScaleControl({ unit: "metric" }), "bottom-left");
    map.getCanvas().setAttribute("aria-label", p.mapLabel);
    const overlay = new MapLibreOverlay({ interleaved: true, layers: [] });
    overlayRef.current = overlay;

    map.on("load", () => {
      if (cancelled) return;
      const q = latest.current;
      for (const level of levels) {
        map.addSource(`wilayah-${level}`, { type: "vector", tiles: [tileUrl(level, q.tileVersion)], minzoom: 0, maxzoom: 14 });
      }
      if (q.showHouseholds) {
        map.addSource("rt", { type: "vector", tiles: [tileUrl("rumah_tangga", q.tileVersion, pointFilter(q))], minzoom: q.householdMinZoom, maxzoom: 16 });
      }
      for (const level of levels) {
        map.addLayer({
          id: `isi-${level}`,
          type: "fill",
          source: `wilayah-${level}`,
          "source-layer": level,
          layout: { visibility: level === q.level ? "visible" : "none" },
          paint: {
            "fill-color": fillColour(q.colours, q.noDataColour),
            "fill-opacity": ["interpolate", ["linear"], ["zoom"], q.householdMinZoom - 1, 0.85, q.householdMinZoom + 1, 0.45],
          },
        });
      }
      map.addLayer({ id: "garis-desa", type: "line", source: "wilayah-desa", "source-layer": "desa", minzoom: 9, paint: { "line-color": "#6b7280", "line-width": 0.5 } });
      map.addLayer({ id: "garis-kecamatan", type: "line", source: "wilayah-kecamatan", "source-layer": "kecamatan", paint: { "line-color": "#374151", "line-width": 1.2 } });
      map.addLayer({ id: "garis-kabupaten", type: "line", source: "wilayah-kabupaten", "source-layer": "kabupaten", paint: { "line-color": "#111827", "line-width": 2 } });
      for (const level of levels) {
        map.addLayer({
          id: `pilih-${level}`,
          type: "line",
          source: `wilayah-${level}`,
          "source-layer": level,
          filter: ["==", ["get", "code"], q.selectedCode ?? ""],
          paint: { "line-color": "#d97706", "line-width": 3 },
        });
      }
      // Invisible: makes maplibre fetch and decode the point tiles that deck.gl then draws.
      if (q.showHouseholds) {
        map.addLayer({ id: "rt-sumber", type: "circle", source: "rt", "source-layer": "rumah_tangga", paint: { "circle-opacity": 0, "circle-radius": 1 } });
      }
      map.addControl(overlay);
      state.current.loaded = true;
      for (const level of ["kecamatan", "desa"] as const) {
        fetch(`/peta/label/${level}.json`)
          .then((r) => r.json() as Promise<{ features: { geometry: { coordinates: [number, number] }; properties: { name: string } }[] }>)
          .then((fc) => {
            state.current.labels[level] = fc.features.map((f) => ({ position: f.geometry.coordinates, name: f.properties.name }));
            renderDeck.current();
          })
          .catch(() => {});
      }
      renderDeck.current();
    });

    const refreshPoints = () => {
      const q = latest.current;
      if (!state.current.loaded || !q.showHouseholds || map.getZoom() < q.householdMinZoom) {
        if (state.current.points.length) {
          state.current.points = [];
          state.current.pointsKey = "";
          renderDeck.current();
        }
        return;
      }
      const features = map.querySourceFeatures("rt", { sourceLayer: "rumah_tangga" });
      // Each feature is a MultiPoint of one (desil, terima) group; a tile can be returned twice
      // (several zoom levels loaded), so points are keyed by position.
      const seen = new Map<string, Point>();
      for (const f of features) {
        const g = f.geometry;
        const coords = g.type === "MultiPoint" ? g.coordinates : g.type === "Point" ? [g.coordinates] : [];
        const desil = typeof f.properties.desil === "number" ? f.properties.desil : null;
        const terima = f.properties.terima === true;
        for (const c of coords) {
          const key = `${c[0].toFixed(6)},${c[1].toFixed(6)}`;
          if (!seen.has(key)) seen.set(key, { position: [c[0], c[1]], desil, terima });
        }
      }
      const points = [...seen.values()];
      // Only re-render when the set changed: setting layers triggers a repaint and a new idle.
      const key = `${points.length}:${points[0]?.position.join(",") ?? ""}:${points[points.length - 1]?.position.join(",") ?? ""}:${points.filter((d) => d.terima).length}`;
      if (key === state.current.pointsKey) return;
      state.current.points = points;
      state.current.pointsKey = key;
      renderDeck.current();
    };

    let idleCount = 0;
    map.on("idle", () => {
      refreshPoints();
      idleCount++;
      el.dataset.idle = String(idleCount);
      el.dataset.zoom = map.getZoom().toFixed(2);
      latest.current.onZoom?.(map.getZoom());
    });
    map.on("zoomend", () => {
      latest.current.onZoom?.(map.getZoom());
      renderDeck.current();
    });
    map.on("click", (e: maplibregl.MapMouseEvent) => {
      const q = latest.current;
      const picked = q.showHouseholds && map.getZoom() >= q.householdMinZoom ? overlay.pickObject({ x: e.point.x, y: e.point.y, radius: 6, layerIds: ["rt-points"] }) : null;
      if (picked?.object) {
        const [lon, lat] = (picked.object as Point).position;
        q.onSelectHousehold(lon, lat);
        return;
      }
      const f = map.queryRenderedFeatures(e.point, { layers: [`isi-${q.level}`] })[0];
      if (f) q.onSelectRegion(String(f.properties.code));
    });
    for (const level of levels) {
      map.on("mouseenter", `isi-${level}`, () => (map.getCanvas().style.cursor = "pointer"));
      map.on("mouseleave", `isi-${level}`, () => (map.getCanvas().style.cursor = ""));
    }
    latest.current.onMap?.(map);
    // Exposed for the browser test (queryRenderedFeatures) and for debugging in the console.
    (window as unknown as { __tepatMap?: MaplibreMap }).__tepatMap = map;
    return () => {
      cancelled = true;
      latest.current.onMap?.(null);
      mapRef.current = null;
      overlayRef.current = null;
      map.remove();
    };
  }, []);

  // Choropleth colours and level.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !state.current.loaded) return;
    for (const level of levels) {
      map.setLayoutProperty(`isi-${level}`, "visibility", level === props.level ? "visible" : "none");
      if (level === props.level) map.setPaintProperty(`isi-${level}`, "fill-color", fillColour(props.colours, props.noDataColour));
    }
  }, [props.level, props.colours, props.noDataColour]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !state.current.loaded) return;
    for (const level of levels) map.setFilter(`pilih-${level}`, ["==", ["get", "code"], props.selectedCode ?? ""]);
  }, [props.selectedCode]);

  // The receipt flag in point tiles depends on the program and period.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !state.current.loaded) return;
    const src = map.getSource("rt") as VectorTileSource | undefined;
    src?.setTiles([tileUrl("rumah_tangga", props.tileVersion, pointFilter({ pointsBy: props.pointsBy, program: props.program, periode: props.periode }))]);
    state.current.pointsKey = "";
  }, [props.program, props.periode, props.pointsBy, props.tileVersion]);

  useEffect(() => {
    renderDeck.current();
  }, [props.pointsBy, props.program, props.desilMin, props.desilMax]);

  useEffect(() => {
    const map = mapRef.current;
    if (!props.focus || !map) return;
    // The container may just have changed size (controls folded, panel opened on a phone).
    map.resize();
    const pad = Math.min(40, Math.round(map.getContainer().clientHeight / 10));
    map.fitBounds(props.focus.bbox, { padding: pad, maxZoom: 14, duration: 600 });
  }, [props.focus]);

  return <div ref={container} className="peta-canvas" data-testid="peta-canvas" />;
}
