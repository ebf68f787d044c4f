/**
 * Reads the program catalogue, validating every stored rule (zod) before it reaches SQL.
 *
 * With a `periode`, each program carries the rule version that applies to that period
 * (rule-versions.server.ts: the latest `berlaku_mulai` on or before the period's first month)
 * instead of the current rule in `programs.rule`, and `versi` names that version.
 */
import type pg from "pg";
import { ProgramSchema, type Program } from "./rule";
import { periodStartMonth } from "./period";

/** A program with the rule version it was loaded with (null: no version rows, the catalogue rule). */
export type VersionedProgram = Program & { versi: number | null };

export async function loadPrograms(
  client: pg.Pool | pg.PoolClient,
  kode?: string,
  periode?: string,
): Promise<VersionedProgram[]> {
  const month = periode ? periodStartMonth(periode) : null;
  // Per program: the version applying to the month; when every version starts later, the
  // earliest one (the program's first known rule); without version rows, programs.rule.
  const { rows } = await client.query<{
    kode: string;
    nama: string;
    unit: string;
    sumber_dana: string;
    tidak_boleh_bersama: string[];
    rule: unknown;
    versi: number | null;
  }>(
    `SELECT p.kode, p.nama, p.unit, p.sumber_dana,
            coalesce(v.tidak_boleh_bersama, p.tidak_boleh_bersama) AS tidak_boleh_bersama,
            coalesce(v.rule, p.rule) AS rule, v.version AS versi
     FROM programs p
     LEFT JOIN LATERAL (
       SELECT r.version, r.rule, r.tidak_boleh_bersama FROM program_rules r
       WHERE $2::text IS NOT NULL AND r.program = p.kode
       ORDER BY (r.berlaku_mulai <= $2) DESC, CASE WHEN r.berlaku_mulai <= $2 THEN r.berlaku_mulai END DESC NULLS LAST,
                r.berlaku_mulai
       LIMIT 1) v ON true
     WHERE $1::text IS NULL OR p.kode = $1 ORDER BY p.kode`,
    [kode ?? null, month],
  );
  return rows.map((r) => {
    const parsed = ProgramSchema.safeParse({
      kode: r.kode,
      nama: r.nama,
      unit: r.unit,
      sumberDana: r.sumber_dana,
      tidakBolehBersama: r.tidak_boleh_bersama,
      rule: r.rule,
    });
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      throw new Error(`Aturan program ${r.kode}${r.versi ? ` versi ${r.versi}` : ""} tidak valid: ${issues}`);
    }
    const program = parsed.data;
    // The version row is the source of truth for the number; the JSON's own field follows it.
    if (r.versi !== null) program.rule = { ...program.rule, version: r.versi };
    return { ...program, versi: periode ? (r.versi ?? program.rule.version) : null };
  });
}
