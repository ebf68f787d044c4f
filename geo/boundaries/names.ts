/**
 * Official names of kecamatan and kabupaten (Kepmendagri, via the npm package idn-area-data), for
 * parent regions dissolved from their children when the boundary file has no row for them.
 */
import { getDistricts, getRegencies } from "idn-area-data";

let cache: Promise<Map<string, string>> | undefined;

async function load(): Promise<Map<string, string>> {
  const [districts, regencies] = await Promise.all([getDistricts(), getRegencies()]);
  const names = new Map<string, string>();
  for (const r of [...districts, ...regencies]) names.set(r.code.replace(/\./g, ""), r.name);
  return names;
}

/** Name of a plain kecamatan/kabupaten code, or a readable fallback when unknown. */
export async function officialRegionName(code: string): Promise<string> {
  cache ??= load().catch(() => new Map());
  const name = (await cache).get(code);
  if (name) return name;
  return code.length === 6 ? `Kecamatan ${code.slice(0, 2)}.${code.slice(2, 4)}.${code.slice(4)}` : `Kabupaten ${code.slice(0, 2)}.${code.slice(2)}`;
}
