import { describe, expect, it } from "vitest";
import { coarsenLocation, maskName, maskNik } from "./masking";
import { AccountScopeSchema, hasPersonalDataRights, type AccountScope } from "./roles";
import { canViewArea, canViewPersonalData, canWrite, isInScope, scopePrefix } from "./scope";

const desa: AccountScope = { role: "desa", scopeCode: "3508012001" };
const kecamatan: AccountScope = { role: "kecamatan", scopeCode: "350801" };
const kabupaten: AccountScope = { role: "kabupaten", scopeCode: "3508" };
const admin: AccountScope = { role: "admin", scopeCode: "" };
const guest: AccountScope = { role: "guest", scopeCode: "" };

describe("account scope schema", () => {
  it("requires a scope code of the role's length", () => {
    expect(AccountScopeSchema.safeParse(desa).success).toBe(true);
    expect(AccountScopeSchema.safeParse({ role: "desa", scopeCode: "350801" }).success).toBe(false);
    expect(AccountScopeSchema.safeParse({ role: "kecamatan", scopeCode: "35.08.01" }).success).toBe(false);
    expect(AccountScopeSchema.safeParse(admin).success).toBe(true);
  });
});

describe("scope", () => {
  it("limits each role to its own area, dotted or plain codes alike", () => {
    expect(isInScope(desa, "35.08.01.2001")).toBe(true);
    expect(isInScope(desa, "3508012002")).toBe(false);
    expect(isInScope(kecamatan, "3508012002")).toBe(true);
    expect(isInScope(kecamatan, "3508022001")).toBe(false);
    expect(isInScope(kabupaten, "3508022001")).toBe(true);
    expect(isInScope(kabupaten, "3509012001")).toBe(false);
    expect(isInScope(admin, "3509012001")).toBe(true);
    expect(scopePrefix(guest)).toBe("");
  });

  it("lets operators view the areas that contain their scope, but not their neighbours", () => {
    expect(canViewArea(desa, "3508")).toBe(true);
    expect(canViewArea(desa, "350801")).toBe(true);
    expect(canViewArea(desa, "350802")).toBe(false);
  });

  it("shows personal data only to rights-holding roles inside their scope", () => {
    expect(canViewPersonalData(desa, "3508012001")).toBe(true);
    expect(canViewPersonalData(desa, "3508012002")).toBe(false);
    expect(canViewPersonalData(guest, "3508012001")).toBe(false);
    expect(hasPersonalDataRights("guest")).toBe(false);
  });

  it("gives write rights by role and scope", () => {
    expect(canWrite(desa, "location", "3508012001")).toBe(true);
    expect(canWrite(desa, "location", "3508012002")).toBe(false);
    expect(canWrite(desa, "recipients", "3508012001")).toBe(false);
    expect(canWrite(kabupaten, "recipients", "3508012001")).toBe(true);
    expect(canWrite(kabupaten, "boundaries")).toBe(false);
    expect(canWrite(admin, "account")).toBe(true);
    expect(canWrite(guest, "household", "3508012001")).toBe(false);
  });
});

describe("masking", () => {
  it("masks NIK as 3508**********01", () => {
    expect(maskNik("3508014107900001")).toBe("3508**********01");
  });
  it("keeps initials only of a name", () => {
    expect(maskName("  Siti   Aminah ")).toBe("S*** A*****");
    expect(maskName("A")).toBe("A*");
  });
  it("coarsens a location to two decimals", () => {
    expect(coarsenLocation(113.123456, -8.123456)).toEqual([113.12, -8.12]);
  });
});
