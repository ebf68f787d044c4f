/**
 * Data behind /peta: the choropleth (measure values → suppression → classes → colours), the
 * region side panel and the household summary. Database access only here and in geo/ and
 * analytics/*.server.ts.
 */
import type pg from "pg";
import { maskName } from "../../../analytics/access/masking";
import { classIndex as classifyIndex, classify, type Classification } from "../../../analytics/classify/breaks";
import { noDataColor, palette } from "../../../analytics/classify/palettes";
import { suppress } from "../../../analytics/classify/suppression";
import { areaColumn, getMeasure, listMeasures, type AreaLevel, type MeasureDefinition, type MeasureFilters } from "../../../analytics/measures";
import { measureValues, programPeriods } from "../../../analytics/measures/values.server";
import { maskNik } from "../../../analytics/nik";
import { getDatabase } from "../../../db/connection.server";
import { HOTSPOT_MEASURE } from "../../../analytics/targeting/coverage-measures";
import { hotspotClasses, hotspotColours, type HotspotConfidenceClass } from "../../../analytics/targeting/hotspot-classes";
import { hotspotLayer } from "../../../analytics/targeting/hotspot-layer.server";
import { peta as petaText } from "../../i18n/id/peta";
import { householdMinZoom, refreshTileVersion, regionsExtent, tileGeneration } from "../../../geo/tiles/tiles.server";
import { env } from "../../env.server";
import type { PetaParams } from "./params";

/** Who looks at the map. Roles land with the data-management issue; until then everyone is admin. */
export interface Viewer {
  canSeePersonalData: boolean;
  /** Wilayah code prefix the viewer's personal-data rights are limited to ('' = all). */
  scopePrefix: string;
}
export const adminViewer: Viewer = { canSeePersonalData: true, scopePrefix: "" };

export interface MeasureOption {
  id: string;
  label: string;
  definition: string;
  unit: string;
  unitsLabel: string;
  format: MeasureDefinition["format"];
  requiresProgram: boolean;
  levels: readonly AreaLevel[];
}

const toOption = (m: MeasureDefinition): MeasureOption => ({
  id: m.id,
  label: m.label.id,
  definition: m.definition.id,
  unit: m.unit.id,
  unitsLabel: m.unitsLabel.id,
  format: m.format,
  requiresProgram: m.requiresProgram,
  levels: m.levels,
});

export interface ChoroplethRow {
  code: string;
  name: string;
  value: number | null;
  units: number;
  suppressed: boolean;
  colour: string;
  /** Text shown instead of the formatted value (categorical layers: the hot-spot class). */
  label?: string;
}

/** The Gi* hot-spot layer: categorical legend and the method, instead of class ranges. */
export interface HotspotLegend {
  entries: { kelas: HotspotConfidenceClass; label: string; colour: string; count: number }[];
  method: string;
  computedAt: string | null;
  desa: number;
}

export interface PetaData {
  params: PetaParams & { program: string | null; periode: string | null };
  measure: MeasureOption;
  measures: MeasureOption[];
  programs: { program: string; nama: string; periods: string[] }[];
  rows: ChoroplethRow[];
  classification: Classification;
  colours: string[];
  noDataColour: string;
  extent: [number, number, number, number] | null;
  tileVersion: number;
  householdMinZoom: number;
  /** False for guests and the public: the map then never asks for household points. */
  showHouseholds: boolean;
  basemapUrl: string | null;
  generatedAt: string;
  hotspot: HotspotLegend | null;
}

export function filtersOf(p: Pick<PetaParams, "program" | "periode" | "desil_min" | "desil_max">): MeasureFilters {
  return { program: p.program, periode: p.periode, desilMin: p.desil_min, desilMax: p.desil_max };
}

/**
 * Programs and their periods change only with imports: cached per tile generation (which
 * `refreshTileVersion` bumps when another process imported) instead of scanning recipients on
 * every page view.
 */
let periodsCache: { generation: number; value: Awaited<ReturnType<typeof programPeriods>> } | null = null;
async function cachedProgramPeriods(pool: pg.Pool) {
  await refreshTileVersion(pool);
  if (periodsCache?.generation !== tileGeneration()) periodsCache = { generation: tileGeneration(), value: await programPeriods(pool) };
  return periodsCache.value;
}

const hotspotOption: MeasureOption = {
  id: HOTSPOT_MEASURE,
  label: petaText.hotspot.label,
  definition: petaText.hotspot.definition,
  unit: petaText.hotspot.unit,
  unitsLabel: petaText.hotspot.unitsLabel,
  format: "rate",
  requiresProgram: true,
  levels: ["desa"],
};

/**
 * Gi* hot and cold spots of desa exclusion rates (from the stored coverage snapshot, cached per
 * program and period). Desa with fewer than 5 eligible units are suppressed for viewers without
 * personal-data rights, like every choropleth.
 */
async function loadHotspotRows(pool: pg.Pool, program: string | null, periode: string | null, viewer: Viewer) {
  const layer = program && periode ? await hotspotLayer({ program, periode }) : null;
  const byCode = new Map((layer?.rows ?? []).map((r) => [r.code, r]));
  const { rows: desa } = await pool.query<{ code: string; name: string }>(`SELECT code, name FROM regions WHERE level = 'desa' ORDER BY code`);
  const counts = new Map<HotspotConfidenceClass, number>();
  const rows: ChoroplethRow[] = desa.map((d) => {
    const h = byCode.get(d.code);
    const hide = h ? suppress([{ value: h.value, units: h.eligible }], viewer.canSeePersonalData)[0].suppressed : false;
    if (!h || hide) return { code: d.code, name: d.name, value: null, units: h?.eligible ?? 0, suppressed: hide, colour: noDataColor, label: hide ? undefined : petaText.hotspot.classes.tanpa_data };
    counts.set(h.kelas, (counts.get(h.kelas) ?? 0) + 1);
    return {
      code: d.code,
      name: d.name,
      value: h.z === null ? null : Math.round(h.z * 100) / 100,
      units: h.eligible,
      suppressed: false,
      colour: hotspotColours[h.kelas],
      label: petaText.hotspot.classes[h.kelas],
    };
  });
  const legend: HotspotLegend = {
    entries: hotspotClasses.map((k) => ({ kelas: k, label: petaText.hotspot.classes[k], colour: hotspotColours[k], count: counts.get(k) ?? 0 })),
    method: petaText.hotspot.method,
    computedAt: layer?.computedAt ?? null,
    desa: layer?.rows.length ?? 0,
  };
  return { rows, legend };
}

export async function loadPeta(params: PetaParams, viewer: Viewer = adminViewer): Promise<PetaData> {
  const { pool } = await getDatabase();
  if (params.ukuran === HOTSPOT_MEASURE) return loadHotspotPeta(params, viewer);
  const def = getMeasure(params.ukuran) ?? getMeasure("households")!;
  const level = def.levels.includes(params.tingkat) ? params.tingkat : def.levels[def.levels.length - 1];
  const [programs, extent] = await Promise.all([cachedProgramPeriods(pool), regionsExtent(pool)]);
  const chosen = programs.find((p) => p.program === params.program) ?? programs.find((p) => p.periods.length > 0) ?? programs[0];
  const program = chosen?.program ?? null;
  const periode = params.periode && chosen?.periods.includes(params.periode) ? params.periode : (chosen?.periods[0] ?? null);
  const resolved = { ...params, ukuran: def.id, tingkat: level, program, periode };
  const raw = await measureValues({ measure: def.id, level, filters: filtersOf(resolved) }, pool);
  const shown = suppress(raw, viewer.canSeePersonalData);
  const classification = classify(
    shown.map((r) => r.value),
    params.metode,
    params.kelas,
  );
  const colours = classification.classes ? palette(def.palette, classification.classes) : [];
  const rows = shown.map((r) => {
    const i = classifyIndex(r.value, classification.edges);
    return { ...r, colour: i === null ? noDataColor : colours[i] };
  });
  const basemap = env().TEPAT_BASEMAP_URL;
  return {
    params: resolved,
    measure: toOption(def),
    measures: [...listMeasures().map(toOption), hotspotOption],
    programs,
    rows,
    classification,
    colours,
    noDataColour: noDataColor,
    extent,
    tileVersion: tileGeneration(),
    householdMinZoom,
    showHouseholds: viewer.canSeePersonalData,
    basemapUrl: basemap && basemap.length > 0 ? basemap : null,
    generatedAt: new Date().toISOString(),
    hotspot: null,
  };
}

async function loadHotspotPeta(params: PetaParams, viewer: Viewer): Promise<PetaData> {
  const { pool } = await getDatabase();
  const [programs, extent] = await Promise.all([cachedProgramPeriods(pool), regionsExtent(pool)]);
  const chosen = programs.find((p) => p.program === params.program) ?? programs.find((p) => p.periods.length > 0) ?? programs[0];
  const program = chosen?.program ?? null;
  const periode = params.periode && chosen?.periods.includes(params.periode) ? params.periode : (chosen?.periods[0] ?? null);
  const { rows, legend } = await loadHotspotRows(pool, program, periode, viewer);
  const basemap = env().TEPAT_BASEMAP_URL;
  return {
    params: { ...params, ukuran: HOTSPOT_MEASURE, tingkat: "desa", program, periode },
    measure: hotspotOption,
    measures: [...listMeasures().map(toOption), hotspotOption],
    programs,
    rows,
    classification: { method: params.metode, edges: [], classes: 0, counts: [] },
    colours: [],
    noDataColour: noDataColor,
    extent,
    tileVersion: tileGeneration(),
    householdMinZoom,
    showHouseholds: viewer.canSeePersonalData,
    basemapUrl: basemap && basemap.length > 0 ? basemap : null,
    generatedAt: new Date().toISOString(),
    hotspot: legend,
  };
}

export interface RegionPanel {
  code: string;
  name: string;
  level: AreaLevel;
  ancestors: { code: string; name: string; level: AreaLevel }[];
  bbox: [number, number, number, number] | null;
  suppressed: boolean;
  figures: { households: number | null; people: number | null; desil12Pct: number | null };
  desil: { desil: number | null; households: number }[];
  recipients: { program: string; nama: string; periode: string | null; count: number | null }[];
  comparison: { code: string; name: string; level: AreaLevel; value: number | null }[];
  measure: MeasureOption;
}

const levelOfCode = (code: string): AreaLevel | null =>
  code.length === 4 ? "kabupaten" : code.length === 6 ? "kecamatan" : code.length === 10 ? "desa" : null;

export async function loadRegionPanel(code: string, params: PetaParams, viewer: Viewer = adminViewer): Promise<RegionPanel | null> {
  const level = levelOfCode(code);
  if (!level) return null;
  const { pool } = await getDatabase();
  const { rows: regionRows } = await pool.query<{ code: string; name: string; w: number | null; s: number; e: number; n: number }>(
    `SELECT code, name, ST_XMin(geom) AS w, ST_YMin(geom) AS s, ST_XMax(geom) AS e, ST_YMax(geom) AS n FROM regions WHERE code = $1`,
    [code],
  );
  const region = regionRows[0];
  if (!region) return null;
  const ancestorCodes = [code.slice(0, 4), code.slice(0, 6)].filter((c) => c.length < code.length);
  const { rows: ancestors } = await pool.query<{ code: string; name: string; level: AreaLevel }>(
    `SELECT code, name, level::text AS level FROM regions WHERE code = ANY($1::text[]) ORDER BY length(code)`,
    [ancestorCodes],
  );
  const col = areaColumn[level];
  const filtered = params.desil_min > 1 || params.desil_max < 10;
  const desilWhere = filtered ? "AND h.desil BETWEEN $2 AND $3" : "";
  const args = filtered ? [code, params.desil_min, params.desil_max] : [code];
  const [{ rows: fig }, { rows: ppl }, { rows: dist }] = await Promise.all([
    pool.query<{ households: number; d12: number; known: number }>(
      `SELECT count(*)::int AS households, count(*) FILTER (WHERE h.desil <= 2)::int AS d12, count(h.desil)::int AS known
       FROM households h WHERE h.${col} = $1 ${desilWhere}`,
      args,
    ),
    pool.query<{ people: number }>(
      `SELECT count(*)::int AS people FROM members m JOIN households h ON h.id_rt = m.id_rt WHERE h.${col} = $1 ${desilWhere}`,
      args,
    ),
    pool.query<{ desil: number | null; households: number }>(
      `SELECT h.desil, count(*)::int AS households FROM households h WHERE h.${col} = $1 ${desilWhere} GROUP BY 1 ORDER BY 1 NULLS LAST`,
      args,
    ),
  ]);
  const households = fig[0].households;
  const hide = !viewer.canSeePersonalData && households > 0 && households < 5;
  const programs = await cachedProgramPeriods(pool);
  const filters = filtersOf(params);
  const recipients = await Promise.all(
    programs.map(async (p) => {
      const periode = p.program === params.program && params.periode ? params.periode : (p.periods[0] ?? null);
      const [row] = await measureValues({ measure: "recipients", level, codes: [code], filters: { ...filters, program: p.program, periode } }, pool);
      const count = row?.value ?? 0;
      return { program: p.program, nama: p.nama, periode, count: hide || (!viewer.canSeePersonalData && count > 0 && count < 5) ? null : count };
    }),
  );
  const def = getMeasure(params.ukuran) ?? getMeasure("households")!;
  const chain = [...ancestors, { code, name: region.name, level }].filter((r) => def.levels.includes(r.level));
  const comparison = await Promise.all(
    chain.map(async (r) => {
      const [row] = await measureValues({ measure: def.id, level: r.level, codes: [r.code], filters }, pool);
      const [shown] = suppress(row ? [row] : [], viewer.canSeePersonalData);
      return { code: r.code, name: r.name, level: r.level, value: shown?.value ?? null };
    }),
  );
  return {
    code,
    name: region.name,
    level,
    ancestors,
    bbox: region.w === null ? null : [region.w, region.s, region.e, region.n],
    suppressed: hide,
    figures: hide
      ? { households: null, people: null, desil12Pct: null }
      : {
          households,
          people: ppl[0].people,
          desil12Pct: fig[0].known ? (100 * fig[0].d12) / fig[0].known : null,
        },
    desil: hide ? [] : dist,
    recipients,
    comparison,
    measure: toOption(def),
  };
}

export interface HouseholdSummary {
  idRt: string;
  kodeDesa: string;
  desa: string;
  alamat: string | null;
  rtRw: string | null;
  desil: number | null;
  head: string | null;
  nikMasked: string | null;
  members: number;
  programs: { program: string; periode: string }[];
}

export async function loadHousehold(idRt: string, viewer: Viewer = adminViewer): Promise<HouseholdSummary | null> {
  if (!viewer.canSeePersonalData) return null;
  const { pool } = await getDatabase();
  const { rows } = await pool.query<{
    id_rt: string;
    kode_desa: string;
    desa: string;
    alamat: string | null;
    rt: string | null;
    rw: string | null;
    desil: number | null;
    nama: string | null;
    nik: string | null;
    members: number;
  }>(
    `SELECT h.id_rt, h.kode_desa, r.name AS desa, h.alamat, h.rt, h.rw, h.desil, head.nama, head.nik,
            (SELECT count(*)::int FROM members m WHERE m.id_rt = h.id_rt) AS members
     FROM households h JOIN regions r ON r.code = h.kode_desa
     LEFT JOIN LATERAL (SELECT nama, nik FROM members m WHERE m.id_rt = h.id_rt
                        ORDER BY (m.hubungan_krt = 'kepala') DESC NULLS LAST, m.id LIMIT 1) head ON TRUE
     WHERE h.id_rt = $1`,
    [idRt],
  );
  const h = rows[0];
  if (!h || !h.kode_desa.startsWith(viewer.scopePrefix)) return null;
  const { rows: programs } = await pool.query<{ program: string; periode: string }>(
    `SELECT DISTINCT program, periode FROM recipients WHERE id_rt = $1 AND tahap = 'realisasi' ORDER BY periode DESC, program`,
    [idRt],
  );
  return {
    idRt: h.id_rt,
    kodeDesa: h.kode_desa,
    desa: h.desa,
    alamat: h.alamat,
    rtRw: h.rt || h.rw ? `${h.rt ?? "–"}/${h.rw ?? "–"}` : null,
    desil: h.desil,
    head: h.nama ? (viewer.canSeePersonalData ? h.nama : maskName(h.nama)) : null,
    // NIK stays masked on the map even for admins: the full number is for the data screens.
    nikMasked: h.nik ? maskNik(h.nik) : null,
    members: h.members,
    programs,
  };
}

export { householdMinZoom, noDataColor };
