/** Header, navigation, main landmark and footer around every page. */
import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { type ReactNode } from "react";
import { auth, common } from "~/i18n";

export interface ShellAccount {
  displayName: string;
  role: keyof typeof auth.roles;
}

const navItems = [
  { to: "/peta", label: common.nav.peta },
  { to: "/wilayah", label: common.nav.wilayah },
  { to: "/analisis", label: common.nav.analisis },
  { to: "/data", label: common.nav.data },
  { to: "/verifikasi", label: common.nav.verifikasi },
] as const;

/** Signed in: name, role and a POST logout; otherwise a link to /masuk that returns here. */
function AccountMenu({ account }: { account: ShellAccount | null }) {
  const location = useLocation();
  if (!account) {
    if (location.pathname === "/masuk") return null;
    return (
      <Link className="account-link" to={`/masuk?ke=${encodeURIComponent(location.pathname + location.search)}`}>
        {auth.submit}
      </Link>
    );
  }
  return (
    <Form method="post" action="/keluar" className="account">
      <span className="account-name">
        {account.displayName}
        <span className="account-role"> · {auth.roles[account.role] ?? account.role}</span>
      </span>
      <button type="submit" className="account-link">
        {auth.logout}
      </button>
    </Form>
  );
}

export function AppShell({ children, account }: { children: ReactNode; account: ShellAccount | null }) {
  return (
    <>
      <a className="skip-link" href="#konten">
        {common.skipToContent}
      </a>
      <header className="app-header">
        <NavLink to="/" className="brand" end>
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">{common.productName}</span>
        </NavLink>
        <nav className="app-nav" aria-label={common.mainNav}>
          <ul>
            {navItems.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} prefetch="intent">
                  {item.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <AccountMenu account={account} />
      </header>
      <main id="konten" tabIndex={-1} className="app-main">
        {children}
      </main>
      <footer className="app-footer">{common.footer}</footer>
    </>
  );
}
