/**
 * Member (anggota) changes by operators: edit, add, and mark as left the household (deceased,
 * moved, other). Every write:
 *  - checks the wilayah scope against the household's desa (canWrite "member");
 *  - validates with the same zod schema the form uses (member-schema.ts);
 *  - is optimistic-locked on the member's version: a stale edit is refused and the caller gets
 *    the stored values and who changed them last, so the conflict can be shown side by side;
 *  - writes its audit entry (entity "member", key = id_rt, before/after) in the same transaction.
 * Leaving the household removes the member row only with a reason, and the audit entry keeps the
 * whole row, so the DTKS fact is never lost without a trace.
 */
import type pg from "pg";
import { canWrite } from "../../analytics/access/scope";
import type { Account } from "../accounts/accounts.server";
import { recordAudit } from "../audit.server";
import { withTransaction } from "../connection.server";
import {
  memberColumns,
  memberExitSchema,
  memberSchema,
  toMemberForm,
  toMemberRow,
  type MemberRow,
} from "./member-schema";

type Queryable = Pick<pg.Pool, "query"> | Pick<pg.PoolClient, "query">;

export interface MemberRecord extends MemberRow {
  id: number;
  id_rt: string;
  kode_desa: string;
  version: number;
}

export type FieldErrors = Record<string, string[]>;

export interface LastChange {
  actor: string;
  at: string;
}

export type MemberWriteResult =
  | { ok: true; id: number; version: number; changed: string[] }
  | { ok: false; error: "not_found" | "forbidden" }
  | { ok: false; error: "invalid"; fieldErrors: FieldErrors }
  | {
      ok: false;
      error: "stale";
      currentVersion: number;
      /** The stored values (form-shaped) the operator would have overwritten. */
      current: Record<string, string>;
      lastChange: LastChange | null;
    };

const cols = memberColumns.map((c) => `m."${c}"`).join(", ");

/** One member of a household, with the household's desa; null when it is not in that household. */
export async function getMember(db: Queryable, idRt: string, memberId: number): Promise<MemberRecord | null> {
  if (!Number.isSafeInteger(memberId)) return null;
  const { rows } = await db.query<MemberRecord>(
    `SELECT m.id, m.id_rt, h.kode_desa, m.version, ${cols}
       FROM members m JOIN households h ON h.id_rt = m.id_rt WHERE m.id = $1 AND m.id_rt = $2`,
    [memberId, idRt],
  );
  return rows[0] ?? null;
}

function fieldErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldErrors {
  const out: FieldErrors = {};
  for (const i of issues) {
    const key = i.path.length ? i.path.map(String).join(".") : "";
    (out[key] ??= []).push(i.message);
  }
  return out;
}

async function lastMemberChange(db: Queryable, idRt: string, nik: string): Promise<LastChange | null> {
  const { rows } = await db.query<LastChange>(
    `SELECT actor, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS at FROM audit_log
      WHERE entity = 'member' AND entity_key = $1 AND (after->>'nik' = $2 OR before->>'nik' = $2)
      ORDER BY at DESC, id DESC LIMIT 1`,
    [idRt, nik],
  );
  return rows[0] ?? null;
}

/** The conflict answer: the stored values the operator would overwrite, and who changed them last. */
async function staleMember(
  db: Queryable,
  idRt: string,
  current: MemberRecord,
): Promise<Extract<MemberWriteResult, { error: "stale" }>> {
  return {
    ok: false,
    error: "stale",
    currentVersion: current.version,
    current: toMemberForm(current),
    lastChange: await lastMemberChange(db, idRt, current.nik as string),
  };
}

async function nikTaken(db: Queryable, idRt: string, nik: string, exceptId: number | null): Promise<boolean> {
  const { rows } = await db.query(`SELECT 1 FROM members WHERE id_rt = $1 AND nik = $2 AND id IS DISTINCT FROM $3`, [idRt, nik, exceptId]);
  return rows.length > 0;
}

const nikTakenError = { nik: ["NIK ini sudah tercatat sebagai anggota rumah tangga ini"] };

/** Edits a member; `input` is the form's values (strings, empty fields absent). */
export async function updateMember(
  pool: pg.Pool,
  account: Account,
  idRt: string,
  memberId: number,
  version: number,
  input: unknown,
): Promise<MemberWriteResult> {
  return withTransaction(pool, async (client) => {
    const { rows } = await client.query<MemberRecord>(
      `SELECT m.id, m.id_rt, h.kode_desa, m.version, ${cols}
         FROM members m JOIN households h ON h.id_rt = m.id_rt WHERE m.id = $1 AND m.id_rt = $2 FOR UPDATE OF m`,
      [memberId, idRt],
    );
    const current = rows[0];
    if (!current) return { ok: false, error: "not_found" } as const;
    if (!canWrite(account, "member", current.kode_desa)) return { ok: false, error: "forbidden" } as const;
    const parsed = memberSchema({ currentNik: current.nik as string, currentNoKk: current.no_kk as string }).safeParse(input);
    if (!parsed.success) return { ok: false, error: "invalid", fieldErrors: fieldErrors(parsed.error.issues) } as const;
    if (current.version !== version) return staleMember(client, idRt, current);
    const next = toMemberRow(parsed.data);
    const changed = memberColumns.filter((c) => next[c] !== current[c]);
    if (changed.length === 0) return { ok: true, id: current.id, version, changed: [] } as const;
    if (changed.includes("nik") && (await nikTaken(client, idRt, next.nik as string, current.id))) {
      return { ok: false, error: "invalid", fieldErrors: nikTakenError } as const;
    }
    // Column names come from the schema's keys, never from the request.
    const sets = changed.map((c, i) => `"${c}" = $${i + 2}`).join(", ");
    const updated = await client.query<{ version: number }>(
      `UPDATE members SET ${sets}, version = version + 1, updated_at = now() WHERE id = $1 RETURNING version`,
      [current.id, ...changed.map((c) => next[c])],
    );
    // nik and nama always travel with the diff, so the history can say whose record changed.
    const pick = (row: MemberRow, keys: readonly string[]) =>
      Object.fromEntries([...new Set(["nik", "nama", ...keys])].map((k) => [k, row[k as keyof MemberRow]]));
    await recordAudit(client, {
      accountId: account.id || null,
      actor: account.username,
      entity: "member",
      entityKey: idRt,
      action: "update",
      kodeDesa: current.kode_desa,
      before: { id: current.id, ...pick(current, changed) },
      after: { id: current.id, ...pick(next, changed) },
    });
    return { ok: true, id: current.id, version: updated.rows[0]!.version, changed } as const;
  });
}

/** Adds a member to a household (a birth, a marriage, someone moving in). */
export async function addMember(pool: pg.Pool, account: Account, idRt: string, input: unknown): Promise<MemberWriteResult> {
  return withTransaction(pool, async (client) => {
    // Locks the household row so two operators adding the same NIK cannot both pass the check.
    const { rows } = await client.query<{ kode_desa: string }>(`SELECT kode_desa FROM households WHERE id_rt = $1 FOR UPDATE`, [idRt]);
    const household = rows[0];
    if (!household) return { ok: false, error: "not_found" } as const;
    if (!canWrite(account, "member", household.kode_desa)) return { ok: false, error: "forbidden" } as const;
    const parsed = memberSchema().safeParse(input);
    if (!parsed.success) return { ok: false, error: "invalid", fieldErrors: fieldErrors(parsed.error.issues) } as const;
    const row = toMemberRow(parsed.data);
    if (await nikTaken(client, idRt, row.nik as string, null)) return { ok: false, error: "invalid", fieldErrors: nikTakenError } as const;
    const names = memberColumns.map((c) => `"${c}"`).join(", ");
    const params = memberColumns.map((_, i) => `$${i + 3}`).join(", ");
    const inserted = await client.query<{ id: number; version: number }>(
      `INSERT INTO members (id_rt, kode_desa, ${names}) VALUES ($1, $2, ${params}) RETURNING id, version`,
      [idRt, household.kode_desa, ...memberColumns.map((c) => row[c])],
    );
    const { id, version } = inserted.rows[0]!;
    await recordAudit(client, {
      accountId: account.id || null,
      actor: account.username,
      entity: "member",
      entityKey: idRt,
      action: "create",
      kodeDesa: household.kode_desa,
      before: null,
      after: { id, ...row },
    });
    return { ok: true, id, version, changed: [...memberColumns] } as const;
  });
}

/**
 * Marks a member as having left the household (meninggal / pindah / lainnya) with a date and a
 * required reason. The row leaves the household's member list; the audit entry keeps all of it.
 * The head cannot leave while others remain: the operator first names the new head.
 */
export async function exitMember(
  pool: pg.Pool,
  account: Account,
  idRt: string,
  memberId: number,
  version: number,
  input: unknown,
): Promise<MemberWriteResult> {
  return withTransaction(pool, async (client) => {
    const { rows } = await client.query<MemberRecord & { others: number }>(
      `SELECT m.id, m.id_rt, h.kode_desa, m.version, ${cols},
              (SELECT count(*)::int FROM members o WHERE o.id_rt = m.id_rt AND o.id <> m.id) AS others
         FROM members m JOIN households h ON h.id_rt = m.id_rt WHERE m.id = $1 AND m.id_rt = $2 FOR UPDATE OF m`,
      [memberId, idRt],
    );
    const current = rows[0];
    if (!current) return { ok: false, error: "not_found" } as const;
    if (!canWrite(account, "member", current.kode_desa)) return { ok: false, error: "forbidden" } as const;
    const parsed = memberExitSchema.safeParse(input);
    if (!parsed.success) return { ok: false, error: "invalid", fieldErrors: fieldErrors(parsed.error.issues) } as const;
    if (current.version !== version) return staleMember(client, idRt, current);
    if (current.hubungan_krt === "kepala" && current.others > 0) {
      return {
        ok: false,
        error: "invalid",
        fieldErrors: { jenis_keluar: ["kepala rumah tangga: ubah dulu hubungan anggota lain menjadi kepala, lalu ulangi"] },
      } as const;
    }
    await client.query(`DELETE FROM members WHERE id = $1`, [current.id]);
    const before: Record<string, unknown> = { id: current.id };
    for (const c of memberColumns) before[c] = current[c];
    await recordAudit(client, {
      accountId: account.id || null,
      actor: account.username,
      entity: "member",
      entityKey: idRt,
      action: "delete",
      kodeDesa: current.kode_desa,
      before,
      after: { nik: current.nik, nama: current.nama, jenis_keluar: parsed.data.jenis_keluar, tanggal_keluar: parsed.data.tanggal_keluar },
      reason: parsed.data.alasan,
    });
    return { ok: true, id: current.id, version: current.version, changed: [] } as const;
  });
}
