/** "Sedang dibangun" page: says what the section will show, so the nav never leads nowhere. */
import { Link } from "@remix-run/react";
import { common } from "~/i18n";

export function PlaceholderPage({ title, intro, plans }: { title: string; intro: string; plans: readonly string[] }) {
  return (
    <section className="page placeholder" aria-labelledby="judul-halaman">
      <h1 id="judul-halaman">{title}</h1>
      <p className="lead">{intro}</p>
      <div className="notice">
        <p>
          <strong>{common.underConstruction}.</strong> {common.willShow}
        </p>
        <ul>
          {plans.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      </div>
      <p>
        <Link to="/">{common.backHome}</Link>
      </p>
    </section>
  );
}
