/**
 * The phone's queue of field visits (browser only). A saved visit goes into IndexedDB first
 * (idb-keyval; Blobs are stored as they are, so the photo survives a reload too) with a random
 * client_id, and is sent to POST /verifikasi/sinkron when the phone is online: on page load, on
 * the `online` event and on "Kirim sekarang". The server stores a client_id once, so a visit sent
 * twice (answer lost, two tabs) is still one visit; only a 200 removes it from the phone.
 *
 * States: pending (waiting to be sent), conflict (the server's task changed: shown to the officer,
 * who may resend on the newest version or discard; the server kept the visit as a conflict row),
 * failed (the server refused it for good: scope, validation, photo; kept and shown).
 */
import { createStore, del, get, set, values, type UseStore } from "idb-keyval";

export type QueueState = "pending" | "conflict" | "failed";

export interface QueuedVisit {
  clientId: string;
  taskId: number;
  baseVersion: number;
  visitedAt: string;
  result: "valid" | "tidak_valid" | "perlu_perubahan";
  notes: string | null;
  changes: Array<{ field: string; value: string }>;
  location: { lat: number; lon: number; accuracyM: number | null } | null;
  photo: Blob | null;
  /** EXIF position read on the phone from the original photo (shown; the server reads its own). */
  photoExif: { lat: number; lon: number } | null;
  /** The account that saved it: only that account sends it (a shared phone). */
  username: string;
  state: QueueState;
  savedAt: string;
  attempts: number;
  conflict?: {
    reason: "version" | "completed";
    server: { version: number; status: string; result: string | null; completedBy: string | null; completedAt: string | null };
  };
  error?: string;
}

export type NewVisit = Omit<QueuedVisit, "clientId" | "state" | "savedAt" | "attempts">;

let store: UseStore | null = null;
const db = () => (store ??= createStore("tepat-kunjungan", "antrean"));

const listeners = new Set<() => void>();
/** Called after every change to the queue (the form re-reads it). */
export function subscribe(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
const changed = () => listeners.forEach((fn) => fn());

export function newClientId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  // Older WebViews on http: 122 random bits in the UUID v4 layout.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export async function enqueue(visit: NewVisit): Promise<QueuedVisit> {
  const item: QueuedVisit = { ...visit, clientId: newClientId(), state: "pending", savedAt: new Date().toISOString(), attempts: 0 };
  await set(item.clientId, item, db());
  changed();
  return item;
}

export async function listQueued(): Promise<QueuedVisit[]> {
  const all = await values<QueuedVisit>(db());
  return all.sort((a, b) => a.savedAt.localeCompare(b.savedAt));
}

export async function discard(clientId: string): Promise<void> {
  await del(clientId, db());
  changed();
}

/** After a version conflict: the same visit as a new one on the server's newest version. */
export async function resendOnLatest(clientId: string): Promise<void> {
  const item = await get<QueuedVisit>(clientId, db());
  if (!item?.conflict) return;
  const again: QueuedVisit = {
    ...item,
    clientId: newClientId(),
    baseVersion: item.conflict.server.version,
    state: "pending",
    conflict: undefined,
    error: undefined,
  };
  await set(again.clientId, again, db());
  await del(clientId, db());
  changed();
}

export interface SyncReport {
  sent: number;
  conflicts: number;
  failed: number;
  /** Why the run stopped early: offline/server unreachable, or the session ended. */
  stopped?: "network" | "unauthenticated";
}

let running: Promise<SyncReport> | null = null;

/**
 * Sends every pending visit of `username`, one at a time, oldest first. One run at a time per
 * page, and per browser where the Web Locks API exists (two tabs); the server's client_id check
 * covers whatever slips through.
 */
export function syncQueued(username: string): Promise<SyncReport> {
  if (running) return running;
  const run = async () => {
    const locks = typeof navigator !== "undefined" ? (navigator as Navigator & { locks?: LockManager }).locks : undefined;
    return locks ? ((await locks.request("tepat-sinkron-kunjungan", () => syncAll(username))) as SyncReport) : syncAll(username);
  };
  running = run().finally(() => {
    running = null;
  });
  return running;
}

async function syncAll(username: string): Promise<SyncReport> {
  const report: SyncReport = { sent: 0, conflicts: 0, failed: 0 };
  const pending = (await listQueued()).filter((v) => v.state === "pending" && v.username === username);
  for (const item of pending) {
    const outcome = await sendOne(item);
    if (outcome === "network" || outcome === "unauthenticated") {
      report.stopped = outcome;
      break;
    }
    report[outcome === "sent" ? "sent" : outcome === "conflict" ? "conflicts" : "failed"]++;
  }
  return report;
}

async function sendOne(item: QueuedVisit): Promise<"sent" | "conflict" | "failed" | "network" | "unauthenticated"> {
  const form = new FormData();
  const { photo, photoExif: _exif, username: _u, state: _s, savedAt: _a, attempts: _n, conflict: _c, error: _e, ...visit } = item;
  form.set("visit", JSON.stringify(visit));
  if (photo) form.set("photo", photo, "rumah.jpg");
  let res: Response;
  try {
    res = await fetch("/verifikasi/sinkron", { method: "POST", body: form, credentials: "same-origin", headers: { Accept: "application/json" } });
  } catch {
    return "network";
  }
  if (res.status === 401) return "unauthenticated";
  if (res.status >= 500) return "network";
  const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (res.ok) {
    await del(item.clientId, db());
    changed();
    return "sent";
  }
  const next: QueuedVisit = { ...item, attempts: item.attempts + 1 };
  if (res.status === 409 && body.status === "conflict") {
    next.state = "conflict";
    next.conflict = { reason: body.reason as "version" | "completed", server: body.server as NonNullable<QueuedVisit["conflict"]>["server"] };
  } else {
    next.state = "failed";
    const issues = Array.isArray(body.issues) ? (body.issues as Array<{ path: string; message: string }>) : [];
    next.error = issues.length
      ? issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ")
      : typeof body.detail === "string"
        ? body.detail
        : `HTTP ${res.status}`;
  }
  await set(item.clientId, next, db());
  changed();
  return next.state === "conflict" ? "conflict" : "failed";
}
