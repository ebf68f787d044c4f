/** Query string of the targeting pages' links: fields that are null, undefined or "" are left out. */
export function query(values: Record<string, string | number | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== null && v !== undefined && v !== "") q.set(k, String(v));
  return q.toString();
}
