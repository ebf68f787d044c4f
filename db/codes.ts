/**
 * Canonical code values of the data contract (../shared/formats.md). One list per field,
 * shared by the database enums (db/schema.ts) and the import validators (db/import/).
 * Extend only by appending: values are a public interface.
 */

export const regionLevels = ["provinsi", "kabupaten", "kecamatan", "desa"] as const;

export const buildingTenures = ["milik_sendiri", "kontrak_sewa", "bebas_sewa", "dinas", "lainnya"] as const;
export const landTenures = ["milik_sendiri", "milik_orang_lain", "tanah_negara", "lainnya"] as const;
export const floorMaterials = [
  "marmer_granit",
  "keramik",
  "parket_vinil",
  "ubin_tegel",
  "kayu_kualitas_tinggi",
  "semen_bata_merah",
  "bambu",
  "kayu_kualitas_rendah",
  "tanah",
  "lainnya",
] as const;
export const wallMaterials = [
  "tembok",
  "plesteran_anyaman_bambu",
  "kayu",
  "anyaman_bambu",
  "batang_kayu",
  "bambu",
  "lainnya",
] as const;
export const conditions = ["bagus", "jelek"] as const;
export const roofMaterials = [
  "beton",
  "genteng",
  "seng",
  "asbes",
  "kayu_sirap",
  "bambu",
  "jerami_ijuk_rumbia",
  "lainnya",
] as const;
export const waterSources = [
  "air_kemasan",
  "air_isi_ulang",
  "leding",
  "sumur_bor_pompa",
  "sumur_terlindung",
  "sumur_tak_terlindung",
  "mata_air_terlindung",
  "mata_air_tak_terlindung",
  "air_permukaan",
  "air_hujan",
  "lainnya",
] as const;
export const lightingSources = [
  "listrik_pln_meteran",
  "listrik_pln_tanpa_meteran",
  "listrik_non_pln",
  "bukan_listrik",
] as const;
export const cookingFuels = [
  "listrik",
  "gas_5_5kg_lebih",
  "gas_3kg",
  "gas_kota_biogas",
  "minyak_tanah",
  "briket",
  "arang",
  "kayu_bakar",
  "tidak_memasak",
] as const;
export const toiletFacilities = ["sendiri", "bersama", "umum", "tidak_ada"] as const;
export const toiletTypes = ["leher_angsa", "plengsengan", "cemplung", "tidak_pakai"] as const;
export const sewageDisposals = [
  "tangki_septik",
  "ipal",
  "kolam_sawah_sungai",
  "lubang_tanah",
  "pantai_kebun",
  "lainnya",
] as const;

/** Boolean asset columns of rumah_tangga, in formats.md order. */
export const assetColumns = [
  "aset_tabung_gas_5_5kg",
  "aset_lemari_es",
  "aset_ac",
  "aset_pemanas_air",
  "aset_telepon_rumah",
  "aset_televisi",
  "aset_emas_10g",
  "aset_komputer",
  "aset_smartphone",
  "aset_sepeda",
  "aset_sepeda_motor",
  "aset_mobil",
  "aset_perahu",
  "aset_perahu_motor",
  "aset_lahan",
  "aset_rumah_lain",
] as const;
export const livestockColumns = [
  "jumlah_sapi",
  "jumlah_kerbau",
  "jumlah_kuda",
  "jumlah_babi",
  "jumlah_kambing_domba",
] as const;

export const relationsToHead = [
  "kepala",
  "pasangan",
  "anak",
  "menantu",
  "cucu",
  "orang_tua_mertua",
  "pembantu",
  "lainnya",
] as const;
export const sexes = ["L", "P"] as const;
export const maritalStatuses = ["belum_kawin", "kawin", "cerai_hidup", "cerai_mati"] as const;
export const schoolParticipations = ["tidak_pernah", "masih_sekolah", "tidak_lagi"] as const;
export const educationLevels = ["tidak_ada", "paud", "sd", "smp", "sma", "d1_d3", "d4_s1", "s2_s3"] as const;
export const workStatuses = ["bekerja", "tidak_bekerja"] as const;
export const sectors = ["pertanian", "perikanan", "perdagangan", "industri", "konstruksi", "jasa", "lainnya"] as const;
export const disabilityLevels = ["tidak", "ringan", "berat"] as const;

export const populationStatuses = ["hidup", "meninggal", "pindah"] as const;

export const programUnits = ["individu", "keluarga", "rumah_tangga"] as const;
export const fundingSources = ["apbn", "apbd_provinsi", "apbd_kabupaten", "dana_desa", "lainnya"] as const;
export const recipientStages = ["usulan", "penetapan", "realisasi"] as const;

export const locationSources = ["import", "gps", "map"] as const;

export const importKinds = ["wilayah", "rumah_tangga", "anggota", "penduduk", "penerima", "program"] as const;
export type ImportKind = (typeof importKinds)[number];

export const findingKinds = [
  "exclusion",
  "inclusion",
  "not_in_dtks",
  "deceased",
  "moved",
  "duplicate_nik",
  "invalid_nik",
  "double_receipt",
  "conflicting_programs",
  "name_mismatch",
] as const;
export type FindingKind = (typeof findingKinds)[number];
