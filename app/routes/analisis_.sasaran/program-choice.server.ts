/**
 * The program and period the targeting pages (/analisis/sasaran, /temuan, /calon) show: the
 * query-string fields and how an absent or unknown choice falls back. Shared so the three
 * loaders pick the same program and period for the same URL.
 */
import type pg from "pg";
import { z } from "zod";
import { programPeriodList } from "../../../analytics/targeting/sasaran-read.server";

/** Query fields `program` and `periode`; a malformed value counts as absent. Spread into a z.object. */
export const programPeriodFields = {
  program: z.string().regex(/^[A-Z0-9_]{1,32}$/).optional().catch(undefined),
  periode: z.string().regex(/^\d{4}(-(S[12]|Q[1-4]|0[1-9]|1[0-2]))?$/).optional().catch(undefined),
};

export interface ProgramOption {
  kode: string;
  nama: string;
  /** Periods with any listing of the program (any stage), newest first. */
  periods: string[];
}

/**
 * The asked program, else the first program with a period, else the first program; the asked
 * period when that program has it, else its newest period. Null when there is no program or no period.
 */
export async function chooseProgramPeriod(
  pool: pg.Pool,
  asked: { program?: string; periode?: string },
): Promise<{ program: string | null; periode: string | null; programs: ProgramOption[] }> {
  const programs = await programPeriodList(pool);
  const chosen = programs.find((x) => x.kode === asked.program) ?? programs.find((x) => x.periods.length > 0) ?? programs[0];
  const program = chosen?.kode ?? null;
  const periode = chosen && asked.periode && chosen.periods.includes(asked.periode) ? asked.periode : (chosen?.periods[0] ?? null);
  return { program, periode, programs: programs.map((x) => ({ kode: x.kode, nama: x.nama, periods: x.periods })) };
}
