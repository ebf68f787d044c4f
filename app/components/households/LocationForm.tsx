/**
 * Setting a household's location in the field: the device GPS (with its accuracy) or a tap on the
 * map. Phone-first: big buttons, one column. The server has the last word (inside the desa?).
 */
import { Form, useNavigation } from "@remix-run/react";
import { lazy, Suspense, useState } from "react";
import { ClientOnly } from "~/components/shell/ClientOnly";
import { t } from "~/i18n";
import { households as s } from "~/i18n/id/households";

const LocationPicker = lazy(() => import("./LocationPicker.client"));

interface Point {
  lon: number;
  lat: number;
}

export function LocationForm({
  version,
  initial,
  desaGeoJson,
  result,
}: {
  version: number;
  initial: Point | null;
  desaGeoJson?: unknown;
  result?: { ok: boolean; error?: string; insideDesa?: boolean } | undefined;
}) {
  const [point, setPoint] = useState<Point | null>(initial);
  const [source, setSource] = useState<"gps" | "map">("map");
  const [accuracy, setAccuracy] = useState<number | null>(null);
  const [gpsState, setGpsState] = useState<"idle" | "working" | "failed">("idle");
  const saving = useNavigation().state === "submitting";
  const needsReason = result && !result.ok && result.error === "outside_desa_needs_reason";

  function useGps() {
    if (!("geolocation" in navigator)) return setGpsState("failed");
    setGpsState("working");
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setPoint({ lon: pos.coords.longitude, lat: pos.coords.latitude });
        setAccuracy(pos.coords.accuracy);
        setSource("gps");
        setGpsState("idle");
      },
      () => setGpsState("failed"),
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 0 },
    );
  }

  return (
    <Form method="post" className="location-form">
      <input type="hidden" name="intent" value="lokasi" />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="source" value={source} />
      {point ? (
        <>
          <input type="hidden" name="lon" value={point.lon} />
          <input type="hidden" name="lat" value={point.lat} />
        </>
      ) : null}
      {accuracy !== null && source === "gps" ? <input type="hidden" name="accuracyM" value={Math.round(accuracy)} /> : null}
      <button type="button" className="button button-secondary" onClick={useGps} disabled={gpsState === "working"}>
        {gpsState === "working" ? s.gpsWorking : s.useGps}
      </button>
      {gpsState === "failed" ? <p role="alert">{s.gpsDenied}</p> : null}
      <p className="muted">{s.tapMap}</p>
      <ClientOnly fallback={<div className="picker-map" aria-hidden="true" />}>
        {() => (
          <Suspense fallback={<div className="picker-map" aria-hidden="true" />}>
            <LocationPicker
              point={point}
              desaGeoJson={desaGeoJson}
              onPick={(p) => {
                setPoint(p);
                setSource("map");
                setAccuracy(null);
              }}
            />
          </Suspense>
        )}
      </ClientOnly>
      {point ? (
        <p className="mono small" data-testid="picked-point">
          {point.lat.toFixed(6)}, {point.lon.toFixed(6)}
          {accuracy !== null && source === "gps" ? ` (± ${t(s.accuracyM, { m: Math.round(accuracy) })})` : ""}
        </p>
      ) : null}
      {needsReason ? (
        <label>
          {s.reasonLabel}
          <textarea name="reason" required rows={2} />
          <span role="alert" className="form-error">
            {s.outsideNeedsReason}
          </span>
        </label>
      ) : null}
      {result?.ok ? <p role="status" className="notice">{s.locationSaved}</p> : null}
      {result && !result.ok && result.error === "stale" ? <p role="alert" className="form-error">{s.stale}</p> : null}
      <button type="submit" className="button" disabled={!point || saving}>
        {saving ? s.saving : s.saveLocation}
      </button>
    </Form>
  );
}
