/**
 * User levels of the regulations (Perbup Lumajang Ps 3 and 13, Pergub Gorontalo lampiran I–II):
 * administrator, kabupaten/OPD, kecamatan, desa, plus read-only guests. Each account is bound to a
 * wilayah scope whose code length matches its level.
 */
import { z } from "zod";

export const roles = ["admin", "kabupaten", "kecamatan", "desa", "guest"] as const;
export type Role = (typeof roles)[number];

/** Length of the plain Kemendagri code a role's scope must have (admin and guest: any area). */
export const scopeCodeLength: Record<Role, number | null> = {
  admin: null,
  kabupaten: 4,
  kecamatan: 6,
  desa: 10,
  guest: null,
};

export const AccountScopeSchema = z
  .object({
    role: z.enum(roles),
    /** Plain digits; empty for admin (everything) and for guests (published aggregates only). */
    scopeCode: z.string().regex(/^(\d{4}|\d{6}|\d{10})?$/, "kode wilayah harus 4, 6 atau 10 digit"),
  })
  .superRefine((value, ctx) => {
    const needed = scopeCodeLength[value.role];
    if (needed !== null && value.scopeCode.length !== needed) {
      ctx.addIssue({
        code: "custom",
        path: ["scopeCode"],
        message: `peran ${value.role} memerlukan kode wilayah ${needed} digit`,
      });
    }
  });

export type AccountScope = z.infer<typeof AccountScopeSchema>;

/** Roles allowed to see NIK, names and exact locations (inside their scope only). */
export function hasPersonalDataRights(role: Role): boolean {
  return role !== "guest";
}
