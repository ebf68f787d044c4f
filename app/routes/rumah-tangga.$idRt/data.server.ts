/** Loader and actions of the household page: scope checks first, then db/households. */
import { getDatabase } from "../../../db/connection.server";
import { householdDetail } from "../../../db/households/detail.server";
import { updateHousehold } from "../../../db/households/edit.server";
import { LocationUpdateSchema, setHouseholdLocation } from "../../../db/households/location.server";
import { canWrite } from "../../../analytics/access/scope";
import { invalidateTiles } from "../../../geo/tiles/tiles.server";
import { assertPersonalDataAccess, requireAccount } from "~/auth/session.server";
import { operatorRoles } from "../rumah-tangga._index/data.server";

export async function loadHousehold(request: Request, idRt: string) {
  const account = await requireAccount(request, operatorRoles);
  const { pool } = await getDatabase();
  const detail = await householdDetail(pool, idRt);
  if (!detail) throw new Response("Rumah tangga tidak ditemukan", { status: 404 });
  assertPersonalDataAccess(account, detail.household.kode_desa);
  return { ...detail, canEdit: canWrite(account, "household", detail.household.kode_desa) };
}

export type HouseholdActionResult =
  | { intent: "edit"; ok: true; changed: string[] }
  | { intent: "edit"; ok: false; error: string; issues?: string[] }
  | { intent: "lokasi"; ok: true; insideDesa: boolean }
  | { intent: "lokasi"; ok: false; error: string };

export async function householdAction(request: Request, idRt: string): Promise<HouseholdActionResult> {
  const account = await requireAccount(request, operatorRoles);
  const { pool } = await getDatabase();
  const form = Object.fromEntries(await request.formData());
  const { intent, version, ...fields } = form;
  if (intent === "lokasi") {
    const parsed = LocationUpdateSchema.safeParse({ ...fields, idRt, version });
    if (!parsed.success) return { intent: "lokasi", ok: false, error: "invalid" };
    const result = await setHouseholdLocation(pool, account, parsed.data);
    // The household point moved: cached point tiles would still show the old place.
    if (result.ok) invalidateTiles();
    return result.ok ? { intent: "lokasi", ok: true, insideDesa: result.insideDesa } : { intent: "lokasi", ok: false, error: result.error };
  }
  const result = await updateHousehold(pool, account, idRt, Number(version), fields);
  if (result.ok && result.changed.length) invalidateTiles();
  return result.ok
    ? { intent: "edit", ok: true, changed: result.changed }
    : { intent: "edit", ok: false, error: result.error, ...(result.issues ? { issues: result.issues } : {}) };
}
