/** Loader and actions of /verifikasi/permohonan/:id — scope checks first, then db/verval/applications. */
import { applicationStatuses, transitions, type ApplicationStatus } from "../../../analytics/verval/workflow";
import { getDatabase } from "../../../db/connection.server";
import {
  availableMoves,
  getApplication,
  overrideAssessment,
  registrarRoles,
  transitionApplication,
  viewerRoles,
  type Issue,
  type TransitionError,
} from "../../../db/verval/applications.server";
import { isInScope } from "../../../analytics/access/scope";
import { requireAccount } from "~/auth/session.server";

function applicationId(raw: string | undefined): number {
  const id = Number(raw);
  if (!Number.isInteger(id) || id <= 0) throw new Response("Permohonan tidak ditemukan", { status: 404 });
  return id;
}

export async function loadApplication(request: Request, rawId: string | undefined) {
  const account = await requireAccount(request, viewerRoles);
  const id = applicationId(rawId);
  const { pool } = await getDatabase();
  const result = await getApplication(pool, account, id);
  if (!result.ok) throw new Response(result.error === "forbidden" ? "Akses ditolak" : "Permohonan tidak ditemukan", { status: result.error === "forbidden" ? 403 : 404 });
  const a = result.application;
  const moves = availableMoves(account, a).map((to) => ({
    to,
    requires: [...(transitions.find((r) => r.from === a.status && r.to === to)?.requires ?? [])],
  }));
  const canOverride =
    (registrarRoles as readonly string[]).includes(account.role) && isInScope(account, a.kode_desa) && a.match === "baru" && a.status === "draft";
  // Whether a submit is blocked by the identification (so the page can say why instead of a button).
  const blockedSubmit = a.status === "draft" && !a.passes && (registrarRoles as readonly string[]).includes(account.role);
  // "Ubah data": drafts only, registrar roles inside the application's wilayah (updateApplication checks again).
  const canEdit = (registrarRoles as readonly string[]).includes(account.role) && isInScope(account, a.kode_desa) && a.status === "draft";
  return { application: a, moves, canOverride, blockedSubmit, canEdit };
}

export type ApplicationActionResult =
  | { intent: "move"; ok: true; status: ApplicationStatus }
  | { intent: "move"; ok: false; error: TransitionError; missing?: string[]; issues?: Issue[] }
  | { intent: "override"; ok: true }
  | { intent: "override"; ok: false; error: string; issues?: Issue[] };

export const httpStatusOf = (error: string): number =>
  error === "forbidden" ? 403 : error === "stale" ? 409 : error === "not_found" ? 404 : error === "no_such_transition" || error === "not_allowed" ? 409 : 400;

export async function applicationAction(request: Request, rawId: string | undefined): Promise<ApplicationActionResult> {
  const account = await requireAccount(request, viewerRoles);
  const id = applicationId(rawId);
  const form = Object.fromEntries(await request.formData());
  const { intent, version, to, ...rest } = form as Record<string, string | undefined>;
  const { pool } = await getDatabase();
  if (intent === "override") {
    const result = await overrideAssessment(pool, account, id, { eligible: rest.eligible, reason: rest.reason }, Number(version));
    return result.ok ? { intent: "override", ok: true } : { intent: "override", ok: false, error: result.error, ...(result.issues ? { issues: result.issues } : {}) };
  }
  if (!to || !(applicationStatuses as readonly string[]).includes(to)) return { intent: "move", ok: false, error: "no_such_transition" };
  const facts = {
    visitResult: rest.visitResult,
    meetingDate: rest.meetingDate,
    minutesRef: rest.minutesRef,
    decreeNumber: rest.decreeNumber,
    reason: rest.reason,
  };
  const result = await transitionApplication(pool, account, id, to as ApplicationStatus, facts, Number(version));
  if (result.ok) return { intent: "move", ok: true, status: result.status };
  return {
    intent: "move",
    ok: false,
    error: result.error,
    ...(result.missing ? { missing: result.missing } : {}),
    ...(result.issues ? { issues: result.issues } : {}),
  };
}
