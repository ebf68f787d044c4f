/**
 * Eligible units of one program for a period, and the candidate list (Perwali Mojokerto Ps 13):
 * eligible units not yet receiving, ranked by desil (poorest first).
 */
import { z } from "zod";
import { getDatabase, type Database } from "../../db/connection.server";
import { recipientStages } from "../../db/codes";
import { loadPrograms } from "./programs.server";
import { PeriodeSchema, periodRange } from "./period";
import { type Program } from "./rule";
import { compileEligibility, SqlParams, unitKeyColumn } from "./sql";

export interface EligibleUnit {
  unit_key: string;
  nik: string | null;
  no_kk: string | null;
  id_rt: string | null;
  kode_desa: string;
  desil: number | null;
}

const OptionsSchema = z.object({
  periode: PeriodeSchema,
  tahap: z.enum(recipientStages).default("realisasi"),
  kodeDesa: z.string().regex(/^[0-9]{2,10}$/).optional(),
  limit: z.number().int().positive().max(100_000).optional(),
});
export type EligibleOptions = z.input<typeof OptionsSchema>;

/** A program code resolves to the rule version governing the period (rule-versions.server.ts). */
async function resolveProgram(program: Program | string, database: Database, periode: string): Promise<Program> {
  if (typeof program !== "string") return program;
  const [found] = await loadPrograms(database.pool, program, periode);
  if (!found) throw new Error(`Program ${program} tidak dikenal`);
  return found;
}

async function query(
  program: Program | string,
  options: EligibleOptions,
  notReceiving: boolean,
  database?: Database,
): Promise<EligibleUnit[]> {
  const opts = OptionsSchema.parse(options);
  const db = database ?? (await getDatabase());
  const prog = await resolveProgram(program, db, opts.periode);
  const params = new SqlParams();
  const compiled = compileEligibility(prog, periodRange(opts.periode), params, { tahap: opts.tahap });
  const where: string[] = [];
  if (opts.kodeDesa) where.push(`q.kode_desa LIKE ${params.add(opts.kodeDesa)} || '%'`);
  if (notReceiving) {
    const col = unitKeyColumn[prog.unit];
    where.push(`NOT EXISTS (SELECT 1 FROM recipients r WHERE r.program = ${params.add(prog.kode)}
      AND r.periode = ${params.add(opts.periode)} AND r.tahap = ${params.add(opts.tahap)}::recipient_stage
      AND (r.unit_key = q.unit_key OR r.${col} = q.${col}))`);
  }
  const text = `SELECT q.* FROM (${compiled.text}) q ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
    ORDER BY q.desil NULLS LAST, q.kode_desa, q.unit_key ${opts.limit ? `LIMIT ${params.add(opts.limit)}` : ""}`;
  const { rows } = await db.pool.query<EligibleUnit>(text, params.values);
  return rows;
}

/** Every eligible unit of `program` in the period (ordered by desil, desa, key). */
export function eligibleUnits(program: Program | string, options: EligibleOptions, database?: Database) {
  return query(program, options, false, database);
}

/** Eligible units not receiving the program in the period's stage, poorest first. */
export function candidateList(program: Program | string, options: EligibleOptions, database?: Database) {
  return query(program, options, true, database);
}
