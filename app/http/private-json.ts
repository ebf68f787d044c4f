/**
 * Loaders whose answer depends on who asks (scope, masking, personal data) must never be stored
 * by a shared cache or the browser's back-forward cache: one helper so no route forgets it.
 */
import { json } from "@remix-run/node";

export const privateNoStore = { "Cache-Control": "private, no-store" } as const;

export function privateJson<T>(data: T, init: { status?: number } = {}) {
  return json(data, { ...init, headers: privateNoStore });
}
