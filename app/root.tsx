/** Document shell: lang="id", global styles, the app header/nav, error boundary. */
import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction, json } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useRouteError,
  useRouteLoaderData,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import { type ReactNode, useEffect } from "react";
import { getAccount } from "~/auth/session.server";
import { AppShell, type ShellAccount } from "~/components/shell/AppShell";
import { common } from "~/i18n";
import printStyles from "~/styles/print.css";
import appStyles from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: appStyles },
  { rel: "stylesheet", href: printStyles, media: "print" },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: common.productName }, { name: "description", content: common.tagline }];

/** Who is signed in, for the header (name, role, Keluar). Only display fields leave the server. */
export async function loader({ request }: LoaderFunctionArgs) {
  const account = await getAccount(request);
  const shellAccount: ShellAccount | null = account && { displayName: account.displayName, role: account.role };
  return json({ account: shellAccount });
}

// The account changes only through a submission (login, logout): plain navigations and map
// fetchers need not look the session up again.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formMethod, defaultShouldRevalidate }) =>
  formMethod ? defaultShouldRevalidate : false;

export function Layout({ children }: { children: ReactNode }) {
  // Absent when the root loader itself failed (the error boundary renders in this layout).
  const data = useRouteLoaderData<typeof loader>("root");
  // Marks the document once React has hydrated (browser tests wait for it before interacting).
  useEffect(() => {
    document.documentElement.dataset.hydrated = "1";
  }, []);
  return (
    <html lang="id">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#0f5132" />
        <Meta />
        <Links />
      </head>
      <body>
        <AppShell account={data?.account ?? null}>{children}</AppShell>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  if (!notFound) console.error(error);
  return (
    <section className="page" aria-labelledby="judul-galat">
      <h1 id="judul-galat">{notFound ? common.notFoundTitle : common.errorTitle}</h1>
      <p>{notFound ? common.notFoundBody : common.errorBody}</p>
      <p>
        <a href="/">{common.backHome}</a>
      </p>
    </section>
  );
}
