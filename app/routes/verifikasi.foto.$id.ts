/**
 * GET /verifikasi/foto/:id — a house photo of a field visit, only for operators whose wilayah
 * holds the photo's desa (personal data: the house). Never cached by shared caches or the
 * visit page's service worker (private, no-store).
 */
import { type LoaderFunctionArgs } from "@remix-run/node";
import { requireAccount } from "~/auth/session.server";
import { canViewPersonalData } from "../../analytics/access/scope";
import { getDatabase } from "../../db/connection.server";
import { readPhoto } from "../../db/verval/photos.server";
import { visitRoles } from "../../db/verval/visits.server";
import { privateNoStore } from "~/http/private-json";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const account = await requireAccount(request, visitRoles);
  const id = Number(params.id);
  if (!Number.isInteger(id) || id <= 0) throw new Response("Tidak ditemukan", { status: 404 });
  const photo = await readPhoto((await getDatabase()).pool, id);
  if (!photo) throw new Response("Tidak ditemukan", { status: 404 });
  if (!canViewPersonalData(account, photo.kodeDesa)) throw new Response("Akses ditolak", { status: 403 });
  return new Response(new Uint8Array(photo.content), {
    headers: {
      "Content-Type": photo.mime,
      "Content-Length": String(photo.content.length),
      ...privateNoStore,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'",
      ETag: `"${photo.sha256}"`,
    },
  });
}
