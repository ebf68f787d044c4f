/**
 * The field-verification queue (Perwali Mojokerto Ps 11): tasks per desa and kecamatan, grouped
 * "terdaftar dengan perubahan" (pendaftaran_berubah), "baru" (pendaftaran_baru) — both created
 * by the registration helper (db/verval/applications.server.ts) — and "pemadanan": tasks raised
 * here from the findings table (deceased/moved recipients, invalid or duplicate NIK), from
 * Dukcapil's population table (every DTKS member dead or moved out as of today, recipient or not)
 * and from households without a location.
 *
 * Raising is one set-based INSERT … SELECT … ON CONFLICT (source_key) DO NOTHING, so running it
 * after every findings run only adds what is new. The natural key is `kind:nik:id_rt` (NIK empty
 * for tanpa_lokasi): one task per household, kind and member, however many programs or periods
 * report the same person. A finding whose NIK is in no DTKS household (a recipient not in DTKS)
 * raises no task: there is no household to visit.
 *
 * Who may do what: every operator role sees the queue of its wilayah (guests never); kecamatan
 * operators and the admin assign tasks to accounts whose scope covers the task's desa; a desa
 * operator takes an unassigned task of its desa. Every assignment is audited.
 */
import type pg from "pg";
import { z } from "zod";
import { canViewPersonalData, isInScope, scopePrefix } from "../../analytics/access/scope";
import { maskName, maskNik } from "../../analytics/access/masking";
import type { Role } from "../../analytics/access/roles";
import type { Account } from "../accounts/accounts.server";
import { recordAudit } from "../audit.server";
import { vervalTugas } from "../../app/i18n/id/verval-tugas";

type Queryable = Pick<pg.Pool, "query"> | Pick<pg.PoolClient, "query">;

export const taskKinds = [
  "pendaftaran_berubah",
  "pendaftaran_baru",
  "meninggal",
  "pindah",
  "nik_tidak_valid",
  "nik_ganda",
  "tanpa_lokasi",
] as const;
export type TaskKind = (typeof taskKinds)[number];

export const taskGroups = ["berubah", "baru", "pemadanan"] as const;
export type TaskGroup = (typeof taskGroups)[number];

export const taskStatuses = ["terbuka", "ditugaskan", "selesai", "dibatalkan"] as const;
export type TaskStatus = (typeof taskStatuses)[number];

/** Which of the three queue groups a task kind belongs to. */
export function taskGroup(kind: string): TaskGroup {
  if (kind === "pendaftaran_berubah") return "berubah";
  if (kind === "pendaftaran_baru") return "baru";
  return "pemadanan";
}

/** The same grouping in SQL (for counts). */
const groupSql = (col: string) =>
  `CASE ${col} WHEN 'pendaftaran_berubah' THEN 'berubah' WHEN 'pendaftaran_baru' THEN 'baru' ELSE 'pemadanan' END`;

/** Finding kinds (db/codes findingKinds) that raise a task, and the task kind each becomes. */
export const pemadananKinds = {
  deceased: "meninggal",
  moved: "pindah",
  invalid_nik: "nik_tidak_valid",
  duplicate_nik: "nik_ganda",
} as const satisfies Partial<Record<string, TaskKind>>;

/** Roles that see the queue (of their own wilayah). */
export const queueRoles: readonly Role[] = ["admin", "kabupaten", "kecamatan", "desa"];
/** Roles that assign tasks to officers. */
export const assignerRoles: readonly Role[] = ["admin", "kecamatan"];

/** Today in WIB: due dates are calendar days in the kabupaten's time. */
const todaySql = `(now() AT TIME ZONE 'Asia/Jakarta')::date`;
const overdueSql = (t: string) => `coalesce(${t}.due_date < ${todaySql} AND ${t}.status IN ('terbuka', 'ditugaskan'), false)`;

export interface RaiseResult {
  inserted: number;
  byKind: Record<string, number>;
}

/**
 * Raises the pemadanan tasks for everything the findings table and the households say now,
 * inside `scopePrefix` (a wilayah code prefix; '' = everywhere). Idempotent: an existing task
 * (any status) with the same source key is left as it is.
 */
export async function raisePemadananTasks(client: Queryable, prefix = ""): Promise<RaiseResult> {
  const like = `${prefix.replace(/\D/g, "")}%`;
  const { rows } = await client.query<{ kind: string; n: number }>(
    `WITH from_findings AS (
       SELECT k.kind, f.nik, m.id_rt, h.kode_desa, f.keterangan AS title, 0 AS pref, f.id AS ord
         FROM findings f
         JOIN jsonb_each_text($2::jsonb) AS k(jenis, kind) ON k.jenis = f.jenis::text
         -- The household of the NIK: the finding's own id_rt when it has one (DTKS findings),
         -- else every DTKS household listing the NIK (recipient findings carry only the NIK).
         JOIN members m ON m.nik = f.nik AND (f.id_rt IS NULL OR m.id_rt = f.id_rt)
         JOIN households h ON h.id_rt = m.id_rt
        WHERE f.nik IS NOT NULL AND h.kode_desa LIKE $1
     ),
     -- DTKS members dead or moved out per Dukcapil (as of today), whether or not they receive a
     -- program: the findings only report recipients, the household list needs them all.
     from_population AS (
       SELECT CASE p.status WHEN 'meninggal' THEN 'meninggal' ELSE 'pindah' END AS kind, m.nik, m.id_rt, h.kode_desa,
              format('%s %s menurut Dukcapil', CASE p.status WHEN 'meninggal' THEN 'Meninggal' ELSE 'Pindah' END,
                     coalesce(p.tanggal_status::text, '(tanggal tidak diketahui)')) AS title, 1 AS pref, 0 AS ord
         FROM population p
         JOIN members m ON m.nik = p.nik
         JOIN households h ON h.id_rt = m.id_rt
        WHERE p.status IN ('meninggal', 'pindah') AND (p.tanggal_status IS NULL OR p.tanggal_status <= ${todaySql})
          AND h.kode_desa LIKE $1
     ),
     src AS (
       SELECT DISTINCT ON (kind, nik, id_rt) kind, nik, id_rt, kode_desa, title
         FROM (SELECT * FROM from_findings UNION ALL SELECT * FROM from_population) x
        ORDER BY kind, nik, id_rt, pref, ord
     ),
     no_location AS (
       SELECT 'tanpa_lokasi'::text AS kind, NULL::text AS nik, h.id_rt, h.kode_desa, $3::text AS title
         FROM households h
        WHERE h.location IS NULL AND h.kode_desa LIKE $1
     ),
     inserted AS (
       INSERT INTO verification_tasks (kind, source_key, id_rt, nik, kode_desa, title)
       SELECT kind, kind || ':' || coalesce(nik, '') || ':' || id_rt, id_rt, nik, kode_desa, title
         FROM (SELECT * FROM src UNION ALL SELECT * FROM no_location) s
       ON CONFLICT (source_key) DO NOTHING
       RETURNING kind
     )
     SELECT kind, count(*)::int AS n FROM inserted GROUP BY kind`,
    [like, JSON.stringify(pemadananKinds), vervalTugas.titles.tanpa_lokasi],
  );
  const byKind = Object.fromEntries(rows.map((r) => [r.kind, r.n]));
  return { inserted: rows.reduce((a, r) => a + r.n, 0), byKind };
}

export const TaskFiltersSchema = z.object({
  kind: z.enum(taskKinds).optional(),
  group: z.enum(taskGroups).optional(),
  /** open = terbuka or ditugaskan (default); semua = every status. */
  status: z.enum([...taskStatuses, "open", "semua"]).default("open"),
  mine: z.boolean().default(false),
  overdue: z.boolean().default(false),
  /** A desa or kecamatan code inside the account's scope. */
  wilayah: z
    .string()
    .regex(/^(\d{6}|\d{10})$/)
    .optional(),
  limit: z.number().int().min(1).max(500).default(200),
});
export type TaskFilters = z.input<typeof TaskFiltersSchema>;

export interface TaskRow {
  id: number;
  kind: TaskKind;
  group: TaskGroup;
  title: string;
  status: TaskStatus;
  idRt: string | null;
  nik: string | null;
  kodeDesa: string;
  namaDesa: string | null;
  kodeKecamatan: string;
  namaKecamatan: string | null;
  /** Head of household (or the applicant), masked when the viewer may not see names. */
  kepala: string | null;
  /** The member the task is about (NIK tasks). */
  anggota: string | null;
  alamat: string | null;
  assignedTo: number | null;
  assignedName: string | null;
  dueDate: string | null;
  overdue: boolean;
  result: string | null;
  applicationId: number | null;
  version: number;
}

export interface GroupCount {
  kodeDesa: string;
  namaDesa: string | null;
  kodeKecamatan: string;
  namaKecamatan: string | null;
  group: TaskGroup;
  open: number;
  overdue: number;
  done: number;
}

function whereFor(account: Account, f: z.output<typeof TaskFiltersSchema>, params: unknown[], opts: { forCounts?: boolean } = {}) {
  const where: string[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replace("?", `$${params.length}`));
  };
  add("t.kode_desa LIKE ?", `${scopePrefix(account)}%`);
  if (f.wilayah) add("t.kode_desa LIKE ?", `${f.wilayah}%`);
  if (opts.forCounts) return where;
  if (f.kind) add("t.kind = ?", f.kind);
  if (f.group) add(`${groupSql("t.kind")} = ?`, f.group);
  if (f.status === "open") where.push("t.status IN ('terbuka', 'ditugaskan')");
  else if (f.status !== "semua") add("t.status = ?::task_status", f.status);
  if (f.mine) add("t.assigned_to = ?", account.id);
  if (f.overdue) where.push(overdueSql("t"));
  return where;
}

/** The queue of the account's wilayah with the filters, and counts per desa and group. */
export async function listTasks(
  db: Queryable,
  account: Account,
  filters: TaskFilters = {},
): Promise<{ tasks: TaskRow[]; total: number; counts: GroupCount[] }> {
  const f = TaskFiltersSchema.parse(filters);
  const params: unknown[] = [];
  const where = whereFor(account, f, params);
  params.push(f.limit);
  // The page of tasks first (indexed filters, ORDER, LIMIT), then names and places for those
  // rows only; the total is one plain count over the same filters.
  const listSql = `
    WITH page AS (
      SELECT t.* FROM verification_tasks t
       WHERE ${where.join(" AND ")}
       ORDER BY ${overdueSql("t")} DESC, t.due_date NULLS LAST, t.created_at, t.id
       LIMIT $${params.length}
    )
    SELECT t.id, t.kind, t.title, t.status, t.id_rt AS "idRt", t.nik, t.kode_desa AS "kodeDesa", d.name AS "namaDesa",
           t.kode_kecamatan AS "kodeKecamatan", k.name AS "namaKecamatan",
           coalesce(a.nama_kepala, head.nama) AS kepala, mem.nama AS anggota, coalesce(a.alamat, h.alamat) AS alamat,
           t.assigned_to AS "assignedTo", acc.display_name AS "assignedName",
           to_char(t.due_date, 'YYYY-MM-DD') AS "dueDate", ${overdueSql("t")} AS overdue, t.result,
           t.application_id AS "applicationId", t.version
      FROM page t
      LEFT JOIN regions d ON d.code = t.kode_desa
      LEFT JOIN regions k ON k.code = t.kode_kecamatan
      LEFT JOIN households h ON h.id_rt = t.id_rt
      LEFT JOIN applications a ON a.id = t.application_id
      LEFT JOIN accounts acc ON acc.id = t.assigned_to
      LEFT JOIN LATERAL (SELECT nama FROM members WHERE id_rt = t.id_rt
                          ORDER BY (hubungan_krt = 'kepala') DESC NULLS LAST, nik LIMIT 1) head ON true
      LEFT JOIN LATERAL (SELECT nama FROM members WHERE t.nik IS NOT NULL AND nik = t.nik AND id_rt = t.id_rt LIMIT 1) mem ON true
     ORDER BY ${overdueSql("t")} DESC, t.due_date NULLS LAST, t.created_at, t.id`;
  const totalSql = `SELECT count(*)::int AS total FROM verification_tasks t WHERE ${where.join(" AND ")}`;
  const countParams: unknown[] = [];
  const countWhere = whereFor(account, f, countParams, { forCounts: true });
  const countSql = `
    SELECT t.kode_desa AS "kodeDesa", d.name AS "namaDesa", t.kode_kecamatan AS "kodeKecamatan", k.name AS "namaKecamatan",
           ${groupSql("t.kind")} AS "group",
           count(*) FILTER (WHERE t.status IN ('terbuka', 'ditugaskan'))::int AS open,
           count(*) FILTER (WHERE ${overdueSql("t")})::int AS overdue,
           count(*) FILTER (WHERE t.status = 'selesai')::int AS done
      FROM verification_tasks t
      LEFT JOIN regions d ON d.code = t.kode_desa
      LEFT JOIN regions k ON k.code = t.kode_kecamatan
     WHERE ${countWhere.join(" AND ")}
     GROUP BY 1, 2, 3, 4, 5
     ORDER BY 4 NULLS LAST, 2 NULLS LAST, 5`;
  const [list, total, counts] = await Promise.all([
    db.query<TaskRow>(listSql, params),
    db.query<{ total: number }>(totalSql, params.slice(0, -1)),
    db.query<GroupCount>(countSql, countParams),
  ]);
  const tasks = list.rows.map((row) => {
    const personal = canViewPersonalData(account, row.kodeDesa);
    return {
      ...row,
      group: taskGroup(row.kind),
      kepala: row.kepala && !personal ? maskName(row.kepala) : row.kepala,
      anggota: row.anggota && !personal ? maskName(row.anggota) : row.anggota,
      nik: row.nik && !personal ? maskNik(row.nik) : row.nik,
      alamat: personal ? row.alamat : null,
    };
  });
  return { tasks, total: total.rows[0]!.total, counts: counts.rows };
}

/** Accounts a task in `kodeDesa` may be assigned to: active, not guests, scope covering the desa. */
export async function assignableOfficers(
  db: Queryable,
  kodeDesa: string,
): Promise<Array<{ id: number; username: string; displayName: string; role: Role }>> {
  const { rows } = await db.query(
    `SELECT id, username, display_name AS "displayName", role FROM accounts
      WHERE active AND role IN ('desa', 'kecamatan', 'admin') AND $1 LIKE scope_code || '%'
      ORDER BY CASE role WHEN 'desa' THEN 0 WHEN 'kecamatan' THEN 1 ELSE 2 END, display_name`,
    [kodeDesa],
  );
  return rows;
}

/** Officers for every desa in the account's scope (one query, for the queue's assign menus). */
export async function officersByDesa(db: Queryable, account: Account): Promise<Record<string, Array<{ id: number; displayName: string }>>> {
  const { rows } = await db.query<{ kode_desa: string; id: number; displayName: string }>(
    `SELECT DISTINCT d.kode_desa, a.id, a.display_name AS "displayName", a.role
       FROM (SELECT DISTINCT kode_desa FROM verification_tasks WHERE kode_desa LIKE $1 AND status IN ('terbuka', 'ditugaskan')) d
       JOIN accounts a ON a.active AND a.role IN ('desa', 'kecamatan', 'admin') AND d.kode_desa LIKE a.scope_code || '%'
      ORDER BY d.kode_desa, a.role, a.display_name`,
    [`${scopePrefix(account)}%`],
  );
  const out: Record<string, Array<{ id: number; displayName: string }>> = {};
  for (const r of rows) (out[r.kode_desa] ??= []).push({ id: r.id, displayName: r.displayName });
  return out;
}

export const AssignSchema = z.object({
  taskId: z.coerce.number().int().positive(),
  version: z.coerce.number().int().positive(),
  /** Omitted = take the task oneself (desa operators). */
  assignee: z.coerce.number().int().positive().optional(),
  dueDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "tanggal YYYY-MM-DD")
    .optional()
    .or(z.literal("").transform(() => undefined)),
});
export type AssignInput = z.input<typeof AssignSchema>;

export type AssignOutcome =
  | { ok: true; taskId: number; assignedTo: number; version: number }
  | { ok: false; error: "not_found" | "not_allowed" | "stale" | "closed" | "bad_officer" };

/**
 * Assigns a task (kecamatan operators and the admin: to any officer whose scope covers the desa,
 * with a due date) or takes it (a desa operator: an unassigned task of its own desa, for itself).
 * Optimistic lock on the task version; audited in the same transaction.
 */
export async function assignTask(client: pg.PoolClient, account: Account, input: AssignInput): Promise<AssignOutcome> {
  const a = AssignSchema.parse(input);
  const { rows } = await client.query<{ id: number; kode_desa: string; status: TaskStatus; assigned_to: number | null; due_date: string | null; version: number }>(
    `SELECT id, kode_desa, status, assigned_to, to_char(due_date, 'YYYY-MM-DD') AS due_date, version
       FROM verification_tasks WHERE id = $1 FOR UPDATE`,
    [a.taskId],
  );
  const task = rows[0];
  if (!task) return { ok: false, error: "not_found" };
  if (!isInScope(account, task.kode_desa) || account.role === "guest") return { ok: false, error: "not_allowed" };
  const assigner = assignerRoles.includes(account.role);
  const taking = a.assignee === undefined || a.assignee === account.id;
  if (!assigner && !(account.role === "desa" && taking && task.assigned_to === null)) return { ok: false, error: "not_allowed" };
  if (task.status === "selesai" || task.status === "dibatalkan") return { ok: false, error: "closed" };
  if (task.version !== a.version) return { ok: false, error: "stale" };
  const assignee = a.assignee ?? account.id;
  const officers = await assignableOfficers(client, task.kode_desa);
  if (!officers.some((o) => o.id === assignee)) return { ok: false, error: "bad_officer" };
  const dueDate = assigner ? (a.dueDate ?? task.due_date) : task.due_date;
  const updated = await client.query<{ version: number }>(
    `UPDATE verification_tasks SET assigned_to = $2, assigned_at = now(), due_date = $3::date, status = 'ditugaskan',
            version = version + 1
      WHERE id = $1 RETURNING version`,
    [task.id, assignee, dueDate],
  );
  await recordAudit(client, {
    accountId: account.id,
    actor: account.username,
    entity: "task",
    entityKey: String(task.id),
    action: "update",
    kodeDesa: task.kode_desa,
    before: { assigned_to: task.assigned_to, due_date: task.due_date, status: task.status },
    after: { assigned_to: assignee, due_date: dueDate, status: "ditugaskan" },
    reason: a.assignee === undefined ? "ambil tugas" : "tugaskan",
  });
  return { ok: true, taskId: task.id, assignedTo: assignee, version: updated.rows[0]!.version };
}

export interface TaskDetail {
  task: TaskRow & { completedAt: string | null; createdAt: string };
  household: {
    idRt: string;
    alamat: string | null;
    rt: string | null;
    rw: string | null;
    desil: number | null;
    lon: number | null;
    lat: number | null;
    members: Array<{ nik: string; nama: string; hubungan: string | null; statusDukcapil: string | null }>;
  } | null;
  application: { id: number; status: string; match: string; namaKepala: string; nikKepala: string; changes: unknown } | null;
  visits: Array<{
    id: number;
    visitedAt: string;
    officer: string;
    result: string;
    notes: string | null;
    changes: unknown;
    photoId: number | null;
    exifLat: number | null;
    exifLon: number | null;
    lat: number | null;
    lon: number | null;
    accuracyM: number | null;
    conflict: boolean;
  }>;
}

/**
 * One task with its household (or application) and its recorded visits, for the visit form.
 * Null when the task does not exist or lies outside the account's personal-data scope (the
 * caller answers 404/403).
 */
export async function taskDetail(db: Queryable, account: Account, id: number): Promise<TaskDetail | "forbidden" | null> {
  const { tasks } = await listTasksById(db, account, id);
  const task = tasks[0];
  if (!task) {
    const exists = await db.query("SELECT 1 FROM verification_tasks WHERE id = $1", [id]);
    return exists.rowCount ? "forbidden" : null;
  }
  if (!canViewPersonalData(account, task.kodeDesa)) return "forbidden";
  const [household, members, application, visits] = await Promise.all([
    task.idRt
      ? db.query(
          `SELECT id_rt AS "idRt", alamat, rt, rw, desil, ST_X(location) AS lon, ST_Y(location) AS lat FROM households WHERE id_rt = $1`,
          [task.idRt],
        )
      : Promise.resolve({ rows: [] }),
    task.idRt
      ? db.query(
          `SELECT m.nik, m.nama, m.hubungan_krt AS hubungan, p.status AS "statusDukcapil"
             FROM members m LEFT JOIN population p ON p.nik = m.nik
            WHERE m.id_rt = $1 ORDER BY (m.hubungan_krt = 'kepala') DESC NULLS LAST, m.tanggal_lahir NULLS LAST LIMIT 30`,
          [task.idRt],
        )
      : Promise.resolve({ rows: [] }),
    task.applicationId
      ? db.query(
          `SELECT id, status, match, nama_kepala AS "namaKepala", nik_kepala AS "nikKepala", changes FROM applications WHERE id = $1`,
          [task.applicationId],
        )
      : Promise.resolve({ rows: [] }),
    db.query(
      `SELECT v.id, to_char(v.visited_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "visitedAt", v.officer, v.result,
              v.notes, v.changes, v.photo_id AS "photoId", p.exif_lat AS "exifLat", p.exif_lon AS "exifLon",
              ST_Y(v.location) AS lat, ST_X(v.location) AS lon, v.accuracy_m AS "accuracyM", v.conflict
         FROM visits v LEFT JOIN photos p ON p.id = v.photo_id
        WHERE v.task_id = $1 ORDER BY v.visited_at DESC, v.id DESC`,
      [id],
    ),
  ]);
  const h = household.rows[0] as Omit<NonNullable<TaskDetail["household"]>, "members"> | undefined;
  return {
    task,
    household: h ? { ...h, members: members.rows as NonNullable<TaskDetail["household"]>["members"] } : null,
    application: (application.rows[0] as TaskDetail["application"]) ?? null,
    visits: visits.rows as TaskDetail["visits"],
  };
}

async function listTasksById(db: Queryable, account: Account, id: number) {
  const { rows } = await db.query<TaskDetail["task"]>(
    `SELECT t.id, t.kind, t.title, t.status, t.id_rt AS "idRt", t.nik, t.kode_desa AS "kodeDesa", d.name AS "namaDesa",
            t.kode_kecamatan AS "kodeKecamatan", k.name AS "namaKecamatan",
            coalesce(a.nama_kepala, head.nama) AS kepala, mem.nama AS anggota, coalesce(a.alamat, h.alamat) AS alamat,
            t.assigned_to AS "assignedTo", acc.display_name AS "assignedName",
            to_char(t.due_date, 'YYYY-MM-DD') AS "dueDate", ${overdueSql("t")} AS overdue, t.result,
            t.application_id AS "applicationId", t.version,
            to_char(t.completed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "completedAt",
            to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt"
       FROM verification_tasks t
       LEFT JOIN regions d ON d.code = t.kode_desa
       LEFT JOIN regions k ON k.code = t.kode_kecamatan
       LEFT JOIN households h ON h.id_rt = t.id_rt
       LEFT JOIN applications a ON a.id = t.application_id
       LEFT JOIN accounts acc ON acc.id = t.assigned_to
       LEFT JOIN LATERAL (SELECT nama FROM members WHERE id_rt = t.id_rt
                           ORDER BY (hubungan_krt = 'kepala') DESC NULLS LAST, nik LIMIT 1) head ON true
       LEFT JOIN LATERAL (SELECT nama FROM members WHERE t.nik IS NOT NULL AND nik = t.nik AND id_rt = t.id_rt LIMIT 1) mem ON true
      WHERE t.id = $1 AND t.kode_desa LIKE $2`,
    [id, `${scopePrefix(account)}%`],
  );
  return { tasks: rows.map((r) => ({ ...r, group: taskGroup(r.kind) })) };
}
