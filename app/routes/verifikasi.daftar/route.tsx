/** /verifikasi/daftar — registration of a household (pendaftaran aktif/pasif, Perwali Mojokerto Ps 6–7). */
import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { common } from "~/i18n";
import { vervalDaftar as s } from "~/i18n/id/verval-daftar";
import { RegistrationForm } from "~/components/verval/RegistrationForm";
import styles from "~/styles/verval-daftar.css";
import { loadRegistration, registrationAction } from "./data.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: `${s.registerTitle} — ${common.productName}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  return json(await loadRegistration(request), { headers: { "Cache-Control": "private, no-store" } });
}

export async function action({ request }: ActionFunctionArgs) {
  const result = await registrationAction(request);
  if (result.kind === "created") return redirect(`/verifikasi/permohonan/${result.id}?baru=1`);
  return json(result.reply, { status: result.status });
}

export default function RegistrationPage() {
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <section className="page reg-page" aria-labelledby="judul-daftar">
      <p className="eyebrow">
        <Link to="/verifikasi/permohonan">{s.toList}</Link>
      </p>
      <h1 id="judul-daftar">{s.registerTitle}</h1>
      <p className="lead">{s.registerIntro}</p>
      {d.canRegister ? (
        <RegistrationForm lastResult={lastResult} desaOptions={d.desaOptions} fixedDesa={d.fixedDesa} officer={d.officer} />
      ) : (
        <p className="notice">{s.viewOnly}</p>
      )}
    </section>
  );
}
