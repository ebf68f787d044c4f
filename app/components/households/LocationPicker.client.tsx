/**
 * A small maplibre map to tap a household's position: the desa outline for orientation, a
 * marker that follows taps and drags. No basemap unless TEPAT_BASEMAP_URL-style tiles are added
 * later: offline deployments still get the outline.
 */
import { Map as MapLibreMap, Marker, setWorkerUrl, type StyleSpecification } from "maplibre-gl";
import { useEffect, useRef } from "react";

interface Point {
  lon: number;
  lat: number;
}

setWorkerUrl("/maplibre-gl-worker.mjs");

const emptyStyle: StyleSpecification = {
  version: 8,
  sources: {},
  layers: [{ id: "latar", type: "background", paint: { "background-color": "#eef2ee" } }],
};

function boundsOf(geojson: unknown): [[number, number], [number, number]] | null {
  const coords: number[][] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v) && typeof v[0] === "number") coords.push(v as number[]);
    else if (Array.isArray(v)) v.forEach(walk);
  };
  walk((geojson as { coordinates?: unknown } | null)?.coordinates);
  if (!coords.length) return null;
  const xs = coords.map((c) => c[0]!);
  const ys = coords.map((c) => c[1]!);
  return [
    [Math.min(...xs), Math.min(...ys)],
    [Math.max(...xs), Math.max(...ys)],
  ];
}

export default function LocationPicker({
  point,
  desaGeoJson,
  onPick,
}: {
  point: Point | null;
  desaGeoJson?: unknown;
  onPick: (p: Point) => void;
}) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<MapLibreMap | null>(null);
  const marker = useRef<Marker | null>(null);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    if (!container.current) return;
    const bounds = boundsOf(desaGeoJson);
    const m = new MapLibreMap({
      container: container.current,
      style: emptyStyle,
      center: point ? [point.lon, point.lat] : [113.2, -8.1],
      zoom: 14,
      attributionControl: false,
    });
    map.current = m;
    m.on("load", () => {
      if (desaGeoJson) {
        m.addSource("desa", { type: "geojson", data: { type: "Feature", properties: {}, geometry: desaGeoJson as never } });
        m.addLayer({ id: "desa-isi", type: "fill", source: "desa", paint: { "fill-color": "#198754", "fill-opacity": 0.08 } });
        m.addLayer({ id: "desa-garis", type: "line", source: "desa", paint: { "line-color": "#0f5132", "line-width": 2 } });
      }
      if (bounds && !point) m.fitBounds(bounds, { padding: 20, duration: 0 });
    });
    m.on("click", (e) => pick.current({ lon: e.lngLat.lng, lat: e.lngLat.lat }));
    return () => {
      m.remove();
      map.current = null;
      marker.current = null;
    };
    // The map is created once; later point changes only move the marker (below).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const m = map.current;
    if (!m || !point) return;
    if (!marker.current) {
      marker.current = new Marker({ draggable: true, color: "#b42318" }).setLngLat([point.lon, point.lat]).addTo(m);
      marker.current.on("dragend", () => {
        const ll = marker.current!.getLngLat();
        pick.current({ lon: ll.lng, lat: ll.lat });
      });
    } else {
      marker.current.setLngLat([point.lon, point.lat]);
    }
  }, [point]);

  return <div ref={container} className="picker-map" data-testid="location-picker" />;
}
