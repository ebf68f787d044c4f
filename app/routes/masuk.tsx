/** /masuk — login. Thin: validation with zod, the work in app/auth and db/accounts. */
import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { auth } from "~/i18n/id/auth";
import { loginAction, loginLoader } from "./masuk.server";

export const meta: MetaFunction = () => [{ title: `${auth.loginTitle}` }];

export const LoginSchema = z.object({
  username: z.string().trim().min(1, auth.required),
  password: z.string().min(1, auth.required),
  ke: z.string().optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const target = await loginLoader(request);
  return target ? redirect(target) : json({});
}

export async function action({ request }: ActionFunctionArgs) {
  return loginAction(request, LoginSchema);
}

export default function Masuk() {
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const busy = navigation.state !== "idle";
  return (
    <section className="page page-narrow" aria-labelledby="judul-masuk">
      <h1 id="judul-masuk">{auth.loginTitle}</h1>
      <p>{auth.loginIntro}</p>
      <Form method="post" className="form-stack" noValidate>
        <input type="hidden" name="ke" value={params.get("ke") ?? "/"} />
        <label>
          {auth.username}
          <input name="username" autoComplete="username" required autoCapitalize="none" />
        </label>
        <label>
          {auth.password}
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {result && "error" in result ? (
          <p role="alert" className="form-error">
            {result.error}
          </p>
        ) : null}
        <button type="submit" disabled={busy}>
          {busy ? auth.submitting : auth.submit}
        </button>
      </Form>
    </section>
  );
}
