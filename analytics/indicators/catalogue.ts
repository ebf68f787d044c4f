/**
 * The indicator catalogue: one entry per column of the `indikator` report (formats.md), with
 * labels, unit, "cara hitung" shown to users beside every figure, the source fields and the SQL
 * of the flag. Definitions are domain.md section 8, exactly; where domain.md section 4 names an
 * indicator without a section-8 definition, the formula here is ours and says so in caraHitung.
 *
 * Flags are three-valued: TRUE, FALSE, or NULL when unknown. A share counts TRUE rows over
 * non-NULL rows, so an unknown value is in neither numerator nor denominator. A member flag that
 * only applies to an age group is NULL outside it (e.g. anak_tidak_sekolah for a 30-year-old).
 *
 * Household flag SQL reads one row of `hc` in query.ts: the households columns plus
 *   jumlah_jiwa (members on the reference date), desil_efektif (desil, else status_kesejahteraan),
 *   krt_jenjang / krt_lapangan_usaha (the head's), n_umur_diketahui, n_lansia,
 *   rtlh_k1..rtlh_k5 and bps_k1..bps_k14 (criteria below, each NULL when unknown).
 * Member flag SQL reads one row of `mm`: the members columns plus umur (whole years on the
 * reference date, from tanggal_lahir — never from the NIK) and desil_efektif of its household.
 */
import { sets, sqlIn } from "./vocab";

export type IndicatorUnit = "household" | "member";
/** share: % of units with a known value; count: number of units; index: MPI figures. */
export type IndicatorKind = "share" | "count" | "index";
export type IndicatorGroup = "kemiskinan" | "rumah" | "standar_hidup" | "pendidikan" | "kesehatan" | "peringkat" | "mpi";

export interface Indicator {
  /** Column id in the `indikator` report. */
  id: string;
  label: { id: string; en: string };
  unit: IndicatorUnit;
  kind: IndicatorKind;
  group: IndicatorGroup;
  /** How it is computed, in Bahasa Indonesia, for users. */
  caraHitung: string;
  sourceFields: string[];
  /** Boolean flag SQL (NULL = unknown); null for MPI figures, computed by analytics/mpi. */
  sql: string | null;
}

export interface Criterion {
  column: string;
  label: string;
  sql: string;
  sourceFields: string[];
}

const countTrue = (cols: string[]) => cols.map((c) => `(${c} IS TRUE)::int`).join(" + ");
const countKnown = (cols: string[]) => cols.map((c) => `(${c} IS NOT NULL)::int`).join(" + ");

const dindingRapuh = `(${sqlIn("dinding", sets.dindingRapuh)} OR kondisi_dinding = 'jelek')`;

/** RTLH (Permensos 20/2017 as set in domain.md 8): uninhabitable when at least two hold. */
export const rtlhCriteria: Criterion[] = [
  { column: "rtlh_k1", label: "dinding rapuh (bambu, anyaman bambu, batang kayu, atau kondisi jelek)", sql: dindingRapuh, sourceFields: ["dinding", "kondisi_dinding"] },
  { column: "rtlh_k2", label: "atap rapuh (bambu, jerami/ijuk/rumbia, atau kondisi jelek)", sql: `(${sqlIn("atap", sets.atapRapuh)} OR kondisi_atap = 'jelek')`, sourceFields: ["atap", "kondisi_atap"] },
  { column: "rtlh_k3", label: "lantai tanah atau bambu", sql: sqlIn("lantai", sets.lantaiBuruk), sourceFields: ["lantai"] },
  { column: "rtlh_k4", label: "tidak ada jamban (umum atau tidak ada)", sql: sqlIn("fasilitas_bab", sets.tanpaJambanRtlh), sourceFields: ["fasilitas_bab"] },
  // luas_lantai is float4: compare its decimal value exactly (28.8 m² for 4 persons is not < 7.2).
  { column: "rtlh_k5", label: "luas lantai kurang dari 7,2 m² per orang", sql: "(luas_lantai::numeric < 7.2 * NULLIF(jumlah_jiwa, 0))", sourceFields: ["luas_lantai", "anggota"] },
];

const tanpaAirLayak = sqlIn("sumber_air_minum", sets.airTakLayak);

/** BPS 14 criteria (domain.md 8); each NULL when its fields are unknown. */
export const bps14Criteria: Criterion[] = [
  { column: "bps_k1", label: "1. luas lantai kurang dari 8 m² per orang", sql: "(luas_lantai::numeric < 8 * NULLIF(jumlah_jiwa, 0))", sourceFields: ["luas_lantai", "anggota"] },
  { column: "bps_k2", label: "2. lantai tanah, bambu, atau kayu kualitas rendah", sql: sqlIn("lantai", sets.lantaiBps), sourceFields: ["lantai"] },
  { column: "bps_k3", label: "3. dinding bambu, anyaman bambu, batang kayu, atau kondisi jelek", sql: dindingRapuh, sourceFields: ["dinding", "kondisi_dinding"] },
  { column: "bps_k4", label: "4. tidak punya jamban sendiri", sql: "(fasilitas_bab <> 'sendiri')", sourceFields: ["fasilitas_bab"] },
  { column: "bps_k5", label: "5. penerangan bukan listrik", sql: "(sumber_penerangan = 'bukan_listrik')", sourceFields: ["sumber_penerangan"] },
  { column: "bps_k6", label: "6. sumber air minum tidak layak", sql: tanpaAirLayak, sourceFields: ["sumber_air_minum"] },
  { column: "bps_k7", label: "7. memasak dengan kayu bakar, arang, atau minyak tanah", sql: sqlIn("bahan_bakar_memasak", sets.bahanBakarBps), sourceFields: ["bahan_bakar_memasak"] },
  { column: "bps_k8", label: "8. makan daging/susu/ayam paling banyak sekali seminggu", sql: "(daging_per_minggu <= 1)", sourceFields: ["daging_per_minggu"] },
  { column: "bps_k9", label: "9. membeli pakaian baru paling banyak satu stel setahun", sql: "(pakaian_baru_per_tahun <= 1)", sourceFields: ["pakaian_baru_per_tahun"] },
  { column: "bps_k10", label: "10. makan paling banyak dua kali sehari", sql: "(makan_per_hari <= 2)", sourceFields: ["makan_per_hari"] },
  { column: "bps_k11", label: "11. tidak sanggup membayar berobat ke puskesmas", sql: "(NOT mampu_berobat)", sourceFields: ["mampu_berobat"] },
  {
    column: "bps_k12",
    label: "12. pendapatan kepala rumah tangga < Rp600.000/bulan; bila tidak diketahui: kepala bekerja di pertanian, perikanan atau konstruksi tanpa lahan atau lahan < 5.000 m²",
    sql: `COALESCE(pendapatan_krt < 600000, (${sqlIn("krt_lapangan_usaha", sets.usahaKrtRentan)} AND (NOT aset_lahan OR luas_lahan < 5000)))`,
    sourceFields: ["pendapatan_krt", "lapangan_usaha (kepala)", "aset_lahan", "luas_lahan"],
  },
  { column: "bps_k13", label: "13. pendidikan kepala rumah tangga paling tinggi SD", sql: sqlIn("krt_jenjang", sets.pendidikanSdKeBawah), sourceFields: ["jenjang_pendidikan (kepala)"] },
  {
    column: "bps_k14",
    label: "14. tidak punya aset mudah dijual ≥ Rp500.000; bila tidak diketahui: tidak punya sepeda motor, mobil, perahu motor, emas, lemari es, komputer, lahan, sapi, kerbau, maupun kuda",
    sql: "COALESCE(NOT punya_aset_500rb, NOT (aset_sepeda_motor OR aset_mobil OR aset_perahu_motor OR aset_emas_10g OR aset_lemari_es OR aset_komputer OR aset_lahan OR jumlah_sapi > 0 OR jumlah_kerbau > 0 OR jumlah_kuda > 0))",
    sourceFields: ["punya_aset_500rb", "aset_sepeda_motor", "aset_mobil", "aset_perahu_motor", "aset_emas_10g", "aset_lemari_es", "aset_komputer", "aset_lahan", "jumlah_sapi", "jumlah_kerbau", "jumlah_kuda"],
  },
];

const bpsCols = bps14Criteria.map((c) => c.column);
const rtlhCols = rtlhCriteria.map((c) => c.column);
/** Number of BPS criteria met / assessable in one household (never NULL). */
export const bps14MetSql = `(${countTrue(bpsCols)})`;
export const bps14AssessableSql = `(${countKnown(bpsCols)})`;
export const rtlhMetSql = `(${countTrue(rtlhCols)})`;
export const rtlhAssessableSql = `(${countKnown(rtlhCols)})`;

const share = (x: Omit<Indicator, "kind">): Indicator => ({ ...x, kind: "share" });

const required: Indicator[] = [
  share({
    id: "miskin_bps14_pct",
    label: { id: "Rumah tangga miskin (14 kriteria BPS)", en: "Poor households (BPS 14 criteria)" },
    unit: "household",
    group: "kemiskinan",
    caraHitung:
      "Persentase rumah tangga yang memenuhi sedikitnya 9 dari 14 kriteria kemiskinan BPS. Setiap kriteria hanya dihitung bila datanya tersedia; rumah tangga tanpa satu pun kriteria yang dapat dinilai tidak dihitung. Lihat juga persentase rumah tangga dengan kurang dari 9 kriteria yang dapat dinilai.",
    sourceFields: [...new Set(bps14Criteria.flatMap((c) => c.sourceFields))],
    sql: `CASE WHEN ${bps14AssessableSql} > 0 THEN ${bps14MetSql} >= 9 END`,
  }),
  share({
    id: "rtlh_pct",
    label: { id: "Rumah tidak layak huni (RTLH)", en: "Uninhabitable houses" },
    unit: "household",
    group: "rumah",
    caraHitung:
      "Persentase rumah tangga yang memenuhi sedikitnya dua dari: dinding rapuh (bambu, anyaman bambu, batang kayu, atau kondisi jelek); atap rapuh (bambu, jerami/ijuk/rumbia, atau kondisi jelek); lantai tanah atau bambu; tidak ada jamban (umum atau tidak ada); luas lantai kurang dari 7,2 m² per orang. Bila data kurang sehingga hasilnya tidak pasti, rumah tangga tidak dihitung.",
    sourceFields: [...new Set(rtlhCriteria.flatMap((c) => c.sourceFields))],
    // Three-valued "at least two": TRUE when two known criteria hold, FALSE when even all unknowns could not make two.
    sql: `CASE WHEN ${rtlhMetSql} >= 2 THEN true WHEN ${rtlhMetSql} + (5 - ${rtlhAssessableSql}) < 2 THEN false END`,
  }),
  share({
    id: "tanpa_air_layak_pct",
    label: { id: "Tanpa air minum layak", en: "Without safe drinking water" },
    unit: "household",
    group: "standar_hidup",
    caraHitung:
      "Persentase rumah tangga dengan sumber air minum sumur tak terlindung, mata air tak terlindung, air permukaan (sungai/danau), air hujan, atau lainnya, dari rumah tangga yang sumber air minumnya diketahui.",
    sourceFields: ["sumber_air_minum"],
    sql: tanpaAirLayak,
  }),
  share({
    id: "tanpa_jamban_sendiri_pct",
    label: { id: "Tanpa jamban sendiri", en: "Without own toilet" },
    unit: "household",
    group: "standar_hidup",
    caraHitung: "Persentase rumah tangga yang buang air besar di jamban bersama, jamban umum, atau tidak ada jamban, dari rumah tangga yang fasilitas BAB-nya diketahui.",
    sourceFields: ["fasilitas_bab"],
    sql: sqlIn("fasilitas_bab", sets.jambanBukanSendiri),
  }),
  share({
    id: "tanpa_listrik_pct",
    label: { id: "Tanpa listrik", en: "Without electricity" },
    unit: "household",
    group: "standar_hidup",
    caraHitung: "Persentase rumah tangga dengan sumber penerangan bukan listrik, dari rumah tangga yang sumber penerangannya diketahui.",
    sourceFields: ["sumber_penerangan"],
    sql: "(sumber_penerangan = 'bukan_listrik')",
  }),
  share({
    id: "bahan_bakar_padat_pct",
    label: { id: "Memasak dengan bahan bakar padat", en: "Cooking with solid fuel" },
    unit: "household",
    group: "standar_hidup",
    caraHitung: "Persentase rumah tangga yang memasak dengan kayu bakar, arang, atau briket, dari rumah tangga yang bahan bakar memasaknya diketahui.",
    sourceFields: ["bahan_bakar_memasak"],
    sql: sqlIn("bahan_bakar_memasak", sets.bahanBakarPadat),
  }),
  share({
    id: "anak_tidak_sekolah_pct",
    label: { id: "Anak 7–18 tahun tidak sekolah", en: "Children aged 7–18 not in school" },
    unit: "member",
    group: "pendidikan",
    caraHitung:
      "Persentase anggota berusia 7–18 tahun (umur pada tanggal acuan, dari tanggal lahir) yang partisipasi sekolahnya bukan 'masih sekolah', dari anggota berusia 7–18 tahun yang partisipasi sekolahnya diketahui. Anggota yang meninggal atau pindah sebelum tanggal acuan menurut Dukcapil tidak dihitung.",
    sourceFields: ["tanggal_lahir", "partisipasi_sekolah"],
    sql: "CASE WHEN umur BETWEEN 7 AND 18 THEN partisipasi_sekolah <> 'masih_sekolah' END",
  }),
  share({
    id: "disabilitas_pct",
    label: { id: "Penyandang disabilitas", en: "Persons with disability" },
    unit: "member",
    group: "kesehatan",
    caraHitung: "Persentase anggota dengan disabilitas ringan atau berat, dari anggota yang status disabilitasnya diketahui.",
    sourceFields: ["disabilitas"],
    sql: sqlIn("disabilitas", sets.disabilitas),
  }),
  share({
    id: "lansia_pct",
    label: { id: "Lanjut usia (≥ 60 tahun)", en: "Elderly (60+)" },
    unit: "member",
    group: "kesehatan",
    caraHitung: "Persentase anggota berusia 60 tahun atau lebih pada tanggal acuan (dari tanggal lahir), dari anggota yang tanggal lahirnya diketahui.",
    sourceFields: ["tanggal_lahir"],
    sql: "(umur >= 60)",
  }),
  share({
    id: "desil_1_2_pct",
    label: { id: "Rumah tangga desil 1–2", en: "Households in deciles 1–2" },
    unit: "household",
    group: "peringkat",
    caraHitung:
      "Persentase rumah tangga pada desil 1 atau 2 (status kesejahteraan BDT 1–2 bila desil kosong), dari rumah tangga yang peringkatnya diketahui.",
    sourceFields: ["desil", "status_kesejahteraan"],
    sql: "(desil_efektif <= 2)",
  }),
  {
    id: "mpi_h",
    label: { id: "Kemiskinan multidimensi: persentase penduduk miskin (H)", en: "Multidimensional headcount ratio (H)" },
    unit: "member",
    kind: "index",
    group: "mpi",
    caraHitung:
      "H = q / n × 100: persentase anggota yang skor deprivasinya (jumlah bobot indikator yang terdeprivasi di rumah tangganya) sedikitnya k (bawaan 1/3). Deprivasi rumah tangga berlaku untuk semua anggotanya; indikator yang tidak diketahui dianggap tidak terdeprivasi.",
    sourceFields: ["anggota", "rumah_tangga"],
    sql: null,
  },
  {
    id: "mpi_a",
    label: { id: "Kemiskinan multidimensi: intensitas (A)", en: "Multidimensional intensity (A)" },
    unit: "member",
    kind: "index",
    group: "mpi",
    caraHitung: "A = rata-rata skor deprivasi anggota yang miskin multidimensi, dalam persen.",
    sourceFields: ["anggota", "rumah_tangga"],
    sql: null,
  },
  {
    id: "mpi_m0",
    label: { id: "Indeks kemiskinan multidimensi (M0)", en: "Adjusted headcount ratio (M0)" },
    unit: "member",
    kind: "index",
    group: "mpi",
    caraHitung: "M0 = H × A (H dan A sebagai pecahan 0–1), indeks 0–1 dengan tiga desimal (metode Alkire–Foster).",
    sourceFields: ["anggota", "rumah_tangga"],
    sql: null,
  },
];

/** domain.md section 4 indicators beyond formats.md's required list (our formulas, stated). */
const extra: Indicator[] = [
  share({
    id: "bps14_kriteria_kurang_9_pct",
    label: { id: "Kriteria BPS yang dapat dinilai kurang dari 9", en: "Fewer than 9 BPS criteria assessable" },
    unit: "household",
    group: "kemiskinan",
    caraHitung:
      "Persentase rumah tangga yang kurang dari 9 dari 14 kriteria BPS-nya dapat dinilai (datanya tersedia). Semakin tinggi, semakin lemah angka rumah tangga miskin BPS.",
    sourceFields: ["14 kriteria BPS"],
    sql: `(${bps14AssessableSql} < 9)`,
  }),
  share({
    id: "krt_pendidikan_sd_pct",
    label: { id: "Kepala rumah tangga berpendidikan paling tinggi SD", en: "Head's schooling at most primary" },
    unit: "household",
    group: "pendidikan",
    caraHitung: "Persentase rumah tangga yang kepalanya (hubungan = kepala) berjenjang pendidikan tidak ada, PAUD, atau SD, dari rumah tangga yang pendidikan kepalanya diketahui.",
    sourceFields: ["hubungan_krt", "jenjang_pendidikan"],
    sql: sqlIn("krt_jenjang", sets.pendidikanSdKeBawah),
  }),
  share({
    id: "dewasa_tanpa_sd_pct",
    label: { id: "Penduduk ≥ 15 tahun tidak pernah SD", en: "Aged 15+ without primary schooling" },
    unit: "member",
    group: "pendidikan",
    caraHitung: "Persentase anggota berusia 15 tahun atau lebih yang jenjang pendidikan tertingginya tidak ada atau PAUD, dari anggota usia tersebut yang jenjangnya diketahui.",
    sourceFields: ["tanggal_lahir", "jenjang_pendidikan"],
    sql: `CASE WHEN umur >= 15 THEN ${sqlIn("jenjang_pendidikan", sets.tanpaSd)} END`,
  }),
  share({
    id: "penyakit_kronis_pct",
    label: { id: "Penderita penyakit kronis", en: "Chronically ill" },
    unit: "member",
    group: "kesehatan",
    caraHitung: "Persentase anggota dengan penyakit kronis, dari anggota yang datanya diketahui.",
    sourceFields: ["penyakit_kronis"],
    sql: "penyakit_kronis",
  }),
  share({
    id: "lansia_tinggal_sendiri_pct",
    label: { id: "Lansia tinggal sendiri", en: "Elderly living alone" },
    unit: "household",
    group: "kesehatan",
    caraHitung: "Persentase rumah tangga yang beranggota satu orang berusia 60 tahun atau lebih, dari rumah tangga yang jumlah anggota (dan, bila satu orang, umurnya) diketahui.",
    sourceFields: ["anggota", "tanggal_lahir"],
    sql: "CASE WHEN jumlah_jiwa > 1 THEN false WHEN jumlah_jiwa = 1 AND n_umur_diketahui = 1 THEN n_lansia = 1 END",
  }),
  {
    id: "jumlah_ibu_hamil_desil_1_2",
    label: { id: "Ibu hamil di rumah tangga desil 1–2", en: "Pregnant women in deciles 1–2" },
    unit: "member",
    kind: "count",
    group: "kesehatan",
    caraHitung: "Jumlah anggota yang sedang hamil di rumah tangga desil 1–2.",
    sourceFields: ["hamil", "desil"],
    sql: "(hamil AND desil_efektif <= 2)",
  },
  {
    id: "jumlah_balita_desil_1_2",
    label: { id: "Balita di rumah tangga desil 1–2", en: "Under-fives in deciles 1–2" },
    unit: "member",
    kind: "count",
    group: "kesehatan",
    caraHitung: "Jumlah anggota berusia di bawah 5 tahun pada tanggal acuan di rumah tangga desil 1–2.",
    sourceFields: ["tanggal_lahir", "desil"],
    sql: "(umur < 5 AND desil_efektif <= 2)",
  },
  ...Array.from({ length: 10 }, (_, i) =>
    share({
      id: `desil_${i + 1}_pct`,
      label: { id: `Rumah tangga desil ${i + 1}`, en: `Households in decile ${i + 1}` },
      unit: "household",
      group: "peringkat",
      caraHitung: `Persentase rumah tangga pada desil ${i + 1}${i < 4 ? ` (atau status kesejahteraan BDT ${i + 1} bila desil kosong)` : ""}, dari rumah tangga yang peringkatnya diketahui.`,
      sourceFields: ["desil", "status_kesejahteraan"],
      sql: `(desil_efektif = ${i + 1})`,
    }),
  ),
];

/** In report column order: formats.md's required list first. */
export const indicatorCatalogue: readonly Indicator[] = [...required, ...extra];

export const requiredIndicatorIds = required.map((i) => i.id);

export const indicatorsById: ReadonlyMap<string, Indicator> = new Map(indicatorCatalogue.map((i) => [i.id, i]));

/** Flag column name in SQL rows: the id without its `_pct` suffix. */
export const flagColumn = (ind: Indicator) => ind.id.replace(/_pct$/, "");

/** Indicators with a flag SQL, by unit. */
export const householdIndicators = indicatorCatalogue.filter((i) => i.unit === "household" && i.sql);
export const memberIndicators = indicatorCatalogue.filter((i) => i.unit === "member" && i.sql);
