import { requireAccount } from "~/auth/session.server";
import { scopePrefix } from "../../../analytics/access/scope";
import { getDatabase, withTransaction } from "../../../db/connection.server";
import {
  AssignSchema,
  assignerRoles,
  assignTask,
  listTasks,
  officersByDesa,
  queueRoles,
  raisePemadananTasks,
  TaskFiltersSchema,
  taskGroups,
  taskKinds,
} from "../../../db/verval/tasks.server";

/** Roles that may raise pemadanan tasks by hand (the findings run raises them too). */
const raiserRoles = ["admin", "kabupaten", "kecamatan"] as const;

function filtersFrom(url: URL) {
  const q = url.searchParams;
  const kind = q.get("jenis");
  const wilayah = q.get("wilayah");
  const status = q.get("status");
  const parsed = TaskFiltersSchema.safeParse({
    kind: kind && (taskKinds as readonly string[]).includes(kind) ? kind : undefined,
    status: status || undefined,
    mine: q.get("saya") === "1",
    overdue: q.get("lewat") === "1",
    wilayah: wilayah || undefined,
  });
  return parsed.success ? parsed.data : TaskFiltersSchema.parse({});
}

export async function loadQueue(request: Request) {
  const account = await requireAccount(request, queueRoles);
  const url = new URL(request.url);
  const filters = filtersFrom(url);
  const { pool } = await getDatabase();
  const canAssign = assignerRoles.includes(account.role);
  const [queue, officers] = await Promise.all([listTasks(pool, account, filters), canAssign ? officersByDesa(pool, account) : Promise.resolve({})]);
  return {
    account: { id: account.id, role: account.role },
    canAssign,
    canRaise: (raiserRoles as readonly string[]).includes(account.role),
    filters: { kind: filters.kind ?? "", status: filters.status, mine: filters.mine, overdue: filters.overdue, wilayah: filters.wilayah ?? "" },
    groups: taskGroups,
    kinds: taskKinds,
    ...queue,
    officers,
  };
}

export type QueueActionResult =
  | { ok: true; message: "assigned" | "taken" | "raised"; n?: number }
  | { ok: false; error: "stale" | "notAllowed" | "badOfficer" | "closed" | "invalid"; detail?: string };

export async function queueAction(request: Request): Promise<QueueActionResult> {
  const account = await requireAccount(request, queueRoles);
  const form = await request.formData();
  const intent = form.get("intent");
  const { pool } = await getDatabase();
  if (intent === "raise") {
    if (!(raiserRoles as readonly string[]).includes(account.role)) throw new Response("Akses ditolak", { status: 403 });
    const r = await raisePemadananTasks(pool, scopePrefix(account));
    return { ok: true, message: "raised", n: r.inserted };
  }
  if (intent !== "assign" && intent !== "take") return { ok: false, error: "invalid", detail: "intent" };
  const parsed = AssignSchema.safeParse({
    taskId: form.get("taskId"),
    version: form.get("version"),
    assignee: intent === "assign" ? form.get("assignee") || undefined : undefined,
    dueDate: intent === "assign" ? (form.get("dueDate") ?? "") : "",
  });
  if (!parsed.success) {
    return { ok: false, error: "invalid", detail: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
  }
  const outcome = await withTransaction(pool, (client) => assignTask(client, account, parsed.data));
  if (outcome.ok) return { ok: true, message: intent === "take" ? "taken" : "assigned" };
  switch (outcome.error) {
    case "not_found":
      throw new Response("Tidak ditemukan", { status: 404 });
    case "not_allowed":
      throw new Response("Akses ditolak", { status: 403 });
    case "bad_officer":
      return { ok: false, error: "badOfficer" };
    default:
      return { ok: false, error: outcome.error };
  }
}
