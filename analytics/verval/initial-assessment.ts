/**
 * Initial assessment of a new applicant (Perwali Mojokerto Ps 9): not eligible when 3 or more of
 * five conditions hold. Every condition is reported with its answer so the officer sees why, and
 * unknown answers are counted separately (never read as "no" silently).
 */
export interface AssessmentInput {
  status_bangunan?: string | null;
  dinding?: string | null;
  atap?: string | null;
  lantai?: string | null;
  aset_mobil?: boolean | null;
  aset_ac?: boolean | null;
  aset_tabung_gas_5_5kg?: boolean | null;
}

export type ConditionId = "rumah_milik_sendiri" | "rumah_layak_permanen" | "punya_mobil" | "punya_ac" | "punya_gas_di_atas_3kg";

export interface ConditionResult {
  id: ConditionId;
  label: string;
  /** true = holds, false = does not hold, null = unknown (a field is empty). */
  holds: boolean | null;
}

export interface AssessmentResult {
  conditions: ConditionResult[];
  metCount: number;
  unknownCount: number;
  /** Not eligible when at least `threshold` conditions hold. */
  eligible: boolean;
  /** True when the unknown answers could still change the verdict. */
  uncertain: boolean;
  threshold: number;
}

export const NOT_ELIGIBLE_THRESHOLD = 3;

const permanentRoofs = new Set(["beton", "genteng", "seng"]);
const goodFloors = new Set(["marmer_granit", "keramik"]);

function all(values: (boolean | null)[]): boolean | null {
  if (values.some((v) => v === false)) return false;
  return values.some((v) => v === null) ? null : true;
}

const known = (v: string | null | undefined) => (v === null || v === undefined || v === "" ? null : v);
const flag = (v: boolean | null | undefined) => (v === undefined ? null : v);

export function assessApplicant(input: AssessmentInput): AssessmentResult {
  const wall = known(input.dinding);
  const roof = known(input.atap);
  const floor = known(input.lantai);
  const tenure = known(input.status_bangunan);
  const conditions: ConditionResult[] = [
    { id: "rumah_milik_sendiri", label: "Rumah milik sendiri", holds: tenure === null ? null : tenure === "milik_sendiri" },
    {
      id: "rumah_layak_permanen",
      label: "Dinding tembok, atap beton/genteng/seng, dan lantai granit/keramik",
      holds: all([
        wall === null ? null : wall === "tembok",
        roof === null ? null : permanentRoofs.has(roof),
        floor === null ? null : goodFloors.has(floor),
      ]),
    },
    { id: "punya_mobil", label: "Memiliki mobil", holds: flag(input.aset_mobil) },
    { id: "punya_ac", label: "Memiliki AC", holds: flag(input.aset_ac) },
    { id: "punya_gas_di_atas_3kg", label: "Memiliki tabung gas di atas 3 kg", holds: flag(input.aset_tabung_gas_5_5kg) },
  ];
  const metCount = conditions.filter((c) => c.holds === true).length;
  const unknownCount = conditions.filter((c) => c.holds === null).length;
  const eligible = metCount < NOT_ELIGIBLE_THRESHOLD;
  // Uncertain when the unknowns could push the count across the threshold.
  const uncertain = eligible && metCount + unknownCount >= NOT_ELIGIBLE_THRESHOLD;
  return { conditions, metCount, unknownCount, eligible, uncertain, threshold: NOT_ELIGIBLE_THRESHOLD };
}
