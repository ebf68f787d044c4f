/**
 * Registrations (pendaftaran) and their way through verval (Perwali Mojokerto Ps 6–13). The module
 * API other verval code calls; see db/verval/README.md. Every write checks the account's role and
 * wilayah scope, runs in one transaction, bumps `applications.version` (optimistic lock) and
 * writes an `application_events` row and an `audit_log` entry beside the change.
 *
 * `client` is a pg.Pool (this module opens and commits its own transaction) or a pg.PoolClient
 * already inside the caller's transaction (the visit helper records a visit and moves the
 * application in one transaction); nothing is written before every check has passed.
 */
import pg from "pg";
import type { AccountScope, Role } from "../../analytics/access/roles";
import { maskName, maskNik } from "../../analytics/access/masking";
import { canViewPersonalData, isInScope, scopePrefix } from "../../analytics/access/scope";
import { diffCharacteristics, type FieldChange } from "../../analytics/verval/changes";
import { assessApplicant, type AssessmentResult } from "../../analytics/verval/initial-assessment";
import { applicationStatuses, checkTransition, nextStatuses, type ApplicationStatus } from "../../analytics/verval/workflow";
import type { Account } from "../accounts/accounts.server";
import { recordAudit } from "../audit.server";
import { withTransaction } from "../connection.server";
import {
  characteristicFields,
  memberCharacteristicFields,
  OverrideSchema,
  RegistrationSchema,
  TransitionFactsSchema,
  type MemberInput,
  type RegistrationInput,
  type TransitionFacts,
} from "./registration-schema";

export type Client = pg.Pool | pg.PoolClient;

/** Who may register and move applications (each inside its wilayah); kabupaten views and decrees. */
export const registrarRoles = ["admin", "kecamatan", "desa"] as const satisfies readonly Role[];
export const viewerRoles = ["admin", "kabupaten", "kecamatan", "desa"] as const satisfies readonly Role[];

/** Statuses in which an application is still under way (a second registration of the same NIK is refused). */
export const openStatuses: readonly ApplicationStatus[] = ["draft", "submitted", "verified", "approved", "proposed"];

export interface Issue {
  path: string;
  message: string;
}

export type Match = "baru" | "terdaftar";

/** What identification decided for a saved application (create and update answer with it). */
export interface Identified {
  ok: true;
  id: number;
  version: number;
  match: Match;
  idRt: string | null;
  changes: FieldChange[] | null;
  assessment: AssessmentResult | null;
  /** True when the application may be submitted (Ps 9 ayat 5–8). */
  passes: boolean;
}

export type CreateResult =
  | Identified
  | { ok: false; error: "invalid"; issues: Issue[] }
  | { ok: false; error: "forbidden" }
  | { ok: false; error: "duplicate"; existingId: number };

export type TransitionError = "not_found" | "forbidden" | "stale" | "invalid" | "no_such_transition" | "missing" | "not_passing";
export type TransitionResult =
  | { ok: true; id: number; status: ApplicationStatus; version: number; taskId: number | null }
  | { ok: false; error: TransitionError; missing?: string[]; issues?: Issue[]; currentVersion?: number };

export type OverrideResult =
  | { ok: true; version: number }
  | { ok: false; error: "not_found" | "forbidden" | "stale" | "invalid" | "not_allowed"; issues?: Issue[]; currentVersion?: number };

async function inTransaction<T>(client: Client, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  if (client instanceof pg.Pool) return withTransaction(client, fn);
  return fn(client);
}

function zodIssues(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): Issue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
}

const actorOf = (account: Account) => ({ accountId: account.id || null, actor: account.username });

// ---------------------------------------------------------------------------------------------
// Initial identification (Ps 9)
// ---------------------------------------------------------------------------------------------

export interface Identification {
  match: Match;
  idRt: string | null;
  /** "nik" when a member's NIK matched, "no_kk" when only a family card number did. */
  matchedBy: "nik" | "no_kk" | null;
  /** Other DTKS households that also share a NIK or No. KK (shown to the officer). */
  otherCandidates: string[];
  changes: FieldChange[] | null;
  assessment: AssessmentResult | null;
}

/**
 * Matches the applicant against DTKS by the NIK of any member or any No. KK, preferring the
 * household with most NIK hits. Listed → field-by-field differences of the household
 * characteristics and of each member; new → the initial assessment.
 */
export async function identifyApplicant(client: Client, input: RegistrationInput): Promise<Identification> {
  const niks = input.members.map((m) => m.nik);
  const kks = [...new Set(input.members.map((m) => m.no_kk))];
  const { rows: candidates } = await client.query<{ id_rt: string; nik_hits: number; kk_hits: number }>(
    `SELECT id_rt, count(*) FILTER (WHERE nik = ANY($1::text[]))::int AS nik_hits, count(*) FILTER (WHERE no_kk = ANY($2::text[]))::int AS kk_hits
       FROM members WHERE nik = ANY($1::text[]) OR no_kk = ANY($2::text[])
      GROUP BY id_rt ORDER BY nik_hits DESC, kk_hits DESC, id_rt LIMIT 10`,
    [niks, kks],
  );
  const best = candidates[0];
  if (!best) {
    return { match: "baru", idRt: null, matchedBy: null, otherCandidates: [], changes: null, assessment: assessApplicant(input.household) };
  }
  const cols = characteristicFields.map((c) => `"${c}"`).join(", ");
  const { rows: hh } = await client.query<Record<string, unknown>>(`SELECT ${cols} FROM households WHERE id_rt = $1`, [best.id_rt]);
  const memberCols = memberCharacteristicFields.map((c) => `"${c}"`).join(", ");
  const { rows: registeredMembers } = await client.query<Record<string, unknown> & { nik: string; nama: string }>(
    `SELECT nik, nama, ${memberCols} FROM members WHERE id_rt = $1 ORDER BY nik`,
    [best.id_rt],
  );
  const changes = [
    ...diffCharacteristics(hh[0] ?? {}, input.household, characteristicFields),
    ...memberChanges(registeredMembers, input.members),
  ];
  return {
    match: "terdaftar",
    idRt: best.id_rt,
    matchedBy: best.nik_hits > 0 ? "nik" : "no_kk",
    otherCandidates: candidates.slice(1).map((c) => c.id_rt),
    changes,
    assessment: null,
  };
}

/** Members joined, left, or changed a characteristic: `anggota.<nik>` and `anggota.<nik>.<field>`. */
function memberChanges(registered: (Record<string, unknown> & { nik: string; nama: string })[], applied: MemberInput[]): FieldChange[] {
  const byNik = new Map(registered.map((m) => [m.nik, m]));
  const out: FieldChange[] = [];
  for (const m of applied) {
    const before = byNik.get(m.nik);
    if (!before) {
      out.push({ field: `anggota.${m.nik}`, before: null, after: m.nama });
      continue;
    }
    for (const c of diffCharacteristics(before, m, memberCharacteristicFields)) out.push({ ...c, field: `anggota.${m.nik}.${c.field}` });
  }
  const appliedNiks = new Set(applied.map((m) => m.nik));
  for (const m of registered) if (!appliedNiks.has(m.nik)) out.push({ field: `anggota.${m.nik}`, before: m.nama, after: null });
  return out;
}

/** Whether an application may go on to verification (Ps 9 ayat 5–8), override included. */
export function applicationPasses(a: {
  match: Match;
  changes: unknown;
  assessment: unknown;
  override_eligible: boolean | null;
}): boolean {
  if (a.match === "terdaftar") return Array.isArray(a.changes) && a.changes.length > 0;
  if (a.override_eligible !== null) return a.override_eligible;
  return Boolean((a.assessment as AssessmentResult | null)?.eligible);
}

// ---------------------------------------------------------------------------------------------
// createApplication
// ---------------------------------------------------------------------------------------------

/**
 * Registers a household (draft) after validating `input` with the shared RegistrationSchema,
 * checking the account may register in that desa, refusing a second open application of the same
 * head, and running the initial identification. Submitting is a separate step
 * (`transitionApplication(…, "submitted", …)`), taken after the officer has seen the result.
 */
export async function createApplication(client: Client, account: Account, input: unknown): Promise<CreateResult> {
  const parsed = RegistrationSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "invalid", issues: zodIssues(parsed.error) };
  const r = parsed.data;
  if (!(registrarRoles as readonly Role[]).includes(account.role) || !isInScope(account, r.kode_desa)) return { ok: false, error: "forbidden" };
  const head = r.members.find((m) => m.hubungan_krt === "kepala")!;

  return inTransaction(client, async (c) => {
    const desa = await c.query("SELECT 1 FROM regions WHERE code = $1 AND level = 'desa'", [r.kode_desa]);
    if (desa.rowCount === 0) return { ok: false, error: "invalid", issues: [{ path: "kode_desa", message: "desa tidak dikenal" }] } as const;
    // Two officers (or a double tap) registering the same head at once: one waits for the other.
    await c.query("SELECT pg_advisory_xact_lock(hashtext('pendaftaran:' || $1))", [head.nik]);
    // A draft that did not pass identification is closed (Ps 9 ayat 6/8): it does not block a new registration.
    const dup = await c.query<{ id: number }>(
      `SELECT id FROM applications
        WHERE status = ANY($2::application_status[]) AND nik_kepala = ANY($1::text[])
          AND NOT (status = 'draft' AND NOT CASE WHEN match = 'terdaftar' THEN coalesce(jsonb_array_length(changes), 0) > 0
                                                  ELSE coalesce(override_eligible, (assessment->>'eligible')::boolean, false) END)
        ORDER BY id LIMIT 1`,
      [r.members.map((m) => m.nik), openStatuses],
    );
    if (dup.rows[0]) return { ok: false, error: "duplicate", existingId: dup.rows[0].id } as const;

    const ident = await identifyApplicant(c, r);
    const { lintang, bujur, ...household } = r.household;
    const hasPoint = lintang !== null && bujur !== null;
    const { rows } = await c.query<{ id: number; version: number }>(
      `INSERT INTO applications (channel, kode_desa, id_rt, match, nik_kepala, no_kk, nama_kepala, alamat, household, members,
                                 sktm_ref, rt_report, registered_by, registering_officer, assessment, changes, location)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,
               CASE WHEN $17::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint($17::float8, $18::float8), 4326) END)
       RETURNING id, version`,
      [
        r.channel,
        r.kode_desa,
        ident.idRt,
        ident.match,
        head.nik,
        head.no_kk,
        head.nama,
        household.alamat,
        JSON.stringify({ ...household, lintang, bujur }),
        JSON.stringify(r.members),
        r.sktm_ref,
        r.channel === "pasif" ? r.rt_report : null,
        account.id || null,
        r.registering_officer,
        ident.assessment === null ? null : JSON.stringify(ident.assessment),
        ident.changes === null ? null : JSON.stringify(ident.changes),
        hasPoint ? bujur : null,
        hasPoint ? lintang : null,
      ],
    );
    const { id, version } = rows[0]!;
    const facts = {
      match: ident.match,
      idRt: ident.idRt,
      matchedBy: ident.matchedBy,
      otherCandidates: ident.otherCandidates,
      ...(ident.changes ? { changes: ident.changes } : {}),
      ...(ident.assessment ? { metCount: ident.assessment.metCount, eligible: ident.assessment.eligible } : {}),
    };
    await c.query(
      `INSERT INTO application_events (application_id, from_status, to_status, account_id, actor, facts) VALUES ($1, NULL, 'draft', $2, $3, $4)`,
      [id, account.id || null, account.username, JSON.stringify(facts)],
    );
    await recordAudit(c, {
      ...actorOf(account),
      entity: "application",
      entityKey: String(id),
      action: "create",
      kodeDesa: r.kode_desa,
      after: { channel: r.channel, status: "draft", ...facts },
    });
    const passes = applicationPasses({ match: ident.match, changes: ident.changes, assessment: ident.assessment, override_eligible: null });
    return { ok: true, id, version, match: ident.match, idRt: ident.idRt, changes: ident.changes, assessment: ident.assessment, passes } as const;
  });
}

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

export interface ApplicationEvent {
  id: number;
  from_status: ApplicationStatus | null;
  to_status: ApplicationStatus;
  at: string;
  actor: string;
  facts: Record<string, unknown> | null;
  reason: string | null;
}

export interface ApplicationDetail {
  id: number;
  channel: "aktif" | "pasif";
  kode_desa: string;
  nama_desa: string | null;
  nama_kecamatan: string | null;
  id_rt: string | null;
  match: Match;
  nik_kepala: string;
  no_kk: string;
  nama_kepala: string;
  alamat: string | null;
  household: Record<string, unknown>;
  members: MemberInput[];
  sktm_ref: string | null;
  rt_report: string | null;
  registering_officer: string;
  registered_at: string;
  assessment: AssessmentResult | null;
  changes: FieldChange[] | null;
  override_eligible: boolean | null;
  override_reason: string | null;
  override_by: string | null;
  status: ApplicationStatus;
  status_changed_at: string;
  meeting_date: string | null;
  minutes_ref: string | null;
  decree_number: string | null;
  version: number;
  lon: number | null;
  lat: number | null;
  /** DTKS desil of the matched household. */
  desil: number | null;
  passes: boolean;
  events: ApplicationEvent[];
  tasks: { id: number; kind: string; status: string; result: string | null }[];
}

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v));

/**
 * One application with its events and tasks, or an error. Personal data: only accounts with
 * personal-data rights whose scope holds the application's desa.
 */
export async function getApplication(
  client: Client,
  account: AccountScope,
  id: number,
): Promise<{ ok: true; application: ApplicationDetail } | { ok: false; error: "not_found" | "forbidden" }> {
  const { rows } = await client.query(
    `SELECT a.id, a.channel, a.kode_desa, d.name AS nama_desa, k.name AS nama_kecamatan, a.id_rt, a.match, a.nik_kepala, a.no_kk,
            a.nama_kepala, a.alamat, a.household, a.members, a.sktm_ref, a.rt_report, a.registering_officer, a.registered_at,
            a.assessment, a.changes, a.override_eligible, a.override_reason, a.override_by, a.status, a.status_changed_at,
            a.meeting_date, a.minutes_ref, a.decree_number, a.version, ST_X(a.location) AS lon, ST_Y(a.location) AS lat, h.desil
       FROM applications a
       LEFT JOIN regions d ON d.code = a.kode_desa
       LEFT JOIN regions k ON k.code = a.kode_kecamatan
       LEFT JOIN households h ON h.id_rt = a.id_rt
      WHERE a.id = $1`,
    [id],
  );
  const a = rows[0] as Omit<ApplicationDetail, "events" | "tasks" | "passes"> | undefined;
  if (!a) return { ok: false, error: "not_found" };
  if (!canViewPersonalData(account, a.kode_desa)) return { ok: false, error: "forbidden" };
  const { rows: events } = await client.query<ApplicationEvent>(
    `SELECT id, from_status, to_status, at, actor, facts, reason FROM application_events WHERE application_id = $1 ORDER BY at, id`,
    [id],
  );
  const { rows: tasks } = await client.query<{ id: number; kind: string; status: string; result: string | null }>(
    `SELECT id, kind, status, result FROM verification_tasks WHERE application_id = $1 ORDER BY id`,
    [id],
  );
  return {
    ok: true,
    application: {
      ...a,
      registered_at: iso(a.registered_at),
      status_changed_at: iso(a.status_changed_at),
      passes: applicationPasses(a),
      events: events.map((e) => ({ ...e, at: iso(e.at) })),
      tasks,
    },
  };
}

/** The moves this account may offer on this application (buttons), passing rule included. */
export function availableMoves(account: AccountScope, a: Pick<ApplicationDetail, "status" | "passes" | "kode_desa">): ApplicationStatus[] {
  if (!isInScope(account, a.kode_desa)) return [];
  return nextStatuses(a.status, account.role).filter((to) => !(a.status === "draft" && to === "submitted" && !a.passes));
}

export interface ListFilters {
  status?: ApplicationStatus | null;
  kodeDesa?: string | null;
  match?: Match | null;
  page?: number;
  pageSize?: number;
}

export interface ApplicationListRow {
  id: number;
  status: ApplicationStatus;
  match: Match;
  channel: "aktif" | "pasif";
  kode_desa: string;
  nama_desa: string | null;
  nama_kepala: string;
  nik_kepala: string;
  registered_at: string;
  status_changed_at: string;
  passes: boolean;
  change_count: number | null;
  met_count: number | null;
  masked: boolean;
}

/**
 * Applications inside the account's wilayah, newest first, with counts by status for the same
 * filters (without the status filter). Names and NIK are masked where the account may not see
 * personal data of that desa.
 */
export async function listApplications(
  client: Client,
  scope: AccountScope,
  filters: ListFilters = {},
): Promise<{ rows: ApplicationListRow[]; total: number; byStatus: Record<ApplicationStatus, number>; page: number; pageSize: number }> {
  const pageSize = Math.min(Math.max(filters.pageSize ?? 50, 1), 200);
  const page = Math.max(filters.page ?? 1, 1);
  const params: unknown[] = [scopePrefix(scope) + "%"];
  const where = ["a.kode_desa LIKE $1"];
  if (filters.kodeDesa) {
    params.push(filters.kodeDesa);
    where.push(`a.kode_desa = $${params.length}`);
  }
  if (filters.match) {
    params.push(filters.match);
    where.push(`a.match = $${params.length}::application_match`);
  }
  const base = where.join(" AND ");
  const { rows: counts } = await client.query<{ status: ApplicationStatus; n: number }>(
    `SELECT a.status, count(*)::int AS n FROM applications a WHERE ${base} GROUP BY a.status`,
    params,
  );
  const byStatus = Object.fromEntries(applicationStatuses.map((s) => [s, 0])) as Record<ApplicationStatus, number>;
  for (const c of counts) byStatus[c.status] = c.n;
  const listParams = [...params];
  let listWhere = base;
  if (filters.status) {
    listParams.push(filters.status);
    listWhere += ` AND a.status = $${listParams.length}::application_status`;
  }
  listParams.push(pageSize, (page - 1) * pageSize);
  const { rows } = await client.query(
    `SELECT a.id, a.status, a.match, a.channel, a.kode_desa, d.name AS nama_desa, a.nama_kepala, a.nik_kepala, a.registered_at,
            a.status_changed_at, a.override_eligible, a.assessment, a.changes,
            jsonb_array_length(a.changes) AS change_count, (a.assessment->>'metCount')::int AS met_count, count(*) OVER ()::int AS total
       FROM applications a LEFT JOIN regions d ON d.code = a.kode_desa
      WHERE ${listWhere}
      ORDER BY a.registered_at DESC, a.id DESC
      LIMIT $${listParams.length - 1} OFFSET $${listParams.length}`,
    listParams,
  );
  const total = (rows[0]?.total as number | undefined) ?? (filters.status ? 0 : Object.values(byStatus).reduce((s, n) => s + n, 0));
  return {
    rows: rows.map((r) => {
      const visible = canViewPersonalData(scope, r.kode_desa as string);
      return {
        id: r.id,
        status: r.status,
        match: r.match,
        channel: r.channel,
        kode_desa: r.kode_desa,
        nama_desa: r.nama_desa,
        nama_kepala: visible ? r.nama_kepala : maskName(r.nama_kepala as string),
        nik_kepala: visible ? r.nik_kepala : maskNik(r.nik_kepala as string),
        registered_at: iso(r.registered_at),
        status_changed_at: iso(r.status_changed_at),
        passes: applicationPasses(r as Parameters<typeof applicationPasses>[0]),
        change_count: r.change_count,
        met_count: r.met_count,
        masked: !visible,
      } satisfies ApplicationListRow;
    }),
    total,
    byStatus,
    page,
    pageSize,
  };
}

/** Desa inside the account's scope (filters and the registration form). */
export async function desaInScope(client: Client, scope: AccountScope): Promise<{ code: string; name: string; kecamatan: string | null }[]> {
  const { rows } = await client.query<{ code: string; name: string; kecamatan: string | null }>(
    `SELECT d.code, d.name, k.name AS kecamatan FROM regions d LEFT JOIN regions k ON k.code = left(d.code, 6)
      WHERE d.level = 'desa' AND d.code LIKE $1 ORDER BY k.name NULLS LAST, d.name, d.code`,
    [scopePrefix(scope) + "%"],
  );
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Writing: override and transitions
// ---------------------------------------------------------------------------------------------

interface LockedRow {
  id: number;
  kode_desa: string;
  status: ApplicationStatus;
  version: number;
  match: Match;
  id_rt: string | null;
  nik_kepala: string;
  nama_kepala: string;
  changes: unknown;
  assessment: unknown;
  override_eligible: boolean | null;
  override_reason: string | null;
}

async function lockApplication(c: pg.PoolClient, id: number): Promise<LockedRow | undefined> {
  const { rows } = await c.query<LockedRow>(
    `SELECT id, kode_desa, status, version, match, id_rt, nik_kepala, nama_kepala, changes, assessment, override_eligible, override_reason
       FROM applications WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return rows[0];
}

/**
 * An officer overrides the initial assessment of a new applicant (draft only), with a mandatory
 * reason. Recorded on the application, as an event (draft → draft) and in the audit log.
 */
export async function overrideAssessment(
  client: Client,
  account: Account,
  id: number,
  input: unknown,
  expectedVersion: number,
): Promise<OverrideResult> {
  const parsed = OverrideSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "invalid", issues: zodIssues(parsed.error) };
  const { eligible, reason } = parsed.data;
  return inTransaction(client, async (c) => {
    const a = await lockApplication(c, id);
    if (!a) return { ok: false, error: "not_found" } as const;
    if (!(registrarRoles as readonly Role[]).includes(account.role) || !isInScope(account, a.kode_desa)) return { ok: false, error: "forbidden" } as const;
    if (a.version !== expectedVersion) return { ok: false, error: "stale", currentVersion: a.version } as const;
    if (a.match !== "baru" || a.status !== "draft") return { ok: false, error: "not_allowed" } as const;
    const { rows } = await c.query<{ version: number }>(
      `UPDATE applications SET override_eligible = $2, override_reason = $3, override_by = $4, version = version + 1 WHERE id = $1 RETURNING version`,
      [id, eligible, reason, account.username],
    );
    const before = { overrideEligible: a.override_eligible, overrideReason: a.override_reason };
    const after = { overrideEligible: eligible, overrideReason: reason };
    await c.query(
      `INSERT INTO application_events (application_id, from_status, to_status, account_id, actor, facts, reason)
       VALUES ($1, 'draft', 'draft', $2, $3, $4, $5)`,
      [id, account.id || null, account.username, JSON.stringify({ override: { before: before.overrideEligible, after: eligible } }), reason],
    );
    await recordAudit(c, { ...actorOf(account), entity: "application", entityKey: String(id), action: "update", kodeDesa: a.kode_desa, before, after, reason });
    return { ok: true, version: rows[0]!.version } as const;
  });
}

/** Which visit results fit which move (a "tidak valid" visit cannot verify an application). */
const visitResultsFor: Partial<Record<ApplicationStatus, readonly string[]>> = {
  verified: ["valid", "perlu_perubahan"],
  rejected: ["tidak_valid"],
};

/**
 * Moves an application to `to`: scope, optimistic lock (`expectedVersion`), checkTransition for
 * role and required facts, the passing rule for draft → submitted; then the update, the event
 * (who, when, from, to, facts), the audit entry, and on submit the verification task
 * (pendaftaran_baru / pendaftaran_berubah). Leaving `submitted` closes the application's open
 * tasks with the visit result.
 */
export async function transitionApplication(
  client: Client,
  account: Account,
  id: number,
  to: ApplicationStatus,
  facts: TransitionFacts,
  expectedVersion: number,
): Promise<TransitionResult> {
  if (!(applicationStatuses as readonly string[]).includes(to)) return { ok: false, error: "no_such_transition" };
  const parsed = TransitionFactsSchema.safeParse(facts);
  if (!parsed.success) return { ok: false, error: "invalid", issues: zodIssues(parsed.error) };
  const f = parsed.data;
  return inTransaction(client, async (c) => {
    const a = await lockApplication(c, id);
    if (!a) return { ok: false, error: "not_found" } as const;
    if (account.role === "guest" || !isInScope(account, a.kode_desa)) return { ok: false, error: "forbidden" } as const;
    if (a.version !== expectedVersion) return { ok: false, error: "stale", currentVersion: a.version } as const;
    const check = checkTransition(a.status, to, account.role, f);
    if (!check.ok) {
      if (check.reason === "role_not_allowed") return { ok: false, error: "forbidden" } as const;
      if (check.reason === "missing") return { ok: false, error: "missing", missing: check.missing ?? [] } as const;
      return { ok: false, error: "no_such_transition" } as const;
    }
    const allowedResults = visitResultsFor[to];
    if (allowedResults && a.status === "submitted" && f.visitResult && !allowedResults.includes(f.visitResult)) {
      return { ok: false, error: "invalid", issues: [{ path: "visitResult", message: `hasil kunjungan "${f.visitResult}" tidak sesuai` }] } as const;
    }
    if (a.status === "draft" && to === "submitted" && !applicationPasses(a)) return { ok: false, error: "not_passing" } as const;

    const { rows } = await c.query<{ version: number }>(
      `UPDATE applications
          SET status = $2::application_status, status_changed_at = now(), version = version + 1,
              meeting_date = CASE WHEN $2 = 'approved' THEN $3::date ELSE meeting_date END,
              minutes_ref = CASE WHEN $2 = 'approved' THEN $4 ELSE minutes_ref END,
              decree_number = CASE WHEN $2 = 'decreed' THEN $5 ELSE decree_number END
        WHERE id = $1 RETURNING version`,
      [id, to, f.meetingDate ?? null, f.minutesRef ?? null, f.decreeNumber ?? null],
    );
    const { reason, ...rest } = f;
    const eventFacts = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
    await c.query(
      `INSERT INTO application_events (application_id, from_status, to_status, account_id, actor, facts, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [id, a.status, to, account.id || null, account.username, Object.keys(eventFacts).length ? JSON.stringify(eventFacts) : null, reason ?? null],
    );
    let taskId: number | null = null;
    if (to === "submitted") {
      const kind = a.match === "baru" ? "pendaftaran_baru" : "pendaftaran_berubah";
      const title = a.match === "baru" ? `Pendaftaran baru: ${a.nama_kepala}` : `Perubahan data: ${a.nama_kepala} (${a.id_rt})`;
      const task = await c.query<{ id: number }>(
        `INSERT INTO verification_tasks (kind, application_id, id_rt, nik, kode_desa, title) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [kind, id, a.id_rt, a.nik_kepala, a.kode_desa, title],
      );
      taskId = task.rows[0]!.id;
    } else if (a.status === "submitted") {
      await c.query(
        `UPDATE verification_tasks SET status = 'selesai', result = $2::visit_result, completed_at = now(), version = version + 1
          WHERE application_id = $1 AND status IN ('terbuka', 'ditugaskan')`,
        [id, f.visitResult ?? null],
      );
    }
    await recordAudit(c, {
      ...actorOf(account),
      entity: "application",
      entityKey: String(id),
      action: "update",
      kodeDesa: a.kode_desa,
      before: { status: a.status },
      after: { status: to, ...eventFacts },
      reason: reason ?? null,
    });
    return { ok: true, id, status: to, version: rows[0]!.version, taskId } as const;
  });
}

// ---------------------------------------------------------------------------------------------
// updateApplication: correcting a draft (new, or sent back after a rejection)
// ---------------------------------------------------------------------------------------------

export type UpdateResult =
  | (Identified & {
      /** Fields of the registration that changed (`household.<f>`, `members`, `kode_desa`, …). */
      changedFields: string[];
      /** True when an earlier override was dropped because the assessment inputs changed. */
      overrideCleared: boolean;
    })
  | { ok: false; error: "invalid"; issues: Issue[] }
  | { ok: false; error: "not_found" | "forbidden" | "not_allowed" }
  | { ok: false; error: "stale"; currentVersion: number }
  | { ok: false; error: "duplicate"; existingId: number };

/** The household fields the initial assessment reads (a change there invalidates an override). */
const assessmentInputFields = ["status_bangunan", "dinding", "atap", "lantai", "aset_mobil", "aset_ac", "aset_tabung_gas_5_5kg"] as const;

/** Equal as JSON regardless of key order (jsonb stores keys sorted). */
function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, canonical(x)]));
  return v ?? null;
}
const same = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

/**
 * Corrects a draft: same validation and scope as createApplication (the old and the new desa must
 * both be in the account's wilayah), optimistic lock, identification re-run (DTKS match, differences
 * or assessment). An override is cleared when the assessment inputs (or the match) changed. One
 * event draft → draft (`facts.action = "diubah"`) and one audit entry with before/after of the
 * changed fields, in one transaction.
 */
export async function updateApplication(
  client: Client,
  account: Account,
  id: number,
  input: unknown,
  expectedVersion: number,
): Promise<UpdateResult> {
  const parsed = RegistrationSchema.safeParse(input);
  if (!parsed.success) return { ok: false, error: "invalid", issues: zodIssues(parsed.error) };
  const r = parsed.data;
  const mayWrite = (kode: string) => (registrarRoles as readonly Role[]).includes(account.role) && isInScope(account, kode);
  if (!mayWrite(r.kode_desa)) return { ok: false, error: "forbidden" };
  const head = r.members.find((m) => m.hubungan_krt === "kepala")!;

  return inTransaction(client, async (c): Promise<UpdateResult> => {
    const { rows: found } = await c.query<{
      kode_desa: string;
      status: ApplicationStatus;
      version: number;
      match: Match;
      channel: string;
      registering_officer: string;
      sktm_ref: string | null;
      rt_report: string | null;
      household: Record<string, unknown>;
      members: MemberInput[];
      override_eligible: boolean | null;
      override_reason: string | null;
      override_by: string | null;
    }>(
      `SELECT kode_desa, status, version, match, channel, registering_officer, sktm_ref, rt_report, household, members,
              override_eligible, override_reason, override_by
         FROM applications WHERE id = $1 FOR UPDATE`,
      [id],
    );
    const a = found[0];
    if (!a) return { ok: false, error: "not_found" };
    if (!mayWrite(a.kode_desa)) return { ok: false, error: "forbidden" };
    if (a.version !== expectedVersion) return { ok: false, error: "stale", currentVersion: a.version };
    if (a.status !== "draft") return { ok: false, error: "not_allowed" };
    const desa = await c.query("SELECT 1 FROM regions WHERE code = $1 AND level = 'desa'", [r.kode_desa]);
    if (desa.rowCount === 0) return { ok: false, error: "invalid", issues: [{ path: "kode_desa", message: "desa tidak dikenal" }] };
    await c.query("SELECT pg_advisory_xact_lock(hashtext('pendaftaran:' || $1))", [head.nik]);
    const dup = await c.query<{ id: number }>(
      `SELECT id FROM applications
        WHERE id <> $3 AND status = ANY($2::application_status[]) AND nik_kepala = ANY($1::text[])
          AND NOT (status = 'draft' AND NOT CASE WHEN match = 'terdaftar' THEN coalesce(jsonb_array_length(changes), 0) > 0
                                                  ELSE coalesce(override_eligible, (assessment->>'eligible')::boolean, false) END)
        ORDER BY id LIMIT 1`,
      [r.members.map((m) => m.nik), openStatuses, id],
    );
    if (dup.rows[0]) return { ok: false, error: "duplicate", existingId: dup.rows[0].id };

    const ident = await identifyApplicant(c, r);
    const { lintang, bujur, ...household } = r.household;
    const newHousehold = { ...household, lintang, bujur };
    const hasPoint = lintang !== null && bujur !== null;

    // Before/after of what the officer changed.
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const top = { channel: r.channel, kode_desa: r.kode_desa, registering_officer: r.registering_officer, sktm_ref: r.sktm_ref, rt_report: r.rt_report };
    for (const [k, v] of Object.entries(top)) {
      const old = (a as unknown as Record<string, unknown>)[k];
      if (same(old, v)) continue;
      before[k] = old ?? null;
      after[k] = v;
    }
    for (const [k, v] of Object.entries(newHousehold)) {
      if (same(a.household[k], v)) continue;
      before[`household.${k}`] = a.household[k] ?? null;
      after[`household.${k}`] = v;
    }
    if (!same(a.members, r.members)) {
      before.members = a.members;
      after.members = r.members;
    }
    const changedFields = Object.keys(after);

    const assessmentInputsChanged =
      ident.match !== a.match || assessmentInputFields.some((f) => !same(a.household[f], (newHousehold as Record<string, unknown>)[f]));
    const overrideCleared = a.override_eligible !== null && assessmentInputsChanged;
    if (overrideCleared) {
      before.override = { eligible: a.override_eligible, reason: a.override_reason, by: a.override_by };
      after.override = null;
    }

    const { rows } = await c.query<{ version: number }>(
      `UPDATE applications
          SET channel = $2, kode_desa = $3, id_rt = $4, match = $5, nik_kepala = $6, no_kk = $7, nama_kepala = $8, alamat = $9,
              household = $10, members = $11, sktm_ref = $12, rt_report = $13, registering_officer = $14, assessment = $15, changes = $16,
              location = CASE WHEN $17::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint($17::float8, $18::float8), 4326) END,
              override_eligible = CASE WHEN $19 THEN NULL ELSE override_eligible END,
              override_reason = CASE WHEN $19 THEN NULL ELSE override_reason END,
              override_by = CASE WHEN $19 THEN NULL ELSE override_by END,
              version = version + 1
        WHERE id = $1 RETURNING version`,
      [
        id,
        r.channel,
        r.kode_desa,
        ident.idRt,
        ident.match,
        head.nik,
        head.no_kk,
        head.nama,
        household.alamat,
        JSON.stringify(newHousehold),
        JSON.stringify(r.members),
        r.sktm_ref,
        r.channel === "pasif" ? r.rt_report : null,
        r.registering_officer,
        ident.assessment === null ? null : JSON.stringify(ident.assessment),
        ident.changes === null ? null : JSON.stringify(ident.changes),
        hasPoint ? bujur : null,
        hasPoint ? lintang : null,
        overrideCleared,
      ],
    );
    const facts = {
      action: "diubah",
      fields: changedFields,
      match: ident.match,
      idRt: ident.idRt,
      matchedBy: ident.matchedBy,
      otherCandidates: ident.otherCandidates,
      ...(ident.changes ? { changes: ident.changes } : {}),
      ...(ident.assessment ? { metCount: ident.assessment.metCount, eligible: ident.assessment.eligible } : {}),
      ...(overrideCleared ? { overrideCleared: { before: a.override_eligible, reason: a.override_reason } } : {}),
    };
    await c.query(
      `INSERT INTO application_events (application_id, from_status, to_status, account_id, actor, facts, reason)
       VALUES ($1, 'draft', 'draft', $2, $3, $4, 'diubah')`,
      [id, account.id || null, account.username, JSON.stringify(facts)],
    );
    await recordAudit(c, {
      ...actorOf(account),
      entity: "application",
      entityKey: String(id),
      action: "update",
      kodeDesa: r.kode_desa,
      before,
      after: { ...after, match: ident.match, ...(ident.assessment ? { metCount: ident.assessment.metCount, eligible: ident.assessment.eligible } : {}) },
      reason: "diubah",
    });
    const passes = applicationPasses({
      match: ident.match,
      changes: ident.changes,
      assessment: ident.assessment,
      override_eligible: overrideCleared ? null : ident.match === "baru" ? a.override_eligible : null,
    });
    return {
      ok: true,
      id,
      version: rows[0]!.version,
      match: ident.match,
      idRt: ident.idRt,
      changes: ident.changes,
      assessment: ident.assessment,
      passes,
      changedFields,
      overrideCleared,
    };
  });
}
