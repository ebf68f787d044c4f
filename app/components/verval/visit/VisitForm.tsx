/**
 * The field-visit form (phone first, one column, big targets). Saving never waits for the
 * network: the visit goes into the phone's queue (IndexedDB) and is sent when online.
 */
import { useEffect, useRef, useState, type FormEvent } from "react";
import { t } from "~/i18n";
import { vervalTugas as s } from "~/i18n/id/verval-tugas";
import { enqueue } from "~/offline/visit-queue";
import { distanceM, preparePhoto, type PreparedPhoto } from "./photo";

type Result = "valid" | "tidak_valid" | "perlu_perubahan";
const results: Result[] = ["valid", "tidak_valid", "perlu_perubahan"];

interface Fix {
  lat: number;
  lon: number;
  accuracyM: number | null;
}

export function VisitForm({
  taskId,
  version,
  username,
  fields,
  onSaved,
}: {
  taskId: number;
  version: number;
  username: string;
  fields: readonly string[];
  onSaved: () => void;
}) {
  const [fix, setFix] = useState<Fix | null>(null);
  const [gps, setGps] = useState<"idle" | "working" | "failed">("idle");
  const [photo, setPhoto] = useState<PreparedPhoto | null>(null);
  const [photoState, setPhotoState] = useState<"idle" | "working" | "failed">("idle");
  const [preview, setPreview] = useState<string | null>(null);
  const [notes, setNotes] = useState("");
  const [result, setResult] = useState<Result | null>(null);
  const [changes, setChanges] = useState<Array<{ field: string; value: string }>>([]);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => () => void (preview && URL.revokeObjectURL(preview)), [preview]);

  function takeGps() {
    if (!("geolocation" in navigator)) return setGps("failed");
    setGps("working");
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setFix({ lat: pos.coords.latitude, lon: pos.coords.longitude, accuracyM: Number.isFinite(pos.coords.accuracy) ? pos.coords.accuracy : null });
        setGps("idle");
      },
      () => setGps("failed"),
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 0 },
    );
  }

  async function onPhoto(file: File | undefined) {
    if (!file) return;
    setPhotoState("working");
    try {
      const prepared = await preparePhoto(file);
      setPhoto(prepared);
      setPreview(URL.createObjectURL(prepared.blob));
      setPhotoState("idle");
    } catch {
      setPhoto(null);
      setPhotoState("failed");
    }
  }

  function clearPhoto() {
    setPhoto(null);
    setPreview(null);
    if (fileInput.current) fileInput.current.value = "";
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    if (!result) return setError(s.resultRequired);
    const recorded = changes.filter((c) => c.field.trim() && c.value.trim());
    if (result === "perlu_perubahan" && recorded.length === 0) return setError(s.changesRequired);
    setSaving(true);
    try {
      await enqueue({
        taskId,
        baseVersion: version,
        visitedAt: new Date().toISOString(),
        result,
        notes: notes.trim() || null,
        changes: result === "perlu_perubahan" ? recorded : [],
        location: fix ? { lat: fix.lat, lon: fix.lon, accuracyM: fix.accuracyM === null ? null : Math.round(fix.accuracyM * 10) / 10 } : null,
        photo: photo?.blob ?? null,
        photoExif: photo?.exif ?? null,
        username,
      });
      setSaved(true);
      setNotes("");
      setResult(null);
      setChanges([]);
      setFix(null);
      clearPhoto();
      onSaved();
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="visit-form card" onSubmit={submit} noValidate aria-labelledby="judul-kunjungan">
      <h2 id="judul-kunjungan">{s.visitTitle}</h2>

      <fieldset>
        <legend>{s.gpsSection}</legend>
        <button type="button" className="button button-secondary" onClick={takeGps} disabled={gps === "working"}>
          {gps === "working" ? s.gpsWorking : s.useGps}
        </button>
        {gps === "failed" ? <p role="alert" className="form-error">{s.gpsFailed}</p> : null}
        {fix ? (
          <p className="mono small" data-testid="visit-gps">
            {fix.lat.toFixed(6)}, {fix.lon.toFixed(6)}
            {fix.accuracyM !== null ? ` (${t(s.gpsAccuracy, { m: Math.round(fix.accuracyM) })})` : ""}
          </p>
        ) : null}
        {fix && fix.accuracyM !== null && fix.accuracyM > 50 ? <p className="badge">{s.gpsPoor}</p> : null}
      </fieldset>

      <fieldset>
        <legend>{s.photoSection}</legend>
        <p className="muted small">{s.photoHelp}</p>
        <input
          ref={fileInput}
          type="file"
          accept="image/*"
          capture="environment"
          aria-label={s.photoSection}
          onChange={(e) => void onPhoto(e.currentTarget.files?.[0])}
        />
        {photoState === "working" ? <p role="status">{s.photoWorking}</p> : null}
        {photoState === "failed" ? <p role="alert" className="form-error">{s.photoFailed}</p> : null}
        {photo && preview ? (
          <div className="photo-preview">
            <img src={preview} alt={s.photoSection} width={photo.width} height={photo.height} />
            <p className="small" data-testid="photo-info">
              {t(s.photoReady, { w: photo.width, h: photo.height, kb: Math.round(photo.blob.size / 1024) })}
            </p>
            <p className="small" data-testid="photo-exif">
              {photo.exif ? t(s.exifGps, { lat: photo.exif.lat.toFixed(6), lon: photo.exif.lon.toFixed(6) }) : s.exifNone}
              {photo.exif && fix ? ` · ${t(s.exifDistance, { m: Math.round(distanceM(photo.exif, fix)) })}` : ""}
            </p>
            <button type="button" className="button button-secondary" onClick={clearPhoto}>
              {s.removePhoto}
            </button>
          </div>
        ) : null}
      </fieldset>

      <label className="stack">
        {s.findingsLabel}
        <textarea name="notes" rows={3} maxLength={4000} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} />
      </label>

      <fieldset>
        <legend>{s.resultLabel}</legend>
        <div className="result-choices">
          {results.map((r) => (
            <label key={r} className={`choice${result === r ? " chosen" : ""}`}>
              <input type="radio" name="result" value={r} checked={result === r} onChange={() => setResult(r)} />
              {s.results[r]}
            </label>
          ))}
        </div>
      </fieldset>

      {result === "perlu_perubahan" ? (
        <fieldset>
          <legend>{s.changesSection}</legend>
          <p className="muted small">{s.changesHelp}</p>
          <datalist id="kolom-perubahan">
            {fields.map((f) => (
              <option key={f} value={f} />
            ))}
          </datalist>
          {changes.map((c, i) => (
            <div className="change-row" key={i}>
              <label className="stack">
                {s.changeField}
                <input
                  list="kolom-perubahan"
                  value={c.field}
                  maxLength={64}
                  onChange={(e) => {
                    const field = e.currentTarget.value;
                    setChanges((all) => all.map((x, j) => (j === i ? { ...x, field } : x)));
                  }}
                />
              </label>
              <label className="stack">
                {s.changeValue}
                <input
                  value={c.value}
                  maxLength={500}
                  onChange={(e) => {
                    const value = e.currentTarget.value;
                    setChanges((all) => all.map((x, j) => (j === i ? { ...x, value } : x)));
                  }}
                />
              </label>
              <button type="button" className="button button-secondary" onClick={() => setChanges((all) => all.filter((_, j) => j !== i))}>
                {s.removeChange}
              </button>
            </div>
          ))}
          <button type="button" className="button button-secondary" onClick={() => setChanges((all) => [...all, { field: "", value: "" }])}>
            {s.addChange}
          </button>
        </fieldset>
      ) : null}

      {error ? <p role="alert" className="form-error">{error}</p> : null}
      {saved ? <p role="status" className="notice">{s.savedOffline}</p> : null}
      <button type="submit" className="button" disabled={saving}>
        {saving ? s.saving : s.save}
      </button>
    </form>
  );
}
