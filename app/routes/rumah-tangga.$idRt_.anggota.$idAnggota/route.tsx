/** /rumah-tangga/:idRt/anggota/:idAnggota — edit a member, or record that the member left. */
import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { t } from "~/i18n";
import { anggota as a, households as s } from "~/i18n/id/households";
import styles from "~/styles/households.css";
import memberStyles from "~/components/households/members.css";
import { ConflictNotice } from "~/components/households/ConflictNotice";
import { MemberExitForm } from "~/components/households/MemberExitForm";
import { MemberForm } from "~/components/households/MemberForm";
import { loadMember, memberAction } from "./data.server";
import { privateJson } from "~/http/private-json";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "stylesheet", href: memberStyles },
];
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? t(a.editTitle, { name: data.values.nama ?? "" }) : a.addTitle }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return privateJson(await loadMember(request, params.idRt ?? "", params.idAnggota));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const result = await memberAction(request, params.idRt ?? "", params.idAnggota);
  if (result instanceof Response) return result;
  return json(result, { status: result.status === "stale" ? 409 : result.status === "invalid" ? 400 : 200 });
}

export default function MemberPage() {
  const d = useLoaderData<typeof loader>();
  const r = useActionData<typeof action>();
  const nav = useNavigation();
  const saving = nav.state === "submitting";
  const savingIntent = nav.formData?.get("intent");
  return (
    <section className="page member-page" aria-labelledby="judul-anggota-ubah">
      <p className="eyebrow">
        <Link to={`/rumah-tangga/${encodeURIComponent(d.idRt)}`}>← {t(a.backToHousehold, { id: d.idRt })}</Link>
      </p>
      <h1 id="judul-anggota-ubah">{t(a.editTitle, { name: d.values.nama ?? "" })}</h1>
      {r && "conflict" in r ? <ConflictNotice mine={r.conflict.mine} stored={r.conflict.stored} lastChange={r.conflict.lastChange} /> : null}
      {r?.status === "unchanged" ? (
        <p role="status" className="notice">
          {a.unchanged}
        </p>
      ) : null}
      {r?.status === "invalid" && r.intent === "ubah" ? (
        <p role="alert" className="form-error">
          {a.invalid}
        </p>
      ) : null}
      <section className="card" aria-label={s.editTitle}>
        <MemberForm
          id="anggota-ubah"
          intent="ubah"
          version={d.version}
          context={{ currentNik: d.nik, currentNoKk: d.noKk }}
          defaultValue={d.values}
          lastResult={r?.intent === "ubah" ? r.result : null}
          submitLabel={s.save}
          saving={saving && savingIntent === "ubah"}
        />
      </section>
      <section className="card" aria-labelledby="judul-keluar">
        <h2 id="judul-keluar">{a.exitTitle}</h2>
        <p className="muted">{a.exitIntro}</p>
        <MemberExitForm
          name={d.values.nama ?? ""}
          version={d.version}
          lastResult={r?.intent === "keluar" ? r.result : null}
          saving={saving && savingIntent === "keluar"}
        />
      </section>
    </section>
  );
}
