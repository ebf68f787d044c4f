/**
 * Small-area suppression (domain.md §7): users without personal-data rights see no value for an
 * area with fewer than 5 units (households, people, recipients: whatever the measure counts), so
 * a figure cannot point at identifiable households. Suppression happens before classification,
 * so class edges never reveal a hidden value either.
 */
export const minUnitsForPublication = 5;

export interface AreaValue {
  value: number | null;
  units: number;
}

export type Suppressed<T extends AreaValue> = T & { suppressed: boolean };

/** True when the area's value must be hidden from a user without personal-data rights. */
export function mustSuppress(units: number, canSeePersonalData: boolean, minUnits = minUnitsForPublication): boolean {
  return !canSeePersonalData && units > 0 && units < minUnits;
}

export function suppress<T extends AreaValue>(
  rows: readonly T[],
  canSeePersonalData: boolean,
  minUnits = minUnitsForPublication,
): Suppressed<T>[] {
  return rows.map((r) => {
    const hide = mustSuppress(r.units, canSeePersonalData, minUnits);
    return { ...r, value: hide ? null : r.value, suppressed: hide };
  });
}
