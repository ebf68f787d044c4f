/** /data/akun — account administration (admins only): list, create, activate/deactivate. */
import { type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { common, t } from "~/i18n";
import { admin as s } from "~/i18n/id/admin";
import { auth } from "~/i18n/id/auth";
import styles from "~/styles/wilayah.css";
import { accountAction, loadAccounts } from "./data.server";
import { privateJson } from "~/http/private-json";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction = () => [{ title: `${s.accountsTitle} — ${common.productName}` }];

export async function loader({ request }: LoaderFunctionArgs) {
  return privateJson(await loadAccounts(request));
}

export async function action({ request }: ActionFunctionArgs) {
  return accountAction(request);
}

export default function AccountsPage() {
  const { me, accounts } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <section className="page wilayah" aria-labelledby="judul-akun">
      <h1 id="judul-akun">{s.accountsTitle}</h1>
      <p className="lead">{s.accountsIntro}</p>
      <div className="table-scroll card">
        <table data-testid="accounts-table">
          <thead>
            <tr>
              <th scope="col">{s.username}</th>
              <th scope="col">{s.displayName}</th>
              <th scope="col">{s.role}</th>
              <th scope="col">{s.desa}</th>
              <th scope="col">{s.active}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {accounts.map((a) => (
              <tr key={a.id}>
                <td className="mono">{a.username}</td>
                <td>{a.displayName}</td>
                <td>{auth.roles[a.role]}</td>
                <td className="mono">{a.scopeCode || "–"}</td>
                <td>{a.active ? s.yes : s.no}</td>
                <td>
                  {a.id !== me ? (
                    <Form method="post">
                      <input type="hidden" name="intent" value="toggle" />
                      <input type="hidden" name="id" value={a.id} />
                      <button type="submit" className="button button-secondary" disabled={busy}>
                        {a.active ? s.deactivate : s.activate}
                      </button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Form method="post" className="card filter-row" aria-labelledby="judul-buat">
        <h2 id="judul-buat" style={{ flexBasis: "100%" }}>{s.create}</h2>
        <input type="hidden" name="intent" value="create" />
        <label>{s.username}<input name="username" required autoComplete="off" /></label>
        <label>{s.displayName}<input name="displayName" required /></label>
        <label>
          {s.role}
          <select name="role" defaultValue="desa">
            {Object.entries(auth.roles).map(([k, v]) => (
              <option key={k} value={k}>{v}</option>
            ))}
          </select>
        </label>
        <label>{s.scope}<input name="scopeCode" inputMode="numeric" /></label>
        <label>{s.password}<input name="password" type="password" required autoComplete="new-password" /></label>
        <button type="submit" className="button" disabled={busy}>{s.create}</button>
        {result?.created ? <p role="status" className="notice" style={{ flexBasis: "100%" }}>{t(s.created, { u: result.created })}</p> : null}
        {result && result.problems.length ? (
          <ul role="alert" className="form-error" style={{ flexBasis: "100%" }}>
            {result.problems.map((p) => <li key={p}>{p}</li>)}
          </ul>
        ) : null}
      </Form>
    </section>
  );
}
