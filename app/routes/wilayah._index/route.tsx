/** /wilayah — goes to the loaded kabupaten's profile (the region tree starts there). */
import { json, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { wilayah as s } from "~/i18n/id/wilayah";
import { firstKabupaten } from "../wilayah.$kode/data.server";

export async function loader() {
  const code = await firstKabupaten();
  if (code) throw redirect(`/wilayah/${code}`);
  return json({ empty: true });
}

export default function WilayahIndex() {
  useLoaderData<typeof loader>();
  return (
    <section className="page">
      <p className="notice">{s.noRegion}</p>
    </section>
  );
}
