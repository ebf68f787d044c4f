/**
 * Who looks at the targeting pages: personal-data rights and wilayah scope from the session.
 * Guests and the public (not signed in) get aggregates only.
 */
import { hasPersonalDataRights } from "../../../analytics/access/roles";
import { isInScope, scopePrefix } from "../../../analytics/access/scope";
import type { Account } from "../../../db/accounts/accounts.server";
import { getAccount, publicVisitor } from "~/auth/session.server";

export interface AnalysisViewer {
  account: Account;
  /** May see NIK, No. KK and names inside `scope`. */
  personal: boolean;
  /** Code prefix of the viewer's personal-data scope ('' = everything). */
  scope: string;
}

export async function analysisViewer(request: Request): Promise<AnalysisViewer> {
  const account = (await getAccount(request)) ?? publicVisitor;
  return { account, personal: account.id !== 0 && hasPersonalDataRights(account.role), scope: scopePrefix(account) };
}

/** The area a personal-data list may cover: the asked area when inside scope, else the scope; null = forbidden. */
export function personalArea(viewer: AnalysisViewer, asked: string | undefined): string | null {
  if (!viewer.personal) return null;
  if (!asked) return viewer.scope;
  return isInScope(viewer.account, asked) ? asked : null;
}

/** 403 for an asked area outside the viewer's scope. */
export function forbidden(): Response {
  return new Response("Akses ditolak: wilayah di luar cakupan akun Anda", { status: 403 });
}
