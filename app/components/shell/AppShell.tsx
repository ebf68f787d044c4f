/** Header, navigation, main landmark and footer around every page. */
import { NavLink } from "@remix-run/react";
import { type ReactNode } from "react";
import { common } from "~/i18n";

const navItems = [
  { to: "/peta", label: common.nav.peta },
  { to: "/wilayah", label: common.nav.wilayah },
  { to: "/analisis", label: common.nav.analisis },
  { to: "/data", label: common.nav.data },
  { to: "/verifikasi", label: common.nav.verifikasi },
] as const;

export function AppShell({ children }: { children: ReactNode }) {
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
      </header>
      <main id="konten" tabIndex={-1} className="app-main">
        {children}
      </main>
      <footer className="app-footer">{common.footer}</footer>
    </>
  );
}
