/**
 * Change detection for an applicant already in DTKS (Perwali Mojokerto Ps 9): field-by-field
 * differences; the application passes on only when a characteristic changed. Unknown on the new
 * side is not a change (the officer left it empty), unknown → known is.
 */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

function normalise(v: unknown): unknown {
  if (v === "" || v === undefined) return null;
  if (typeof v === "string") return v.trim().toLowerCase();
  return v;
}

export function diffCharacteristics(
  registered: Record<string, unknown>,
  applied: Record<string, unknown>,
  fields: readonly string[],
): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const before = normalise(registered[field]);
    const after = normalise(applied[field]);
    if (after === null) continue;
    if (before !== after) changes.push({ field, before: registered[field] ?? null, after: applied[field] });
  }
  return changes;
}
