/**
 * Audit entries of a household, its members and its location → a readable timeline in Bahasa
 * Indonesia with field-level diffs (before → after). Pure: the page and the tests share it.
 */
import { anggota as a, households as s, valueLabel } from "~/i18n/id/households";
import { t } from "~/i18n";

export interface AuditLike {
  id: number;
  at: string;
  actor: string;
  entity: string;
  action: string;
  before?: unknown;
  after?: unknown;
  reason: string | null;
}

export interface FieldDiff {
  field: string;
  label: string;
  before: string;
  after: string;
}

export interface TimelineItem {
  id: number;
  at: string;
  actor: string;
  entity: string;
  title: string;
  changes: FieldDiff[];
  reason: string | null;
}

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => (v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : {});
const freeText = new Set(["nik", "no_kk", "nama", "alamat", "rt", "rw", "tanggal_lahir", "luas_lantai", "jumlah_kamar", "daya_listrik"]);

function show(field: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return a.empty;
  return freeText.has(field) ? String(value) : valueLabel(value);
}

function diff(before: Obj, after: Obj, labels: Record<string, string>, skip: ReadonlySet<string>): FieldDiff[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => !skip.has(k));
  return keys
    .filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null))
    .map((k) => ({ field: k, label: labels[k] ?? k, before: show(k, before[k]), after: show(k, after[k]) }));
}

const memberSkip = new Set(["id"]);
const num = (v: unknown) => (typeof v === "number" ? v : null);

function coords(v: Obj): string {
  const lat = num(v.lat);
  const lon = num(v.lon);
  return lat === null || lon === null ? a.empty : `${lat.toFixed(6)}, ${lon.toFixed(6)}`;
}

export function timelineItem(e: AuditLike): TimelineItem {
  const before = asObj(e.before);
  const after = asObj(e.after);
  const base = { id: e.id, at: e.at, actor: e.actor, entity: e.entity, reason: e.reason };
  const name = String(after.nama ?? before.nama ?? "");
  if (e.entity === "member" && e.action === "update") {
    return { ...base, title: t(a.timeline.memberUpdated, { name }), changes: diff(before, after, a.fields, memberSkip) };
  }
  if (e.entity === "member" && e.action === "create") {
    const changes = diff({}, after, a.fields, memberSkip);
    return { ...base, title: t(a.timeline.memberCreated, { name }), changes };
  }
  if (e.entity === "member" && e.action === "delete") {
    const kind = a.exitKinds[String(after.jenis_keluar ?? "")] ?? String(after.jenis_keluar ?? "");
    return {
      ...base,
      title: t(a.timeline.memberLeft, { name, kind: kind.toLowerCase(), date: String(after.tanggal_keluar ?? "–") }),
      changes: [],
    };
  }
  if (e.entity === "location") {
    const changes: FieldDiff[] = [{ field: "koordinat", label: a.timeline.coordinates, before: coords(before), after: coords(after) }];
    if (after.source) changes.push({ field: "source", label: a.timeline.source, before: "", after: valueLabel(after.source) });
    if (num(after.accuracyM) !== null) {
      changes.push({ field: "accuracyM", label: a.timeline.accuracy, before: "", after: t(s.accuracyM, { m: Math.round(num(after.accuracyM)!) }) });
    }
    if (after.insideDesa === false) changes.push({ field: "insideDesa", label: a.timeline.outsideDesa, before: "", after: valueLabel(true) });
    return { ...base, title: Object.keys(before).length ? a.timeline.locationMoved : a.timeline.locationSet, changes };
  }
  if (e.entity === "household" && e.action === "update") {
    return { ...base, title: a.timeline.household, changes: diff(before, after, s.fields, new Set()) };
  }
  return { ...base, title: t(a.timeline.other, { entity: e.entity, action: e.action }), changes: diff(before, after, { ...s.fields, ...a.fields }, memberSkip) };
}

export function buildTimeline(entries: readonly AuditLike[]): TimelineItem[] {
  return entries.map(timelineItem);
}
