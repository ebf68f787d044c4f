/** Shown when the database holds no data yet: how to seed the demo or import real files. */
import { home } from "~/i18n";

export function EmptyState() {
  return (
    <section className="page" aria-labelledby="judul-halaman" data-testid="empty">
      <h1 id="judul-halaman">{home.emptyTitle}</h1>
      <p className="lead">{home.emptyBody}</p>
      <div className="card">
        <h2>{home.emptySeedTitle}</h2>
        <p>{home.emptySeed}</p>
        <pre>
          <code>npm run tepat -- seed --households 20000</code>
        </pre>
        <h2>{home.emptyImportTitle}</h2>
        <p>{home.emptyImport}</p>
        <pre>
          <code>
            {[
              "npm run tepat -- import wilayah desa.geojson",
              "npm run tepat -- import rumah_tangga rumah_tangga.csv",
              "npm run tepat -- import anggota anggota.csv",
            ].join("\n")}
          </code>
        </pre>
        <p className="muted">{home.emptyAfter}</p>
      </div>
    </section>
  );
}
