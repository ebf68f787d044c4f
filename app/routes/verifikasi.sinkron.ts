/**
 * POST /verifikasi/sinkron — the phone's visit queue syncs here, one visit per request.
 * Body: multipart/form-data with `visit` (JSON, VisitPayloadSchema) and an optional `photo`
 * file (≤ 2 MB, JPEG/PNG/WebP by magic bytes), or application/json (the visit, no photo).
 * Answers JSON:
 *   200 { status: "saved" | "duplicate", visitId, … }  — the phone drops the visit from its queue
 *   409 { status: "conflict", reason, server }          — shown to the officer, nothing overwritten
 *   400 { status: "invalid", issues: [{ path, message }] }
 *   401 (not signed in: the phone keeps the visit) · 403 (outside scope / guest) · 404 (no task)
 *   413 { status: "invalid_photo", … } (too large) · 415 (not an image we accept)
 */
import {
  json,
  unstable_composeUploadHandlers,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  MaxPartSizeExceededError,
  type ActionFunctionArgs,
} from "@remix-run/node";
import { getAccount } from "~/auth/session.server";
import { getDatabase, withTransaction } from "../../db/connection.server";
import { MAX_PHOTO_BYTES } from "../../db/verval/photos.server";
import { recordVisit, VisitPayloadSchema, visitRoles } from "../../db/verval/visits.server";

const noStore = { "Cache-Control": "no-store" };
/** The JSON part is small; the whole request may carry one photo plus some slack. */
const MAX_JSON_BYTES = 64 * 1024;
const MAX_REQUEST_BYTES = MAX_PHOTO_BYTES + MAX_JSON_BYTES + 16 * 1024;

function reply(body: Record<string, unknown>, status: number) {
  return json(body, { status, headers: noStore });
}

export function loader() {
  return reply({ status: "method_not_allowed" }, 405);
}

async function readBody(request: Request): Promise<{ visit: unknown; photo: Uint8Array | null } | Response> {
  const length = Number(request.headers.get("Content-Length") ?? "0");
  if (length > MAX_REQUEST_BYTES) {
    return reply({ status: "invalid_photo", error: "too_large", detail: `permintaan ${length} byte melebihi batas` }, 413);
  }
  const type = request.headers.get("Content-Type") ?? "";
  if (type.startsWith("application/json")) {
    const text = await request.text();
    if (text.length > MAX_JSON_BYTES) return reply({ status: "invalid", issues: [{ path: "", message: "data kunjungan terlalu besar" }] }, 400);
    try {
      return { visit: JSON.parse(text), photo: null };
    } catch {
      return reply({ status: "invalid", issues: [{ path: "", message: "JSON tidak dapat dibaca" }] }, 400);
    }
  }
  if (!type.startsWith("multipart/form-data")) {
    return reply({ status: "invalid", issues: [{ path: "", message: "kirim multipart/form-data atau application/json" }] }, 415);
  }
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_composeUploadHandlers(unstable_createMemoryUploadHandler({ maxPartSize: MAX_PHOTO_BYTES })),
    );
  } catch (err) {
    if (err instanceof MaxPartSizeExceededError) {
      return reply({ status: "invalid_photo", error: "too_large", detail: `foto melebihi batas ${MAX_PHOTO_BYTES} byte` }, 413);
    }
    return reply({ status: "invalid", issues: [{ path: "", message: "formulir tidak dapat dibaca" }] }, 400);
  }
  const raw = form.get("visit");
  if (typeof raw !== "string") return reply({ status: "invalid", issues: [{ path: "visit", message: "bagian visit (JSON) tidak ada" }] }, 400);
  let visit: unknown;
  try {
    visit = JSON.parse(raw);
  } catch {
    return reply({ status: "invalid", issues: [{ path: "visit", message: "JSON tidak dapat dibaca" }] }, 400);
  }
  const file = form.get("photo");
  const photo = file && typeof file !== "string" && file.size > 0 ? new Uint8Array(await file.arrayBuffer()) : null;
  return { visit, photo };
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return reply({ status: "method_not_allowed" }, 405);
  const account = await getAccount(request);
  if (!account) return reply({ status: "unauthenticated" }, 401);
  if (!(visitRoles as readonly string[]).includes(account.role)) return reply({ status: "forbidden" }, 403);
  const body = await readBody(request);
  if (body instanceof Response) return body;
  const parsed = VisitPayloadSchema.safeParse(body.visit);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
    return reply({ status: "invalid", issues }, 400);
  }
  const { pool } = await getDatabase();
  let outcome;
  try {
    outcome = await withTransaction(pool, (client) => recordVisit(client, account, parsed.data, body.photo));
  } catch (err) {
    // Two sends of one new visit racing past the task lock cannot happen (the lock serialises
    // them), but a unique violation on client_id would still mean "already stored".
    if ((err as { code?: string }).code === "23505") {
      const { rows } = await pool.query<{ id: number; conflict: boolean }>("SELECT id, conflict FROM visits WHERE client_id = $1", [parsed.data.clientId]);
      if (rows[0]) return reply({ status: "duplicate", visitId: rows[0].id, conflict: rows[0].conflict }, 200);
    }
    throw err;
  }
  switch (outcome.status) {
    case "saved":
    case "duplicate":
      return reply(outcome, 200);
    case "conflict":
      return reply(outcome, 409);
    case "not_found":
      return reply(outcome, 404);
    case "forbidden":
      return reply(outcome, 403);
    case "invalid_photo":
      return reply(outcome, outcome.error === "too_large" ? 413 : outcome.error === "bad_type" ? 415 : 400);
  }
}
