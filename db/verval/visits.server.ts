/**
 * Recording a field visit as the phone syncs it (POST /verifikasi/sinkron). Idempotent by the
 * phone's client_id: a visit sent twice (lost answer, two tabs, a retry) is written once and the
 * second send gets the first outcome back. A visit made on a task that changed meanwhile (its
 * version moved past the one the officer saw, or someone else completed it) is a conflict: the
 * visit is kept with conflict = true so nothing the officer typed is lost, the task is left as it
 * is, and the phone shows the officer what the server holds.
 *
 * When the task comes from a registration (application_id), a valid / perlu_perubahan result
 * moves the application submitted → verified and tidak_valid moves it submitted → rejected,
 * through the registration helper's transitionApplication (same transaction), when the officer's
 * role may make that move (kecamatan, admin); a desa operator's visit leaves it for them.
 */
import type pg from "pg";
import { z } from "zod";
import { canViewPersonalData } from "../../analytics/access/scope";
import { checkTransition } from "../../analytics/verval/workflow";
import type { Account } from "../accounts/accounts.server";
import { recordAudit } from "../audit.server";
import { transitionApplication } from "./applications.server";
import { checkPhoto, storePhoto, type PhotoCheck } from "./photos.server";

export const visitResults = ["valid", "tidak_valid", "perlu_perubahan"] as const;
/** Roles that record visits (in their wilayah). */
export const visitRoles = ["admin", "kabupaten", "kecamatan", "desa"] as const;

export const VisitPayloadSchema = z
  .object({
    clientId: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]{8,64}$/, "client_id harus 8–64 huruf, angka atau tanda minus"),
    taskId: z.number().int().positive(),
    baseVersion: z.number().int().positive(),
    visitedAt: z.iso.datetime({ offset: true, error: "waktu kunjungan harus ISO 8601" }),
    result: z.enum(visitResults, { error: "hasil harus valid, tidak_valid atau perlu_perubahan" }),
    notes: z.string().trim().max(4000, "temuan paling banyak 4000 karakter").nullish(),
    changes: z
      .array(
        z.object({
          field: z.string().trim().min(1, "nama kolom kosong").max(64),
          value: z.string().trim().max(500),
        }),
      )
      .max(50, "paling banyak 50 perubahan")
      .default([]),
    location: z
      .object({
        lat: z.number().min(-90).max(90),
        lon: z.number().min(-180).max(180),
        accuracyM: z.number().min(0).max(100_000).nullish(),
      })
      .nullish(),
  })
  .superRefine((v, ctx) => {
    if (v.result === "perlu_perubahan" && v.changes.length === 0) {
      ctx.addIssue({ code: "custom", path: ["changes"], message: "hasil perlu_perubahan memerlukan minimal satu perubahan" });
    }
    if (Date.parse(v.visitedAt) > Date.now() + 10 * 60_000) {
      ctx.addIssue({ code: "custom", path: ["visitedAt"], message: "waktu kunjungan di masa depan" });
    }
  });
export type VisitPayload = z.infer<typeof VisitPayloadSchema>;

export interface ServerTaskState {
  version: number;
  status: string;
  result: string | null;
  completedBy: string | null;
  completedAt: string | null;
}

export type VisitOutcome =
  | { status: "saved"; visitId: number; taskVersion: number; application?: ApplicationOutcome }
  | { status: "duplicate"; visitId: number; conflict: boolean }
  | { status: "conflict"; visitId: number; reason: "version" | "completed"; server: ServerTaskState }
  | { status: "not_found" }
  | { status: "forbidden" }
  | { status: "invalid_photo"; error: Exclude<PhotoCheck, { ok: true }>["error"]; detail: string };

export type ApplicationOutcome =
  | { moved: true; to: string }
  | { moved: false; reason: string };

/**
 * Writes one visit (and its photo) in one transaction. `photo` is the raw uploaded bytes; it is
 * checked here (size, magic bytes, EXIF) whatever the route already did.
 */
export async function recordVisit(
  client: pg.PoolClient,
  account: Account,
  payload: VisitPayload,
  photo?: Uint8Array | null,
): Promise<VisitOutcome> {
  if (account.role === "guest") return { status: "forbidden" };
  // The task row lock serialises two sends of the same visit (and two officers on one task).
  const { rows } = await client.query<{
    id: number;
    kode_desa: string;
    status: string;
    version: number;
    result: string | null;
    application_id: number | null;
    completed_at: string | null;
  }>(
    `SELECT id, kode_desa, status, version, result, application_id,
            to_char(completed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS completed_at
       FROM verification_tasks WHERE id = $1 FOR UPDATE`,
    [payload.taskId],
  );
  const task = rows[0];
  if (!task) return { status: "not_found" };
  if (!canViewPersonalData(account, task.kode_desa)) return { status: "forbidden" };

  const existing = await client.query<{ id: number; conflict: boolean; task_id: number }>(
    "SELECT id, conflict, task_id FROM visits WHERE client_id = $1",
    [payload.clientId],
  );
  if (existing.rows[0]) return { status: "duplicate", visitId: existing.rows[0].id, conflict: existing.rows[0].conflict };

  let photoId: number | null = null;
  if (photo && photo.length) {
    const checked = await checkPhoto(photo);
    if (!checked.ok) return { status: "invalid_photo", error: checked.error, detail: checked.detail };
    photoId = await storePhoto(client, { bytes: photo, mime: checked.mime, exif: checked.exif }, { kodeDesa: task.kode_desa, uploadedBy: account.id || null });
  }

  const closed = task.status === "selesai" || task.status === "dibatalkan";
  const conflict = closed || task.version !== payload.baseVersion;
  const loc = payload.location;
  const inserted = await client.query<{ id: number }>(
    `INSERT INTO visits (client_id, task_id, base_version, visited_at, officer_id, officer, location, accuracy_m, result, notes,
                         changes, photo_id, conflict)
     VALUES ($1, $2, $3, $4, $5, $6,
             CASE WHEN $7::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint($7::float8, $8::float8), 4326) END,
             $9, $10::visit_result, $11, $12, $13, $14)
     RETURNING id`,
    [
      payload.clientId,
      task.id,
      payload.baseVersion,
      payload.visitedAt,
      account.id || null,
      account.username,
      loc?.lon ?? null,
      loc?.lat ?? null,
      loc?.accuracyM ?? null,
      payload.result,
      payload.notes ?? null,
      payload.changes.length ? JSON.stringify(payload.changes) : null,
      photoId,
      conflict,
    ],
  );
  const visitId = inserted.rows[0]!.id;
  await recordAudit(client, {
    accountId: account.id || null,
    actor: account.username,
    entity: "visit",
    entityKey: String(visitId),
    action: "create",
    kodeDesa: task.kode_desa,
    after: { task_id: task.id, result: payload.result, conflict, photo_id: photoId, client_id: payload.clientId },
  });

  if (conflict) {
    const by = await client.query<{ officer: string }>(
      "SELECT officer FROM visits WHERE task_id = $1 AND NOT conflict ORDER BY synced_at DESC, id DESC LIMIT 1",
      [task.id],
    );
    return {
      status: "conflict",
      visitId,
      reason: closed ? "completed" : "version",
      server: {
        version: task.version,
        status: task.status,
        result: task.result,
        completedBy: by.rows[0]?.officer ?? null,
        completedAt: task.completed_at,
      },
    };
  }

  const updated = await client.query<{ version: number }>(
    `UPDATE verification_tasks SET status = 'selesai', result = $2::visit_result, completed_at = now(), version = version + 1
      WHERE id = $1 RETURNING version`,
    [task.id, payload.result],
  );
  await recordAudit(client, {
    accountId: account.id || null,
    actor: account.username,
    entity: "task",
    entityKey: String(task.id),
    action: "update",
    kodeDesa: task.kode_desa,
    before: { status: task.status, version: task.version },
    after: { status: "selesai", result: payload.result, visit_id: visitId },
  });

  const application = task.application_id
    ? await moveApplication(client, account, task.application_id, task.id, visitId, payload)
    : undefined;
  return { status: "saved", visitId, taskVersion: updated.rows[0]!.version, ...(application ? { application } : {}) };
}

/** submitted → verified (valid, perlu_perubahan) or → rejected (tidak_valid), when the role may. */
async function moveApplication(
  client: pg.PoolClient,
  account: Account,
  applicationId: number,
  taskId: number,
  visitId: number,
  payload: VisitPayload,
): Promise<ApplicationOutcome> {
  const { rows } = await client.query<{ status: string; version: number }>("SELECT status, version FROM applications WHERE id = $1", [applicationId]);
  const app = rows[0];
  if (!app) return { moved: false, reason: "not_found" };
  if (app.status !== "submitted") return { moved: false, reason: `status_${app.status}` };
  const to = payload.result === "tidak_valid" ? "rejected" : "verified";
  const reason = payload.result === "tidak_valid" ? (payload.notes && payload.notes.length >= 5 ? payload.notes.slice(0, 1000) : "Hasil kunjungan lapangan: tidak valid") : undefined;
  const facts = { visitResult: payload.result, reason, visitId, taskId };
  // A desa operator's visit records the result; the kecamatan operator makes the move later.
  if (!checkTransition("submitted", to, account.role, facts).ok) return { moved: false, reason: "role" };
  const moved = await transitionApplication(client, account, applicationId, to, facts, app.version);
  return moved.ok ? { moved: true, to } : { moved: false, reason: moved.error };
}
