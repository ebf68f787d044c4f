/**
 * Planted errors: a schedule that spreads a known number of each `temuan` kind over the
 * households, so every kind is present even in small seeds, and the record written to
 * planted.csv (ground truth for the findings engine's tests).
 */
import type { FindingKind } from "../db/codes";
import type { Random } from "./random";

export const plantedColumns = ["jenis", "program", "periode", "nik", "no_kk", "id_rt", "kode_desa", "note"] as const;

export interface PlantedRecord {
  jenis: FindingKind;
  program: string | null;
  periode: string | null;
  nik: string | null;
  no_kk: string | null;
  id_rt: string | null;
  kode_desa: string | null;
  note: string;
}

/** One kind of plant (with a program for exclusion/inclusion) and the households it is due at. */
export interface PlantSlot {
  kind: FindingKind;
  program: string | null;
  positions: number[];
  done: number;
}

/**
 * `target` plants spread over the first 80% of households (jittered), so a plant whose due
 * household does not qualify can still land on a later one.
 */
export function makeSlot(rng: Random, kind: FindingKind, program: string | null, target: number, households: number): PlantSlot {
  const span = Math.max(1, Math.floor(households * 0.8));
  const positions = Array.from({ length: target }, (_, j) => Math.floor(((j + rng.next()) * span) / target));
  return { kind, program, positions, done: 0 };
}

export const slotDue = (s: PlantSlot, index: number) => s.done < s.positions.length && s.positions[s.done] <= index;

/** Plant counts for a seed of `households`: about 1 in 1,000 households per kind, at least 3 (2 per program). */
export function plantTargets(households: number): { perProgram: number; perKind: number; invalidNik: number } {
  return {
    perProgram: Math.max(2, Math.round(households * 0.0006)),
    perKind: Math.max(3, Math.round(households * 0.001)),
    invalidNik: Math.max(3, Math.round(households * 0.0015)),
  };
}
