/**
 * The registration-to-decree cycle (Perwali Mojokerto Ps 4–13, Kepwal Bekasi 1–8): statuses, who
 * may move an application from one to the next, and what each move must carry. Pure: the server
 * asks `checkTransition` before writing, and records who and when with the new status.
 */
import type { Role } from "../access/roles";

export const applicationStatuses = ["draft", "submitted", "verified", "rejected", "approved", "proposed", "decreed"] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

export const statusLabels: Record<ApplicationStatus, string> = {
  draft: "Draf",
  submitted: "Diajukan",
  verified: "Terverifikasi",
  rejected: "Tidak valid",
  approved: "Disetujui musdes/muskel",
  proposed: "Diusulkan ke kabupaten",
  decreed: "Ditetapkan (SK)",
};

interface TransitionRule {
  from: ApplicationStatus;
  to: ApplicationStatus;
  roles: readonly Role[];
  /** Facts the move must carry. */
  requires: readonly ("visitResult" | "meetingDate" | "minutesRef" | "decreeNumber" | "reason")[];
}

export const transitions: readonly TransitionRule[] = [
  { from: "draft", to: "submitted", roles: ["desa", "kecamatan", "admin"], requires: [] },
  { from: "submitted", to: "verified", roles: ["kecamatan", "admin"], requires: ["visitResult"] },
  { from: "submitted", to: "rejected", roles: ["kecamatan", "admin"], requires: ["visitResult", "reason"] },
  { from: "rejected", to: "draft", roles: ["desa", "admin"], requires: ["reason"] },
  { from: "verified", to: "approved", roles: ["desa", "admin"], requires: ["meetingDate", "minutesRef"] },
  { from: "approved", to: "proposed", roles: ["desa", "kecamatan", "admin"], requires: [] },
  { from: "proposed", to: "decreed", roles: ["kabupaten", "admin"], requires: ["decreeNumber"] },
];

export type TransitionCheck = { ok: true } | { ok: false; reason: "no_such_transition" | "role_not_allowed" | "missing"; missing?: string[] };

export function checkTransition(
  from: ApplicationStatus,
  to: ApplicationStatus,
  role: Role,
  facts: Partial<Record<TransitionRule["requires"][number], string | null | undefined>>,
): TransitionCheck {
  const rule = transitions.find((t) => t.from === from && t.to === to);
  if (!rule) return { ok: false, reason: "no_such_transition" };
  if (!rule.roles.includes(role)) return { ok: false, reason: "role_not_allowed" };
  const missing = rule.requires.filter((k) => !facts[k] || String(facts[k]).trim() === "");
  return missing.length ? { ok: false, reason: "missing", missing } : { ok: true };
}

/** The moves a role can make from a status (for the buttons a page shows). */
export function nextStatuses(from: ApplicationStatus, role: Role): ApplicationStatus[] {
  return transitions.filter((t) => t.from === from && t.roles.includes(role)).map((t) => t.to);
}
