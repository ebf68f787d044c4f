/**
 * Compiles a program's validated eligibility rule (rule.ts) to one set-based SQL query over
 * households and members (domain.md sections 5 and 8). Every rule value travels as a bind
 * parameter; the only text spliced into the SQL is fixed code from this module.
 *
 * The query returns one row per eligible unit: unit_key (nik, no_kk or id_rt per the program's
 * unit), nik, no_kk, id_rt, kode_desa, desil.
 */
import { provinceCodes } from "../nik";
import { type MemberComponent, type Program } from "./rule";
import { type PeriodRange } from "./period";

/** Collects bind parameters and hands out their `$n` placeholders. */
export class SqlParams {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

export interface CompiledQuery {
  text: string;
  values: unknown[];
}

export const unitKeyColumn = { individu: "nik", keluarga: "no_kk", rumah_tangga: "id_rt" } as const;

/** Condition on one member row `alias` (columns of the `mb` CTE) for a component. */
export function componentSql(component: MemberComponent, alias: string, params: SqlParams): string {
  switch (component.kind) {
    case "hamil":
      return `${alias}.hamil IS TRUE`;
    case "usia":
      return `${alias}.umur BETWEEN ${params.add(component.min)}::int AND ${params.add(component.max)}::int`;
    case "usia_sekolah":
      return `(${alias}.umur BETWEEN ${params.add(component.min)}::int AND ${params.add(component.max)}::int AND ${alias}.partisipasi_sekolah = 'masih_sekolah')`;
    case "disabilitas":
      // A level is a minimum: "ringan" is met by ringan or berat.
      return component.level === "berat" ? `${alias}.disabilitas = 'berat'` : `${alias}.disabilitas IN ('ringan', 'berat')`;
    case "penyakit_kronis":
      return `${alias}.penyakit_kronis IS TRUE`;
  }
}

/**
 * Living members on the reference date (domain.md 8: people deceased or moved before it are left
 * out; an unknown date counts as before) with their age and their household's desil.
 */
export function livingMembersCte(refDateParam: string): string {
  return `mb AS (
    SELECT m.nik, m.no_kk, m.id_rt, m.hubungan_krt, m.hamil, m.partisipasi_sekolah, m.disabilitas,
           m.penyakit_kronis, m.jenjang_pendidikan, m.lapangan_usaha, h.kode_desa,
           coalesce(h.desil, h.status_kesejahteraan)::int AS desil,
           extract(year FROM age(${refDateParam}::date, m.tanggal_lahir))::int AS umur
    FROM members m JOIN households h ON h.id_rt = m.id_rt
    WHERE NOT EXISTS (
      SELECT 1 FROM population p
      WHERE p.nik = m.nik AND p.status <> 'hidup'
        AND (p.tanggal_status IS NULL OR p.tanggal_status < ${refDateParam}::date))
  )`;
}

/**
 * The NIK naming a family/household unit: the head's (lowest NIK among heads), else the lowest
 * NIK of a member with a known relation, else the lowest NIK. Plain aggregates, so the planner
 * can hash the grouping instead of sorting every member row (an ordered array_agg forced a sort).
 */
const representativeNik = `coalesce(min(mb.nik) FILTER (WHERE mb.hubungan_krt = 'kepala'),
               min(mb.nik) FILTER (WHERE mb.hubungan_krt IS NOT NULL), min(mb.nik))`;

const flag = (cond: string) => `(CASE WHEN ${cond} THEN 1 ELSE 0 END)`;

/**
 * Household indicator flags of domain.md section 8 (rtlh, miskin_bps14) over `households h`,
 * living-member count `c.n` and head `hd`. A criterion whose fields are unknown evaluates to NULL
 * and is not met (same three-valued reading as analytics/indicators). luas_lantai is float4:
 * compared as numeric against area × persons so 28.8 m² for 4 persons is not "< 7.2 each".
 */
export function householdIndicatorsCte(): string {
  const fragileWall = `(h.dinding IN ('bambu','anyaman_bambu','batang_kayu') OR h.kondisi_dinding = 'jelek')`;
  const rtlh = [
    fragileWall,
    `(h.atap IN ('bambu','jerami_ijuk_rumbia') OR h.kondisi_atap = 'jelek')`,
    `h.lantai IN ('tanah','bambu')`,
    `h.fasilitas_bab IN ('umum','tidak_ada')`,
    `h.luas_lantai::numeric < 7.2 * nullif(c.n, 0)`,
  ]
    .map(flag)
    .join(" + ");
  const bps = [
    `h.luas_lantai::numeric < 8 * nullif(c.n, 0)`,
    `h.lantai IN ('tanah','bambu','kayu_kualitas_rendah')`,
    fragileWall,
    `h.fasilitas_bab <> 'sendiri'`,
    `h.sumber_penerangan = 'bukan_listrik'`,
    `h.sumber_air_minum IN ('sumur_tak_terlindung','mata_air_tak_terlindung','air_permukaan','air_hujan','lainnya')`,
    `h.bahan_bakar_memasak IN ('kayu_bakar','arang','minyak_tanah')`,
    `h.daging_per_minggu <= 1`,
    `h.pakaian_baru_per_tahun <= 1`,
    `h.makan_per_hari <= 2`,
    `NOT h.mampu_berobat`,
    `coalesce(h.pendapatan_krt < 600000,
              hd.lapangan_usaha IN ('pertanian','perikanan','konstruksi') AND (NOT h.aset_lahan OR h.luas_lahan < 5000))`,
    `hd.jenjang_pendidikan IN ('tidak_ada','paud','sd')`,
    `coalesce(NOT h.punya_aset_500rb,
              NOT (h.aset_sepeda_motor OR h.aset_mobil OR h.aset_perahu_motor OR h.aset_emas_10g OR h.aset_lemari_es
                   OR h.aset_komputer OR h.aset_lahan OR h.jumlah_sapi > 0 OR h.jumlah_kerbau > 0 OR h.jumlah_kuda > 0))`,
  ]
    .map(flag)
    .join(" + ");
  return `hh AS (
    SELECT h.id_rt, (${rtlh}) >= 2 AS rtlh, (${bps}) >= 9 AS miskin_bps14
    FROM households h
    LEFT JOIN (SELECT id_rt, count(*) AS n FROM mb GROUP BY id_rt) c ON c.id_rt = h.id_rt
    LEFT JOIN (SELECT DISTINCT ON (id_rt) id_rt, lapangan_usaha, jenjang_pendidikan FROM mb
               WHERE hubungan_krt = 'kepala' ORDER BY id_rt, nik) hd ON hd.id_rt = h.id_rt
  )`;
}

export interface CompileOptions {
  /** Recipient stage whose partner-program receipts make a unit ineligible (default realisasi). */
  tahap?: string;
  /** Mutually exclusive programs (the program's own tidakBolehBersama by default). */
  partners?: string[];
  /**
   * Read living members and household flags from tables already built for the same reference
   * date (see `membersTableSql`) instead of recomputing them: the findings engine builds them
   * once for all programs. Names are fixed identifiers of the caller, never input.
   */
  prepared?: { members: string; households?: string };
}

/**
 * The statements filling prepared tables `members` (and `households`) for a reference date.
 * `dupNiks` names a table of the NIKs found more than once in members (column nik): the
 * members table gets a `dup` flag so individual programs de-duplicate only those.
 */
export function membersTableSql(refDateParam: string, members: string, dupNiks: string): string {
  return `INSERT INTO ${members} WITH ${livingMembersCte(refDateParam)}
    SELECT mb.*, (d.nik IS NOT NULL OR mb.nik IS NULL) AS dup FROM mb LEFT JOIN ${dupNiks} d ON d.nik = mb.nik`;
}
/**
 * `maxDesilParam` (optional, an int parameter): the highest desil any program needing the flags
 * accepts; members of poorer-ranked households are left out of the flags' aggregates (their
 * households never qualify), which trims the two aggregates over every member.
 */
export function householdsTableSql(members: string, households: string, maxDesilParam?: string): string {
  const filter = maxDesilParam ? ` WHERE desil <= ${maxDesilParam}::int` : "";
  return `INSERT INTO ${households} WITH mb AS NOT MATERIALIZED (SELECT * FROM ${members}${filter}), ${householdIndicatorsCte()}
    SELECT * FROM hh`;
}

/** SQL for the eligible units of `program` in `range` (see module comment for the columns). */
export function compileEligibility(
  program: Program,
  range: PeriodRange,
  params: SqlParams = new SqlParams(),
  options: CompileOptions = {},
): CompiledQuery {
  const rule = program.rule;
  const needsHh = rule.householdIndicators.length > 0;
  const prepared = options.prepared;
  if (needsHh && prepared && !prepared.households) throw new Error("prepared household flags missing");
  const ctes = prepared
    ? [
        `mb AS NOT MATERIALIZED (SELECT * FROM ${prepared.members})`,
        ...(needsHh ? [`hh AS NOT MATERIALIZED (SELECT * FROM ${prepared.households})`] : []),
      ]
    : [livingMembersCte(params.add(range.start)), ...(needsHh ? [householdIndicatorsCte()] : [])];

  // Conditions on the member row `mb` that make its household qualify.
  const householdConds: string[] = [];
  if (rule.maxDesil !== null) householdConds.push(`mb.desil <= ${params.add(rule.maxDesil)}::int`);
  for (const id of rule.householdIndicators) householdConds.push(`hh.${id === "rtlh" ? "rtlh" : "miskin_bps14"} IS TRUE`);
  const householdOk = householdConds.length ? householdConds.join(" AND ") : "true";
  const personAll = rule.personConditions.length
    ? rule.personConditions.map((c) => componentSql(c, "mb", params)).join(" AND ")
    : "true";
  const anyComponentOf = (alias: string) =>
    rule.anyMemberComponent.length
      ? rule.anyMemberComponent.map((c) => componentSql(c, alias, params)).join(" OR ")
      : null;
  const hhJoin = needsHh ? "JOIN hh ON hh.id_rt = mb.id_rt" : "";

  let units: string;
  if (program.unit === "individu") {
    // Components for an individual program are met by any member of the person's household.
    const anyComponent = anyComponentOf("m2");
    const anyMember = anyComponent
      ? `AND EXISTS (SELECT 1 FROM mb m2 WHERE m2.id_rt = mb.id_rt AND (${anyComponent}))`
      : "";
    const where = `${householdOk} AND ${personAll} ${anyMember}`;
    const cols = `mb.nik AS unit_key, mb.nik, mb.no_kk, mb.id_rt, mb.kode_desa, mb.desil`;
    // A NIK listed in one household only needs no de-duplication: prepared member tables mark
    // the repeated NIKs (dup), so only those few rows are sorted (DISTINCT ON over every member
    // was the costliest step of the individual programs).
    units = prepared
      ? `SELECT ${cols} FROM mb ${hhJoin} WHERE NOT mb.dup AND ${where}
         UNION ALL
         (SELECT DISTINCT ON (mb.nik) ${cols} FROM mb ${hhJoin} WHERE mb.dup AND ${where}
          ORDER BY mb.nik, mb.desil NULLS LAST, mb.id_rt)`
      : `SELECT DISTINCT ON (mb.nik) ${cols}
      FROM mb ${hhJoin}
      WHERE ${where}
      ORDER BY mb.nik, mb.desil NULLS LAST, mb.id_rt`;
  } else {
    const key = program.unit === "keluarga" ? "no_kk" : "id_rt";
    // Family/household programs: the household qualifies, some member meets a component, and
    // (when given) some member meets every person condition. Rows of non-qualifying households
    // are dropped before grouping (a family split over two households counts through the
    // qualifying one only), which keeps the aggregation to the poor part of the registry.
    const having = ["true"];
    const anyComponent = anyComponentOf("mb");
    if (anyComponent) having.push(`bool_or(${anyComponent})`);
    if (rule.personConditions.length) having.push(`bool_or(${personAll})`);
    units = `SELECT mb.${key} AS unit_key,
             ${representativeNik} AS nik,
             ${key === "no_kk" ? "mb.no_kk" : "min(mb.no_kk)"} AS no_kk,
             ${key === "id_rt" ? "mb.id_rt" : "min(mb.id_rt)"} AS id_rt,
             min(mb.kode_desa) AS kode_desa, min(mb.desil) AS desil
      FROM mb ${hhJoin}
      WHERE ${householdOk}
      GROUP BY mb.${key}
      HAVING ${having.join(" AND ")}`;
  }

  const partners = options.partners ?? program.tidakBolehBersama;
  let text = `WITH ${ctes.join(",\n")},\nunits AS (${units})\nSELECT u.* FROM units u`;
  if (partners.length) {
    const col = unitKeyColumn[program.unit];
    text += `\nWHERE NOT EXISTS (
      SELECT 1 FROM recipients r
      WHERE r.program = ANY(${params.add(partners)}::text[]) AND r.periode = ${params.add(range.periode)}
        AND r.tahap = ${params.add(options.tahap ?? "realisasi")}::recipient_stage AND r.${col} = u.${col})`;
  }
  return { text, values: params.values };
}

/**
 * SQL expression naming the structural problem of NIK column `col` (analytics/nik.ts rules),
 * or NULL when it is valid. `provincesParam` is a text[] parameter of province codes.
 */
export function nikProblemSql(col: string, provincesParam: string): string {
  const day = `(CASE WHEN substr(${col},7,2)::int > 40 THEN substr(${col},7,2)::int - 40 ELSE substr(${col},7,2)::int END)`;
  const month = `substr(${col},9,2)::int`;
  const yy = `substr(${col},11,2)::int`;
  const daysIn = `(CASE ${month} WHEN 2 THEN CASE WHEN ${yy} % 4 = 0 THEN 29 ELSE 28 END WHEN 4 THEN 30 WHEN 6 THEN 30 WHEN 9 THEN 30 WHEN 11 THEN 30 ELSE 31 END)`;
  return `(CASE
    WHEN ${col} IS NULL THEN NULL
    WHEN length(${col}) <> 16 OR ${col} ~ '[^0-9]' THEN 'not_16_digits'
    WHEN NOT (left(${col},2) = ANY(${provincesParam}::text[])) THEN 'unknown_province'
    WHEN ${month} NOT BETWEEN 1 AND 12 OR ${day} < 1 OR ${day} > ${daysIn} THEN 'invalid_date'
    WHEN right(${col},4) = '0000' THEN 'zero_serial'
  END)`;
}

export const provinceCodeList = (): string[] => [...provinceCodes];
