/**
 * Pending field visits on a maplibre map: desa outlines, and either household points (roles with
 * personal-data rights; no names, ids or popups) or one proportional circle per desa with its
 * count (everyone else). No basemap: offline deployments get the same picture.
 */
import { Map as MapLibreMap, setWorkerUrl, type StyleSpecification } from "maplibre-gl";
import { useEffect, useRef } from "react";

setWorkerUrl("/maplibre-gl-worker.mjs");

const style: StyleSpecification = {
  version: 8,
  sources: {},
  layers: [{ id: "latar", type: "background", paint: { "background-color": "#eef2ee" } }],
};

export interface PendingMapProps {
  outlines: unknown;
  points: (readonly [number, number, number])[] | null;
  counts: { code: string; name: string; n: number; lon: number; lat: number }[];
  label: string;
}

function boundsOf(fc: unknown, extra: [number, number][]): [[number, number], [number, number]] | null {
  const xs: number[] = [];
  const ys: number[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v) && typeof v[0] === "number") {
      xs.push(v[0] as number);
      ys.push(v[1] as number);
    } else if (Array.isArray(v)) v.forEach(walk);
  };
  for (const f of (fc as { features?: { geometry?: { coordinates?: unknown } }[] } | null)?.features ?? []) walk(f.geometry?.coordinates);
  for (const [x, y] of extra) {
    xs.push(x);
    ys.push(y);
  }
  if (!xs.length) return null;
  return [
    [Math.min(...xs), Math.min(...ys)],
    [Math.max(...xs), Math.max(...ys)],
  ];
}

export default function PendingVisitsMap({ outlines, points, counts, label }: PendingMapProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const bounds = boundsOf(outlines, points ? points.map((p) => [p[0], p[1]]) : counts.map((c) => [c.lon, c.lat]));
    const map = new MapLibreMap({
      container: ref.current,
      style,
      bounds: bounds ?? undefined,
      center: bounds ? undefined : [113.2, -8.1],
      zoom: bounds ? undefined : 9,
      fitBoundsOptions: { padding: 16 },
      attributionControl: false,
      canvasContextAttributes: { preserveDrawingBuffer: true }, // screenshots and print
    });
    map.on("load", () => {
      // Fit again once the container has its final size (phones lay out after the map is made).
      map.resize();
      if (bounds) map.fitBounds(bounds, { padding: 16, duration: 0 });
      if (outlines) {
        map.addSource("desa", { type: "geojson", data: outlines as never });
        map.addLayer({ id: "desa-isi", type: "fill", source: "desa", paint: { "fill-color": "#ffffff", "fill-opacity": 0.7 } });
        map.addLayer({ id: "desa-garis", type: "line", source: "desa", paint: { "line-color": "#6c757d", "line-width": 0.6 } });
      }
      if (points) {
        map.addSource("kunjungan", {
          type: "geojson",
          data: {
            type: "FeatureCollection",
            features: points.map(([lon, lat, overdue]) => ({ type: "Feature", properties: { overdue }, geometry: { type: "Point", coordinates: [lon, lat] } })),
          },
        });
        map.addLayer({
          id: "kunjungan",
          type: "circle",
          source: "kunjungan",
          paint: {
            "circle-radius": 4,
            "circle-color": ["case", ["==", ["get", "overdue"], 1], "#b42318", "#0f5132"],
            "circle-stroke-color": "#fff",
            "circle-stroke-width": 1,
          },
        });
      } else {
        const max = Math.max(1, ...counts.map((c) => c.n));
        map.addSource("jumlah", {
          type: "geojson",
          data: {
            type: "FeatureCollection",
            features: counts.map((c) => ({ type: "Feature", properties: { n: c.n, name: c.name }, geometry: { type: "Point", coordinates: [c.lon, c.lat] } })),
          },
        });
        map.addLayer({
          id: "jumlah",
          type: "circle",
          source: "jumlah",
          paint: {
            "circle-radius": ["+", 4, ["*", 18, ["sqrt", ["/", ["get", "n"], max]]]],
            "circle-color": "#198754",
            "circle-opacity": 0.6,
            "circle-stroke-color": "#0f5132",
            "circle-stroke-width": 1,
          },
        });
      }
    });
    return () => map.remove();
  }, [outlines, points, counts]);
  return <div ref={ref} className="verval-map" role="img" aria-label={label} data-testid="pending-map" />;
}
