/**
 * /wilayah/:kode — region profile for kabupaten, kecamatan and desa: breadcrumbs, a small map of
 * the children, key figures, indicators beside the kabupaten value with their "cara hitung", the
 * MPI contribution chart, a sortable table of child regions, and programs with recipients.
 * Aggregates only: open to every role, small counts hidden from roles without personal-data rights.
 */
import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useMemo, useState } from "react";
import { classify, classIndex, noDataColor, palette } from "../../../analytics/classify";
import { BarChart } from "~/components/charts/BarChart";
import { common, formatNumber, formatPercent, t, withLevelWord } from "~/i18n";
import { wilayah as s } from "~/i18n/id/wilayah";
import styles from "~/styles/wilayah.css";
import { loadRegionProfile } from "./data.server";
import { privateJson } from "~/http/private-json";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${s.levels[data.region.level] ?? ""} ${data.region.name} — ${common.productName}` : common.productName },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  return privateJson(await loadRegionProfile(request, params.kode ?? ""));
}

const withLevel = (level: string, name: string) => withLevelWord(s.levels[level] ?? "", name);
const pct = (part: number | null, whole: number | null) => (part === null || !whole ? null : (100 * part) / whole);
const fmtPct = formatPercent;
const fmtIndicator = (kind: string, v: number | null) =>
  v === null ? s.unknownValue : kind === "share" ? fmtPct(v) : kind === "count" ? formatNumber(v) : v.toLocaleString("id-ID", { maximumFractionDigits: 3 });

type SortKey = "name" | "households" | "people" | "share12";

export default function RegionProfile() {
  const d = useLoaderData<typeof loader>();
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: "share12", desc: true });
  const childLevel = s.childLevels[d.region.level];
  const rows = useMemo(() => {
    const withShare = d.children.map((c) => ({ ...c, share12: pct(c.desil12, c.households) }));
    const dir = sort.desc ? -1 : 1;
    return withShare.sort((a, b) => {
      const x = a[sort.key];
      const y = b[sort.key];
      if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
      return (typeof x === "string" ? x.localeCompare(y as string, "id") : (x as number) - (y as number)) * dir;
    });
  }, [d.children, sort]);
  const colours = useMemo(() => {
    const shares = d.children.map((c) => pct(c.desil12, c.households));
    const cls = classify(shares, "quantile", 5);
    const pal = palette("YlOrRd", Math.max(cls.classes, 3));
    return new Map(d.children.map((c, i) => [c.code, (() => {
      const k = classIndex(shares[i], cls.edges);
      return k === null ? noDataColor : pal[k]!;
    })()]));
  }, [d.children]);
  const mpiBars = useMemo(
    () => (d.profile?.mpi ?? []).filter((m) => m.contributionPct !== null).map((m) => ({ label: m.label, value: m.contributionPct! })),
    [d.profile],
  );
  const header = (key: SortKey, label: string, numeric = true) => (
    <th scope="col" className={numeric ? "num" : undefined} aria-sort={sort.key === key ? (sort.desc ? "descending" : "ascending") : "none"}>
      <button type="button" className="sort" onClick={() => setSort((p) => ({ key, desc: p.key === key ? !p.desc : key !== "name" }))} aria-label={t(s.sortBy, { col: label })}>
        {label} {sort.key === key ? (sort.desc ? "▼" : "▲") : ""}
      </button>
    </th>
  );

  return (
    <section className="page wilayah" aria-labelledby="judul-wilayah">
      <nav aria-label="Remah roti" className="breadcrumbs">
        {d.ancestors.map((a) => (
          <span key={a.code}>
            <Link to={`/wilayah/${a.code}`}>{withLevel(a.level, a.name)}</Link> ›{" "}
          </span>
        ))}
      </nav>
      <div className="summary-head">
        <div>
          <p className="eyebrow">
            {t(s.code, { code: d.region.code })}
            {d.region.areaKm2 ? ` · ${t(s.area, { km2: d.region.areaKm2.toLocaleString("id-ID", { maximumFractionDigits: 1 }) })}` : ""}
          </p>
          <h1 id="judul-wilayah">{withLevel(d.region.level, d.region.name)}</h1>
        </div>
        <Link to={`/peta?wilayah=${d.region.code}&tingkat=${d.region.level === "kabupaten" ? "kecamatan" : "desa"}`} className="button no-print">
          {s.openMap}
        </Link>
      </div>

      <dl className="stats" data-testid="region-figures">
        <div className="stat" data-stat="households"><dt>{s.figures.households}</dt><dd>{formatNumber(d.totals.households)}</dd></div>
        <div className="stat" data-stat="families"><dt>{s.figures.families}</dt><dd>{formatNumber(d.totals.families)}</dd></div>
        <div className="stat" data-stat="people"><dt>{s.figures.people}</dt><dd>{formatNumber(d.totals.people)}</dd></div>
        <div className="stat" data-stat="desil12"><dt>{s.figures.desil12}</dt><dd>{fmtPct(pct(d.totals.desil12, d.totals.households))}</dd></div>
      </dl>

      <div className="wilayah-grid">
        {d.outline && childLevel ? (
          <figure className="card">
            <h2>{t(s.mapTitle, { level: childLevel.toLowerCase() })}</h2>
            <svg viewBox={d.outline.viewBox} className="mini-map" role="img" aria-label={t(s.mapTitle, { level: childLevel })} preserveAspectRatio="xMidYMid meet">
              {d.outline.children.map((c) => (
                <Link key={c.code} to={`/wilayah/${c.code}`}>
                  <path d={c.path} fill={colours.get(c.code) ?? noDataColor} stroke="#fff" strokeWidth="1" vectorEffect="non-scaling-stroke">
                    <title>{c.name}</title>
                  </path>
                </Link>
              ))}
              {d.outline.region ? <path d={d.outline.region} fill="none" stroke="#0f5132" strokeWidth="2" vectorEffect="non-scaling-stroke" /> : null}
            </svg>
            <figcaption className="muted">{s.mapCaption}</figcaption>
          </figure>
        ) : null}

        <section className="card" aria-labelledby="judul-program">
          <h2 id="judul-program">{t(s.programsTitle, { periode: d.periode ?? "–" })}</h2>
          {d.programs.length === 0 ? (
            <p>{s.noPrograms}</p>
          ) : (
            <table>
              <thead>
                <tr><th scope="col">Program</th><th scope="col" className="num">{s.units}</th><th scope="col" className="num">{s.nilai}</th></tr>
              </thead>
              <tbody>
                {d.programs.map((p) => (
                  <tr key={p.kode}><td>{p.nama}</td><td className="num">{formatNumber(p.units)}</td><td className="num">{p.nilai === null ? "–" : formatNumber(p.nilai)}</td></tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>

      {childLevel ? (
        <section className="card" aria-labelledby="judul-anak">
          <h2 id="judul-anak">{t(s.childrenTitle, { level: childLevel })}</h2>
          <div className="table-scroll">
            <table data-testid="children-table">
              <thead>
                <tr>
                  {header("name", s.name, false)}
                  {header("households", s.figures.households)}
                  {header("people", s.figures.people)}
                  {header("share12", s.share12)}
                </tr>
              </thead>
              <tbody>
                {rows.map((c) => (
                  <tr key={c.code}>
                    <td><Link to={`/wilayah/${c.code}`}>{c.name}</Link></td>
                    <td className="num">{c.households === null ? s.suppressed : formatNumber(c.households)}</td>
                    <td className="num">{c.people === null ? s.suppressed : formatNumber(c.people)}</td>
                    <td className="num">{fmtPct(c.share12)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      {d.profile ? (
        <>
          <section className="card" aria-labelledby="judul-mpi">
            <h2 id="judul-mpi">{s.mpiTitle}</h2>
            <p className="muted">
              {t(s.mpiCaption, {
                h: d.profile.mpiH?.toLocaleString("id-ID") ?? "–",
                a: d.profile.mpiA?.toLocaleString("id-ID") ?? "–",
                m0: d.profile.mpiM0?.toLocaleString("id-ID", { maximumFractionDigits: 3 }) ?? "–",
              })}
            </p>
            {mpiBars.length ? (
              <BarChart bars={mpiBars} title={s.mpiTitle} format={(n) => `${n.toLocaleString("id-ID", { maximumFractionDigits: 1 })}%`} testId="mpi-chart" />
            ) : null}
          </section>

          <section className="card" aria-labelledby="judul-indikator">
            <h2 id="judul-indikator">{s.indicatorsTitle}</h2>
            <p className="muted">{s.indicatorsIntro}</p>
            <div className="table-scroll">
              <table data-testid="indicator-table">
                <thead>
                  <tr><th scope="col">{s.indicator}</th><th scope="col" className="num">{s.value}</th><th scope="col" className="num">{s.kabupaten}</th></tr>
                </thead>
                <tbody>
                  {d.profile.indicators.map((r) => (
                    <tr key={r.id} id={`indikator-${r.id}`}>
                      <td>
                        {r.label}
                        <details className="how">
                          <summary>{s.howComputed}</summary>
                          <p>{r.caraHitung}</p>
                          <p className="muted">{t(s.sources, { fields: r.sourceFields.join(", ") })}</p>
                        </details>
                      </td>
                      <td className="num">{fmtIndicator(r.kind, r.value)}</td>
                      <td className="num">{fmtIndicator(r.kind, r.kabupatenValue)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>

          {d.profile.ranking.length ? (
            <section className="card" aria-labelledby="judul-ranking">
              <h2 id="judul-ranking">{s.rankingTitle}</h2>
              <ol>
                {d.profile.ranking.map((r) => (
                  <li key={r.kode}>
                    <Link to={`/wilayah/${r.kode}`}>{r.nama ?? r.kode}</Link> — M0 {r.mpiM0?.toLocaleString("id-ID", { maximumFractionDigits: 3 }) ?? "–"}
                  </li>
                ))}
              </ol>
            </section>
          ) : null}
        </>
      ) : (
        <p className="notice">{s.indicatorsPending}</p>
      )}
    </section>
  );
}
