/**
 * The default eligibility rules of domain.md sections 5 and 8, evaluated on one generated
 * household, so the seed can give programs mostly to eligible units (and plant clear-cut
 * targeting errors). Mirrors the rules; the findings engine has its own implementation.
 */
import type { SeedHousehold, SeedMember } from "./household";

/** Counted in eligibility: alive and not moved on the reference date (domain.md section 8). */
export function isActive(m: SeedMember, refDay: number): boolean {
  return m.status === "hidup" || m.tanggalStatus === null || m.tanggalStatus >= refDay;
}

export function pkhComponent(m: SeedMember): boolean {
  return (
    m.hamil ||
    m.age <= 6 ||
    (m.age >= 7 && m.age <= 18 && m.partisipasi === "masih_sekolah") ||
    m.age >= 60 ||
    m.disabilitas === "berat"
  );
}

/** RTLH criteria met (domain.md section 8 `rtlh`: at least two). */
export function rtlhCriteria(h: SeedHousehold): number {
  const r = h.row;
  const size = h.members.length;
  let n = 0;
  if (["bambu", "anyaman_bambu", "batang_kayu"].includes(String(r.dinding)) || r.kondisi_dinding === "jelek") n++;
  if (["bambu", "jerami_ijuk_rumbia"].includes(String(r.atap)) || r.kondisi_atap === "jelek") n++;
  if (["tanah", "bambu"].includes(String(r.lantai))) n++;
  if (["umum", "tidak_ada"].includes(String(r.fasilitas_bab))) n++;
  if (typeof r.luas_lantai === "number" && size > 0 && r.luas_lantai / size < 7.2) n++;
  return n;
}

export const pipEligiblePerson = (m: SeedMember) => m.age >= 6 && m.age <= 21 && m.partisipasi === "masih_sekolah";

export interface HouseholdEligibility {
  /** Per family index. */
  pkh: boolean[];
  bpnt: boolean[];
  bltDd: boolean[];
  /** Per member index. */
  pbi: boolean[];
  pip: boolean[];
  rtlh: boolean;
}

export function evaluate(h: SeedHousehold, refDay: number): HouseholdEligibility {
  const active = h.members.map((m) => isActive(m, refDay));
  const fams = h.families.map((_, f) => h.members.filter((m, i) => m.family === f && active[i]));
  return {
    pkh: fams.map((ms) => h.desil <= 4 && ms.some(pkhComponent)),
    bpnt: fams.map(() => h.desil <= 4),
    bltDd: fams.map(() => h.desil <= 4),
    pbi: h.members.map((_, i) => active[i] && h.desil <= 5),
    pip: h.members.map((m, i) => active[i] && h.desil <= 4 && pipEligiblePerson(m)),
    rtlh: h.desil <= 5 && rtlhCriteria(h) >= 2,
  };
}
