/** Reads the program catalogue, validating every stored rule (zod) before it reaches SQL. */
import type pg from "pg";
import { ProgramSchema, type Program } from "./rule";

export async function loadPrograms(client: pg.Pool | pg.PoolClient, kode?: string): Promise<Program[]> {
  const { rows } = await client.query<{
    kode: string;
    nama: string;
    unit: string;
    sumber_dana: string;
    tidak_boleh_bersama: string[];
    rule: unknown;
  }>(
    `SELECT kode, nama, unit, sumber_dana, tidak_boleh_bersama, rule FROM programs
     WHERE $1::text IS NULL OR kode = $1 ORDER BY kode`,
    [kode ?? null],
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
      throw new Error(`Aturan program ${r.kode} tidak valid: ${issues}`);
    }
    return parsed.data;
  });
}
