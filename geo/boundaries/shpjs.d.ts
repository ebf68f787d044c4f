/** shpjs ships no types; the one function the boundary import uses. */
declare module "shpjs" {
  export function parseZip(buffer: ArrayBuffer | Uint8Array, whiteList?: string[]): Promise<unknown>;
}
