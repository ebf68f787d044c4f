/** Tabs between the targeting pages; keeps program and period when switching. */
import { Link } from "@remix-run/react";
import { analisis as s } from "~/i18n/id/analisis";

const pages = [
  ["sasaran", "/analisis/sasaran"],
  ["temuan", "/analisis/temuan"],
  ["calon", "/analisis/calon"],
  ["usulan", "/analisis/usulan"],
] as const;

export function SasaranNav({ current, program, periode }: { current: (typeof pages)[number][0]; program?: string | null; periode?: string | null }) {
  const q = new URLSearchParams();
  if (program) q.set("program", program);
  if (periode) q.set("periode", periode);
  const qs = q.toString();
  return (
    <nav aria-label={s.sasaran.toolsTitle}>
      <ul className="sasaran-nav no-print">
        {pages.map(([key, path]) => (
          <li key={key}>
            <Link to={key === "usulan" || !qs ? path : `${path}?${qs}`} aria-current={key === current ? "page" : undefined}>
              {s.nav[key]}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
