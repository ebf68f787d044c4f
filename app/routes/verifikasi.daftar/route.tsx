/** /verifikasi/daftar — registration of a household (pendaftaran aktif/pasif, Perwali Mojokerto Ps 6–7). */
import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { common, t } from "~/i18n";
import { vervalDaftar as s } from "~/i18n/id/verval-daftar";
import { RegistrationForm } from "~/components/verval/RegistrationForm";
import styles from "~/styles/verval-daftar.css";
import { loadRegistration, registrationAction } from "./data.server";
import { privateJson } from "~/http/private-json";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: `${s.registerTitle} — ${common.productName}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  return privateJson(await loadRegistration(request));
}

export async function action({ request }: ActionFunctionArgs) {
  const result = await registrationAction(request);
  if (result.kind === "created") return redirect(`/verifikasi/permohonan/${result.id}?baru=1`);
  if (result.kind === "updated") return redirect(`/verifikasi/permohonan/${result.id}?diubah=1`);
  return json(result.reply, { status: result.status });
}

export default function RegistrationPage() {
  const d = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <section className="page reg-page" aria-labelledby="judul-daftar">
      <p className="eyebrow">
        {d.edit ? <Link to={`/verifikasi/permohonan/${d.edit.id}`}>{s.backToApplication}</Link> : <Link to="/verifikasi/permohonan">{s.toList}</Link>}
      </p>
      <h1 id="judul-daftar">{d.edit ? t(s.editTitle, { id: d.edit.id }) : s.registerTitle}</h1>
      <p className="lead">{d.edit ? s.editIntro : s.registerIntro}</p>
      {d.canRegister ? (
        <RegistrationForm
          key={d.edit ? `ubah-${d.edit.id}-${d.edit.version}` : "baru"}
          lastResult={lastResult}
          desaOptions={d.desaOptions}
          fixedDesa={d.fixedDesa}
          officer={d.officer}
          edit={d.edit}
        />
      ) : (
        <p className="notice">{s.viewOnly}</p>
      )}
    </section>
  );
}
