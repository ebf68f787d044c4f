import { getDatabase } from "../../../db/connection.server";
import { searchHouseholds } from "../../../db/households/search.server";
import { requireAccount } from "~/auth/session.server";

export const operatorRoles = ["admin", "kabupaten", "kecamatan", "desa"] as const;

export async function loadSearch(request: Request) {
  const account = await requireAccount(request, operatorRoles);
  const q = new URL(request.url).searchParams.get("q")?.slice(0, 100) ?? "";
  const { pool } = await getDatabase();
  return { q, hits: await searchHouseholds(pool, account, q) };
}
