/** /rumah-tangga — search households by NIK, No. KK, name, address or id (scoped to the account). */
import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useNavigation } from "@remix-run/react";
import { t } from "~/i18n";
import { households as s } from "~/i18n/id/households";
import styles from "~/styles/households.css";
import { loadSearch } from "./data.server";
import { privateJson } from "~/http/private-json";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = () => [{ title: s.searchTitle }];

export async function loader({ request }: LoaderFunctionArgs) {
  return privateJson(await loadSearch(request));
}

export default function HouseholdSearch() {
  const { q, hits } = useLoaderData<typeof loader>();
  const busy = useNavigation().state === "loading";
  return (
    <section className="page" aria-labelledby="judul-cari">
      <h1 id="judul-cari">{s.searchTitle}</h1>
      <Form method="get" role="search" className="search-form">
        <label htmlFor="q">{s.searchLabel}</label>
        <div className="search-row">
          <input id="q" name="q" type="search" defaultValue={q} inputMode="search" autoComplete="off" minLength={2} />
          <button type="submit" className="button">
            {s.searchButton}
          </button>
        </div>
        <p className="muted">{s.searchHint}</p>
      </Form>
      {q.trim().length >= 2 ? (
        <div aria-live="polite" aria-busy={busy}>
          <p>{hits.length ? t(s.resultCount, { n: hits.length }) : s.noResults}</p>
          <ul className="result-list">
            {hits.map((h) => (
              <li key={h.idRt} className="card">
                <Link to={`/rumah-tangga/${encodeURIComponent(h.idRt)}`}>
                  <strong>{h.kepala ?? h.idRt}</strong>
                </Link>
                {h.matchedName && h.matchedName !== h.kepala ? <span> — {t(s.memberMatch, { name: h.matchedName })}</span> : null}
                <span className="muted">
                  {" "}
                  · {h.alamat ?? s.unknown} · {h.namaDesa ?? h.kodeDesa} · {s.desil} {h.desil ?? "–"} · {s.matchedBy[h.matched] ?? h.matched}
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
