/**
 * Eligibility rule versions per period (table program_rules). A version applies from its
 * `berlaku_mulai` month (YYYY-MM) until the next version's start; a period is governed by the
 * version in force on its first month (periodStartMonth: 2026-S2 → 2026-07), the same day ages
 * are taken on. When every version of a program starts after that month, its earliest version
 * is used (the first rule known for it). `programs.rule` and `programs.tidak_boleh_bersama`
 * always hold the version in force this month, so screens that show "the rule" stay right.
 *
 * Versions are added, never edited: a change of rule is a new version with its own start.
 * Every addition is audited (entity "program_rule") in the same transaction.
 */
import type pg from "pg";
import { z } from "zod";
import { recordAudit } from "../../db/audit.server";
import { fundingSources, programUnits } from "../../db/codes";
import { withTransaction } from "../../db/connection.server";
import { MonthSchema, periodStartMonth } from "./period";
import { EligibilityRuleSchema, type EligibilityRule } from "./rule";

export interface RuleVersion {
  program: string;
  version: number;
  berlakuMulai: string;
  rule: EligibilityRule;
  tidakBolehBersama: string[];
  createdBy: string;
  createdAt: string;
  note: string | null;
}

type Queryable = Pick<pg.Pool, "query"> | Pick<pg.PoolClient, "query">;

/**
 * ORDER BY placing first the version that applies to month `$m` (latest start on or before it),
 * else the earliest version. `m` is a bind placeholder of the caller.
 */
export const appliesFirst = (alias: string, m: string) =>
  `(${alias}.berlaku_mulai <= ${m}) DESC, CASE WHEN ${alias}.berlaku_mulai <= ${m} THEN ${alias}.berlaku_mulai END DESC NULLS LAST, ${alias}.berlaku_mulai`;

const currentMonthSql = `to_char(now() AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM')`;

const selectVersion = `SELECT program, version, berlaku_mulai AS "berlakuMulai", rule, tidak_boleh_bersama AS "tidakBolehBersama",
  created_by AS "createdBy", to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt", note
  FROM program_rules r`;

function parseRow(row: RuleVersion): RuleVersion {
  return { ...row, rule: { ...EligibilityRuleSchema.parse(row.rule), version: row.version } };
}

/** Every version of one program (or of all), by program and start month. */
export async function listRuleVersions(client: Queryable, program?: string): Promise<RuleVersion[]> {
  const { rows } = await client.query<RuleVersion>(
    `${selectVersion} WHERE $1::text IS NULL OR program = $1 ORDER BY program, berlaku_mulai`,
    [program ?? null],
  );
  return rows.map(parseRow);
}

/** The version of `program` that governs `periode` (see module comment); null without versions. */
export async function resolveRuleVersion(client: Queryable, program: string, periode: string): Promise<RuleVersion | null> {
  const month = periodStartMonth(periode);
  const { rows } = await client.query<RuleVersion>(
    `${selectVersion} WHERE program = $1 ORDER BY ${appliesFirst("r", "$2")} LIMIT 1`,
    [program, month],
  );
  return rows[0] ? parseRow(rows[0]) : null;
}

/** Copies the version in force this month into programs.rule / tidak_boleh_bersama. */
export async function syncCurrentRules(client: Queryable, programs: string[]): Promise<void> {
  await client.query(
    `UPDATE programs p SET rule = v.rule, tidak_boleh_bersama = v.tidak_boleh_bersama, updated_at = now()
     FROM (SELECT DISTINCT ON (r.program) r.program, r.rule, r.tidak_boleh_bersama FROM program_rules r
           WHERE r.program = ANY($1::text[]) ORDER BY r.program, ${appliesFirst("r", currentMonthSql)}) v
     WHERE p.kode = v.program
       AND (p.rule IS DISTINCT FROM v.rule OR p.tidak_boleh_bersama IS DISTINCT FROM v.tidak_boleh_bersama)`,
    [programs],
  );
}

/**
 * zod issues of a rule in Bahasa Indonesia, each naming its field ("komponen anggota ke-2 ›
 * usia minimum: …"). Codes the map below does not cover fall back to zod's Indonesian locale.
 */
const fieldLabels: Record<string, string> = {
  program: "program",
  kode: "kode program",
  nama: "nama program",
  unit: "unit sasaran",
  sumberDana: "sumber dana",
  berlakuMulai: "berlaku mulai",
  tidakBolehBersama: "tidak boleh bersama",
  rule: "aturan",
  version: "versi",
  maxDesil: "desil maksimum",
  householdIndicators: "indikator rumah tangga",
  anyMemberComponent: "komponen anggota",
  personConditions: "syarat perorangan",
  note: "catatan",
  kind: "jenis",
  min: "usia minimum",
  max: "usia maksimum",
  level: "tingkat disabilitas",
};
const typeNames: Record<string, string> = {
  number: "angka",
  string: "teks",
  array: "daftar [ … ]",
  object: "objek { … }",
  boolean: "true/false",
  undefined: "kosong",
  null: "null",
};
const idLocale = z.locales.id().localeError;
const ruleErrorMap: z.core.$ZodErrorMap = (iss) => {
  switch (iss.code) {
    case "invalid_type":
      return iss.input === undefined
        ? "wajib diisi"
        : `harus berupa ${typeNames[iss.expected] ?? iss.expected}${iss.expected === "int" ? " bulat" : ""}`;
    case "too_big":
      return iss.origin === "array" || iss.origin === "string" ? `terlalu panjang (paling banyak ${iss.maximum})` : `paling besar ${iss.maximum}`;
    case "too_small":
      return iss.origin === "array" || iss.origin === "string" ? `terlalu pendek (paling sedikit ${iss.minimum})` : `paling kecil ${iss.minimum}`;
    case "invalid_value":
      return `harus salah satu dari: ${iss.values.map(String).join(", ")}`;
    case "invalid_union":
      if ("options" in iss && Array.isArray(iss.options)) return `harus salah satu dari: ${(iss.options as unknown[]).map(String).join(", ")}`;
      return "bentuk tidak dikenali";
    case "unrecognized_keys":
      return `kunci tidak dikenal: ${iss.keys.join(", ")}`;
    default:
      return idLocale(iss);
  }
};

function pathLabel(path: PropertyKey[]): string {
  const parts: string[] = [];
  for (const p of path) {
    if (typeof p === "number" && parts.length) parts[parts.length - 1] += ` ke-${p + 1}`;
    else parts.push(fieldLabels[String(p)] ?? String(p));
  }
  return parts.join(" › ");
}

export function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => (i.path.length ? `${pathLabel(i.path)}: ${i.message}` : i.message));
}

/** Parses a rule from JSON text; problems in Bahasa Indonesia. */
export function parseRuleJson(text: string): { rule: EligibilityRule } | { problems: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { problems: [`aturan bukan JSON yang valid (${err instanceof SyntaxError ? err.message : "tidak dapat dibaca"})`] };
  }
  const r = EligibilityRuleSchema.safeParse(json, { error: ruleErrorMap });
  return r.success ? { rule: r.data } : { problems: formatIssues(r.error) };
}

export class RuleVersionError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("; "));
  }
}

const programCode = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .regex(/^[A-Z0-9_]+$/, "hanya huruf besar, angka dan _");
const codeList = z
  .array(programCode)
  .max(20)
  .default([]);

export const NewRuleVersionSchema = z.object({
  program: programCode,
  berlakuMulai: MonthSchema,
  /** The rule as JSON text (the form) or as an object. */
  rule: z.union([z.string(), z.record(z.string(), z.unknown())]),
  tidakBolehBersama: codeList,
  note: z.string().trim().max(500).optional(),
});
export type NewRuleVersion = z.input<typeof NewRuleVersionSchema>;

export const NewLocalProgramSchema = NewRuleVersionSchema.extend({
  nama: z.string().trim().min(3).max(120),
  unit: z.enum(programUnits),
  sumberDana: z.enum(fundingSources),
});
export type NewLocalProgram = z.input<typeof NewLocalProgramSchema>;

export interface Actor {
  id: number | null;
  username: string;
}

function parseInput<T extends z.ZodType<z.infer<typeof NewRuleVersionSchema>>>(
  schema: T,
  input: unknown,
): z.infer<T> & { parsedRule: EligibilityRule } {
  const parsed = schema.safeParse(input, { error: ruleErrorMap });
  if (!parsed.success) throw new RuleVersionError(formatIssues(parsed.error));
  const data = parsed.data as z.infer<typeof NewRuleVersionSchema>;
  const rule = typeof data.rule === "string" ? parseRuleJson(data.rule) : parseRuleJson(JSON.stringify(data.rule));
  if ("problems" in rule) throw new RuleVersionError(rule.problems.map((p) => (p.startsWith("aturan") ? p : `aturan › ${p}`)));
  return Object.assign({}, parsed.data as z.infer<T>, { parsedRule: rule.rule });
}

async function checkPartners(client: pg.PoolClient, program: string, partners: string[]): Promise<void> {
  if (partners.includes(program)) throw new RuleVersionError([`tidak boleh bersama: program ${program} tidak dapat dilarang bersama dirinya sendiri`]);
  if (!partners.length) return;
  const { rows } = await client.query<{ kode: string }>(
    `SELECT x AS kode FROM unnest($1::text[]) x WHERE NOT EXISTS (SELECT 1 FROM programs p WHERE p.kode = x) ORDER BY 1`,
    [partners],
  );
  if (rows.length) throw new RuleVersionError([`tidak boleh bersama: program tidak dikenal: ${rows.map((r) => r.kode).join(", ")}`]);
}

async function insertVersion(
  client: pg.PoolClient,
  actor: Actor,
  v: { program: string; berlakuMulai: string; rule: EligibilityRule; tidakBolehBersama: string[]; note?: string },
): Promise<RuleVersion> {
  const { rows: clash } = await client.query<{ version: number }>(
    `SELECT version FROM program_rules WHERE program = $1 AND berlaku_mulai = $2`,
    [v.program, v.berlakuMulai],
  );
  if (clash.length)
    throw new RuleVersionError([
      `berlaku mulai: program ${v.program} sudah punya versi ${clash[0]!.version} yang berlaku mulai ${v.berlakuMulai}; pilih bulan lain`,
    ]);
  const { rows: mx } = await client.query<{ next: number }>(
    `SELECT coalesce(max(version), 0) + 1 AS next FROM program_rules WHERE program = $1`,
    [v.program],
  );
  const version = mx[0]!.next;
  const rule = { ...v.rule, version };
  const tbb = [...new Set(v.tidakBolehBersama)].sort();
  const { rows } = await client.query<RuleVersion>(
    `INSERT INTO program_rules AS r (program, version, berlaku_mulai, rule, tidak_boleh_bersama, created_by, note)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     RETURNING program, version, berlaku_mulai AS "berlakuMulai", rule, tidak_boleh_bersama AS "tidakBolehBersama",
       created_by AS "createdBy", to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt", note`,
    [v.program, version, v.berlakuMulai, JSON.stringify(rule), tbb, actor.username, v.note || null],
  );
  const row = parseRow(rows[0]!);
  await recordAudit(client, {
    accountId: actor.id,
    actor: actor.username,
    entity: "program_rule",
    entityKey: `${v.program}@${version}`,
    action: "create",
    after: { berlaku_mulai: v.berlakuMulai, rule, tidak_boleh_bersama: tbb, note: v.note ?? null },
  });
  await syncCurrentRules(client, [v.program]);
  return row;
}

/**
 * Adds a version of an existing program's rule (zod-validated, audited). The version number is
 * the program's highest plus one; its start month must be new for the program.
 */
export async function addRuleVersion(pool: pg.Pool, actor: Actor, input: unknown): Promise<RuleVersion> {
  const data = parseInput(NewRuleVersionSchema, input);
  return withTransaction(pool, async (client) => {
    // Locks the program row: two additions at once cannot take the same number.
    const { rows } = await client.query(`SELECT kode FROM programs WHERE kode = $1 FOR UPDATE`, [data.program]);
    if (!rows.length) throw new RuleVersionError([`program: program ${data.program} tidak dikenal`]);
    await checkPartners(client, data.program, data.tidakBolehBersama);
    return insertVersion(client, actor, { ...data, rule: data.parsedRule });
  });
}

/** Adds a local (APBD / dana desa) program with its first rule version (audited). */
export async function addLocalProgram(pool: pg.Pool, actor: Actor, input: unknown): Promise<RuleVersion> {
  const data = parseInput(NewLocalProgramSchema, input);
  return withTransaction(pool, async (client) => {
    const { rows } = await client.query(`SELECT 1 FROM programs WHERE kode = $1`, [data.program]);
    if (rows.length) throw new RuleVersionError([`kode program: ${data.program} sudah ada; tambahkan versi aturannya saja`]);
    await checkPartners(client, data.program, data.tidakBolehBersama);
    const rule = { ...data.parsedRule, version: 1 };
    await client.query(
      `INSERT INTO programs (kode, nama, unit, sumber_dana, tidak_boleh_bersama, rule) VALUES ($1, $2, $3, $4, $5, $6)`,
      [data.program, data.nama, data.unit, data.sumberDana, [...new Set(data.tidakBolehBersama)].sort(), JSON.stringify(rule)],
    );
    await recordAudit(client, {
      accountId: actor.id,
      actor: actor.username,
      entity: "program",
      entityKey: data.program,
      action: "create",
      after: { nama: data.nama, unit: data.unit, sumber_dana: data.sumberDana },
    });
    return insertVersion(client, actor, { ...data, rule });
  });
}

/**
 * Set-based step of the program import (db/import/kinds/program.server.ts): every program of
 * the staged file gets version 1 (from 2000-01) when it has none, or a new version from the
 * current month when its imported rule or tidak_boleh_bersama differs from the version in force
 * (the JSON's own `version` field ignored). A second changed import in the same month corrects
 * that month's version instead of adding another. Returns the versions written.
 */
export async function versionImportedPrograms(
  client: pg.PoolClient,
  stage: string,
  importedBy: string,
  batchId: number,
): Promise<number> {
  const res = await client.query(
    `WITH s AS (SELECT DISTINCT kode FROM ${stage}),
     cur AS (
       SELECT DISTINCT ON (r.program) r.program, r.rule, r.tidak_boleh_bersama FROM program_rules r JOIN s ON s.kode = r.program
       ORDER BY r.program, ${appliesFirst("r", currentMonthSql)}
     ),
     mx AS (SELECT r.program, max(r.version) AS v FROM program_rules r JOIN s ON s.kode = r.program GROUP BY r.program)
     INSERT INTO program_rules (program, version, berlaku_mulai, rule, tidak_boleh_bersama, created_by, note)
     SELECT p.kode, coalesce(mx.v, 0) + 1,
            CASE WHEN cur.program IS NULL THEN '2000-01' ELSE ${currentMonthSql} END,
            jsonb_set(p.rule, '{version}', to_jsonb(coalesce(mx.v, 0) + 1)), p.tidak_boleh_bersama, $1,
            'impor program (batch ' || $2::int || ')'
     FROM programs p JOIN s ON s.kode = p.kode
     LEFT JOIN cur ON cur.program = p.kode LEFT JOIN mx ON mx.program = p.kode
     WHERE cur.program IS NULL
        OR (p.rule - 'version') IS DISTINCT FROM (cur.rule - 'version')
        OR p.tidak_boleh_bersama IS DISTINCT FROM cur.tidak_boleh_bersama
     ON CONFLICT (program, berlaku_mulai) DO UPDATE
       SET rule = jsonb_set(EXCLUDED.rule, '{version}', to_jsonb(program_rules.version)),
           tidak_boleh_bersama = EXCLUDED.tidak_boleh_bersama, created_by = EXCLUDED.created_by,
           created_at = now(), note = EXCLUDED.note`,
    [importedBy, batchId],
  );
  return res.rowCount ?? 0;
}
