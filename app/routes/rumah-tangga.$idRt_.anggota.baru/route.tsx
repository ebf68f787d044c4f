/** /rumah-tangga/:idRt/anggota/baru — add a member (a birth, a marriage, someone moving in). */
import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { t } from "~/i18n";
import { anggota as a } from "~/i18n/id/households";
import styles from "~/styles/households.css";
import memberStyles from "~/components/households/members.css";
import { MemberForm } from "~/components/households/MemberForm";
import { loadNewMember, newMemberAction } from "./data.server";
import { privateJson } from "~/http/private-json";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "stylesheet", href: memberStyles },
];
export const meta: MetaFunction = () => [{ title: a.addTitle }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return privateJson(await loadNewMember(request, params.idRt ?? ""));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const result = await newMemberAction(request, params.idRt ?? "");
  if (result instanceof Response) return result;
  return json(result, { status: 400 });
}

export default function NewMemberPage() {
  const d = useLoaderData<typeof loader>();
  const r = useActionData<typeof action>();
  const saving = useNavigation().state === "submitting";
  return (
    <section className="page member-page" aria-labelledby="judul-anggota-baru">
      <p className="eyebrow">
        <Link to={`/rumah-tangga/${encodeURIComponent(d.idRt)}`}>← {t(a.backToHousehold, { id: d.idRt })}</Link>
      </p>
      <h1 id="judul-anggota-baru">{a.addTitle}</h1>
      {r ? (
        <p role="alert" className="form-error">
          {a.invalid}
        </p>
      ) : null}
      <section className="card">
        <MemberForm
          id="anggota-baru"
          intent="tambah"
          context={{}}
          defaultValue={{ no_kk: d.defaultNoKk }}
          lastResult={r?.result ?? null}
          submitLabel={a.add}
          saving={saving}
        />
      </section>
    </section>
  );
}
