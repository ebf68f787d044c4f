/**
 * Wilayah scope checks. Every loader and action asks these before reading or writing: a desa
 * operator works only in its desa, a kecamatan operator only in its kecamatan, and so on.
 */
import { hasPersonalDataRights, type AccountScope } from "./roles";

/** Strips dots from a Kemendagri code (`35.08.01.2001` → `3508012001`). */
export function plainCode(code: string): string {
  return code.replace(/\./g, "");
}

/** The code prefix every row in scope starts with; '' means no restriction. */
export function scopePrefix(account: AccountScope): string {
  return account.role === "admin" || account.role === "guest" ? "" : account.scopeCode;
}

/** True when the area (any level) lies inside the account's scope. */
export function isInScope(account: AccountScope, areaCode: string): boolean {
  return plainCode(areaCode).startsWith(scopePrefix(account));
}

/**
 * True when the account may see the area at all. A kecamatan operator may look at its kabupaten's
 * aggregate figures (the area contains its scope), but personal data only inside its scope.
 */
export function canViewArea(account: AccountScope, areaCode: string): boolean {
  const code = plainCode(areaCode);
  const prefix = scopePrefix(account);
  return code.startsWith(prefix) || prefix.startsWith(code);
}

/** Personal data (NIK, names, exact locations) of a household in `kodeDesa`. */
export function canViewPersonalData(account: AccountScope, kodeDesa: string): boolean {
  return hasPersonalDataRights(account.role) && isInScope(account, kodeDesa);
}

export type WriteTarget = "household" | "member" | "location" | "program" | "recipients" | "boundaries" | "account";

/**
 * Who may change what. Desa operators keep their households, members and locations current;
 * kecamatan operators may do the same across their kecamatan; kabupaten/OPD operators also load
 * program and recipient data; boundaries and accounts are the administrator's.
 */
export function canWrite(account: AccountScope, target: WriteTarget, areaCode?: string): boolean {
  if (account.role === "guest") return false;
  if (account.role === "admin") return true;
  const inScope = areaCode === undefined ? true : isInScope(account, areaCode);
  switch (target) {
    case "household":
    case "member":
    case "location":
      return inScope;
    case "program":
    case "recipients":
      return account.role === "kabupaten" && inScope;
    case "boundaries":
    case "account":
      return false;
  }
}

/**
 * Which file kinds a role may import. Whole-kabupaten files (DTKS, Dukcapil, recipients) are the
 * kabupaten/OPD operators' and the admin's; boundaries only the admin's. Desa operators keep
 * their data current through the forms, where every change is checked against their desa.
 */
export function canImportKind(account: AccountScope, kind: string): boolean {
  if (account.role === "admin") return true;
  if (account.role !== "kabupaten") return false;
  return kind !== "wilayah";
}
