/**
 * Tepat's data model. Column names follow the data contract (../shared/formats.md) so that
 * imports and reports map one to one. Region codes are stored plain (no dots): provinsi 2 digits,
 * kabupaten 4, kecamatan 6, desa 10. Every household, member, population and recipient row
 * carries its desa, kecamatan and kabupaten code (the latter two generated from the desa code)
 * so that no read has to join points to polygons.
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  real,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  varchar,
} from "drizzle-orm/pg-core";
import * as codes from "./codes";
import { roles } from "../analytics/access/roles";
import { applicationStatuses } from "../analytics/verval/workflow";

/** PostGIS geometry column in EPSG:4326; values travel as EWKT/WKB text, reads go through SQL. */
const geometry = (name: string, kind: "MultiPolygon" | "Point") =>
  customType<{ data: string; driverData: string }>({
    dataType: () => `geometry(${kind},4326)`,
  })(name);

export const regionLevel = pgEnum("region_level", codes.regionLevels);
export const buildingTenure = pgEnum("building_tenure", codes.buildingTenures);
export const landTenure = pgEnum("land_tenure", codes.landTenures);
export const floorMaterial = pgEnum("floor_material", codes.floorMaterials);
export const wallMaterial = pgEnum("wall_material", codes.wallMaterials);
export const condition = pgEnum("condition", codes.conditions);
export const roofMaterial = pgEnum("roof_material", codes.roofMaterials);
export const waterSource = pgEnum("water_source", codes.waterSources);
export const lightingSource = pgEnum("lighting_source", codes.lightingSources);
export const cookingFuel = pgEnum("cooking_fuel", codes.cookingFuels);
export const toiletFacility = pgEnum("toilet_facility", codes.toiletFacilities);
export const toiletType = pgEnum("toilet_type", codes.toiletTypes);
export const sewageDisposal = pgEnum("sewage_disposal", codes.sewageDisposals);
export const relationToHead = pgEnum("relation_to_head", codes.relationsToHead);
export const sex = pgEnum("sex", codes.sexes);
export const maritalStatus = pgEnum("marital_status", codes.maritalStatuses);
export const schoolParticipation = pgEnum("school_participation", codes.schoolParticipations);
export const educationLevel = pgEnum("education_level", codes.educationLevels);
export const workStatus = pgEnum("work_status", codes.workStatuses);
export const sector = pgEnum("sector", codes.sectors);
export const disabilityLevel = pgEnum("disability_level", codes.disabilityLevels);
export const populationStatus = pgEnum("population_status", codes.populationStatuses);
export const programUnit = pgEnum("program_unit", codes.programUnits);
export const fundingSource = pgEnum("funding_source", codes.fundingSources);
export const recipientStage = pgEnum("recipient_stage", codes.recipientStages);
export const locationSource = pgEnum("location_source", codes.locationSources);
export const importKind = pgEnum("import_kind", codes.importKinds);
export const findingKind = pgEnum("finding_kind", codes.findingKinds);

const desaCode = (name = "kode_desa") => varchar(name, { length: 10 });
/** kecamatan and kabupaten codes derived from the stored desa code, never typed twice. */
const derivedRegionCodes = {
  kodeKecamatan: varchar("kode_kecamatan", { length: 6 }).generatedAlwaysAs(sql`left(kode_desa, 6)`),
  kodeKabupaten: varchar("kode_kabupaten", { length: 4 }).generatedAlwaysAs(sql`left(kode_desa, 4)`),
};

export const importBatches = pgTable("import_batches", {
  id: serial("id").primaryKey(),
  kind: importKind("kind").notNull(),
  fileName: text("file_name").notNull(),
  checksum: varchar("checksum", { length: 64 }).notNull(),
  importedBy: text("imported_by").notNull(),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp("finished_at", { withTimezone: true }),
  rowsTotal: integer("rows_total").notNull().default(0),
  rowsInserted: integer("rows_inserted").notNull().default(0),
  rowsUpdated: integer("rows_updated").notNull().default(0),
  /** Warnings that did not stop the import (e.g. repaired geometries). */
  notes: jsonb("notes").$type<string[]>().notNull().default([]),
  /** Set when the batch was rolled back (db/import/rollback.server.ts): when and by whom. */
  rolledBackAt: timestamp("rolled_back_at", { withTimezone: true }),
  rolledBackBy: text("rolled_back_by"),
});

/**
 * Before-images of the rows an import batch UPDATED (inserted rows need none: they carry the
 * batch id), captured set-based by a statement-level trigger with a transition table while the
 * import's transaction sets `tepat.import_batch` (migration 0008). A rollback writes them back.
 * One row per table row (the first image wins when a batch touches a row twice). No FK to
 * import_batches: the same per-row check cost as on the data tables.
 */
export const importBatchRows = pgTable(
  "import_batch_rows",
  {
    batchId: integer("batch_id").notNull(),
    tableName: text("table_name").notNull(),
    /** The row's primary key as text. */
    rowKey: text("row_key").notNull(),
    /** to_jsonb(row) before the batch changed it; geometry columns as hex EWKB (exact). */
    before: jsonb("before").notNull(),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.tableName, t.rowKey] })],
);

export const regions = pgTable(
  "regions",
  {
    code: varchar("code", { length: 10 }).primaryKey(),
    level: regionLevel("level").notNull(),
    name: text("name").notNull(),
    parentCode: varchar("parent_code", { length: 10 }),
    geom: geometry("geom", "MultiPolygon"),
    areaKm2: doublePrecision("area_km2"),
    importBatchId: integer("import_batch_id"), // no FK: a per-row check on every bulk load (measured ~4 s per 300k rows)
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("regions_geom_gist").using("gist", t.geom),
    index("regions_parent_idx").on(t.parentCode),
    index("regions_level_idx").on(t.level),
    check(
      "regions_code_matches_level",
      sql`length(${t.code}) = CASE ${t.level} WHEN 'provinsi' THEN 2 WHEN 'kabupaten' THEN 4 WHEN 'kecamatan' THEN 6 ELSE 10 END`,
    ),
  ],
);

const assetFlags = Object.fromEntries(codes.assetColumns.map((c) => [c, boolean(c)])) as Record<
  (typeof codes.assetColumns)[number],
  ReturnType<typeof boolean>
>;
const livestockCounts = Object.fromEntries(codes.livestockColumns.map((c) => [c, integer(c)])) as Record<
  (typeof codes.livestockColumns)[number],
  ReturnType<typeof integer>
>;

export const households = pgTable(
  "households",
  {
    idRt: text("id_rt").primaryKey(),
    kodeDesa: desaCode()
      .notNull()
      .references(() => regions.code),
    ...derivedRegionCodes,
    alamat: text("alamat"),
    rt: text("rt"),
    rw: text("rw"),
    desil: smallint("desil"),
    statusKesejahteraan: smallint("status_kesejahteraan"),
    statusBangunan: buildingTenure("status_bangunan"),
    statusLahan: landTenure("status_lahan"),
    luasLantai: real("luas_lantai"),
    lantai: floorMaterial("lantai"),
    dinding: wallMaterial("dinding"),
    kondisiDinding: condition("kondisi_dinding"),
    atap: roofMaterial("atap"),
    kondisiAtap: condition("kondisi_atap"),
    jumlahKamar: smallint("jumlah_kamar"),
    sumberAirMinum: waterSource("sumber_air_minum"),
    sumberPenerangan: lightingSource("sumber_penerangan"),
    dayaListrik: integer("daya_listrik"),
    bahanBakarMemasak: cookingFuel("bahan_bakar_memasak"),
    fasilitasBab: toiletFacility("fasilitas_bab"),
    jenisKloset: toiletType("jenis_kloset"),
    pembuanganTinja: sewageDisposal("pembuangan_tinja"),
    ...assetFlags,
    luasLahan: real("luas_lahan"),
    ...livestockCounts,
    makanPerHari: smallint("makan_per_hari"),
    dagingPerMinggu: smallint("daging_per_minggu"),
    pakaianBaruPerTahun: smallint("pakaian_baru_per_tahun"),
    mampuBerobat: boolean("mampu_berobat"),
    punyaAset500rb: boolean("punya_aset_500rb"),
    pendapatanKrt: bigint("pendapatan_krt", { mode: "number" }),
    location: geometry("location", "Point"),
    locationSource: locationSource("location_source"),
    locationAccuracyM: real("location_accuracy_m"),
    locationBy: text("location_by"),
    locationAt: timestamp("location_at", { withTimezone: true }),
    importBatchId: integer("import_batch_id"), // no FK: a per-row check on every bulk load (measured ~4 s per 300k rows)
    /** Optimistic-lock counter: every edit bumps it. */
    version: integer("version").notNull().default(1),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("households_location_gist").using("gist", t.location),
    index("households_desa_idx").on(t.kodeDesa),
    index("households_kecamatan_idx").on(t.kodeKecamatan),
    // Address search matches substrings; a trigram index keeps misses from scanning every household.
    index("households_alamat_trgm_idx").using("gin", sql`lower(${t.alamat}) gin_trgm_ops`),
    check("households_desil_range", sql`${t.desil} BETWEEN 1 AND 10`),
    check("households_status_kesejahteraan_range", sql`${t.statusKesejahteraan} BETWEEN 1 AND 4`),
  ],
);

export const members = pgTable(
  "members",
  {
    id: serial("id").primaryKey(),
    idRt: text("id_rt")
      .notNull()
      .references(() => households.idRt, { onDelete: "cascade" }),
    nik: varchar("nik", { length: 16 }).notNull(),
    noKk: varchar("no_kk", { length: 16 }).notNull(),
    nama: text("nama").notNull(),
    kodeDesa: desaCode().notNull(),
    ...derivedRegionCodes,
    hubunganKrt: relationToHead("hubungan_krt"),
    jenisKelamin: sex("jenis_kelamin"),
    tanggalLahir: date("tanggal_lahir"),
    statusPerkawinan: maritalStatus("status_perkawinan"),
    hamil: boolean("hamil"),
    partisipasiSekolah: schoolParticipation("partisipasi_sekolah"),
    jenjangPendidikan: educationLevel("jenjang_pendidikan"),
    statusBekerja: workStatus("status_bekerja"),
    lapanganUsaha: sector("lapangan_usaha"),
    disabilitas: disabilityLevel("disabilitas"),
    penyakitKronis: boolean("penyakit_kronis"),
    importBatchId: integer("import_batch_id"), // no FK: a per-row check on every bulk load (measured ~4 s per 300k rows)
    version: integer("version").notNull().default(1),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("members_household_nik_key").on(t.idRt, t.nik),
    index("members_nik_idx").on(t.nik),
    index("members_no_kk_idx").on(t.noKk),
    index("members_desa_idx").on(t.kodeDesa),
    // Name-prefix search for operators ("sit" → Siti …); text_pattern_ops serves LIKE 'x%'.
    index("members_name_prefix_idx").using("btree", sql`lower(${t.nama}) text_pattern_ops`),
    check("members_nik_digits", sql`${t.nik} ~ '^[0-9]{16}$'`),
    check("members_no_kk_digits", sql`${t.noKk} ~ '^[0-9]{16}$'`),
  ],
);

export const population = pgTable(
  "population",
  {
    nik: varchar("nik", { length: 16 }).primaryKey(),
    noKk: varchar("no_kk", { length: 16 }),
    nama: text("nama"),
    jenisKelamin: sex("jenis_kelamin"),
    tanggalLahir: date("tanggal_lahir"),
    kodeDesa: desaCode(),
    ...derivedRegionCodes,
    status: populationStatus("status").notNull().default("hidup"),
    tanggalStatus: date("tanggal_status"),
    importBatchId: integer("import_batch_id"), // no FK: a per-row check on every bulk load (measured ~4 s per 300k rows)
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("population_no_kk_idx").on(t.noKk),
    index("population_desa_idx").on(t.kodeDesa),
    check("population_nik_digits", sql`${t.nik} ~ '^[0-9]{16}$'`),
  ],
);

export const programs = pgTable("programs", {
  kode: varchar("kode", { length: 32 }).primaryKey(),
  nama: text("nama").notNull(),
  unit: programUnit("unit").notNull(),
  sumberDana: fundingSource("sumber_dana").notNull(),
  tidakBolehBersama: text("tidak_boleh_bersama").array().notNull().default(sql`'{}'::text[]`),
  /** Eligibility rule, validated by analytics/eligibility-rule.ts before it is stored. */
  rule: jsonb("rule").notNull(),
  importBatchId: integer("import_batch_id"), // no FK: a per-row check on every bulk load (measured ~4 s per 300k rows)
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Eligibility rules versioned per period: a version applies from `berlakuMulai` (YYYY-MM) until the
 * next version's start. `programs.rule` stays the current rule; findings record the version used.
 */
export const programRules = pgTable(
  "program_rules",
  {
    program: varchar("program", { length: 32 })
      .notNull()
      .references(() => programs.kode, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    berlakuMulai: varchar("berlaku_mulai", { length: 7 }).notNull(),
    rule: jsonb("rule").notNull(),
    tidakBolehBersama: text("tidak_boleh_bersama").array().notNull().default(sql`'{}'::text[]`),
    createdBy: text("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    note: text("note"),
  },
  (t) => [
    primaryKey({ columns: [t.program, t.version] }),
    uniqueIndex("program_rules_program_start_key").on(t.program, t.berlakuMulai),
  ],
);

export const recipients = pgTable(
  "recipients",
  {
    id: serial("id").primaryKey(),
    program: varchar("program", { length: 32 })
      .notNull()
      .references(() => programs.kode),
    periode: varchar("periode", { length: 7 }).notNull(),
    tahap: recipientStage("tahap").notNull().default("realisasi"),
    /** The program's unit key (nik, no_kk or id_rt, per the program's unit). */
    unitKey: text("unit_key").notNull(),
    /**
     * 1 for the first listing of a unit in a program/period/stage, 2 for the second… Re-imports
     * upsert on (program, periode, tahap, unit_key, occurrence), which keeps them idempotent while
     * a unit listed twice (a double_receipt finding) stays visible.
     */
    occurrence: smallint("occurrence").notNull().default(1),
    nik: varchar("nik", { length: 16 }),
    noKk: varchar("no_kk", { length: 16 }),
    idRt: text("id_rt"),
    nama: text("nama"),
    kodeDesa: desaCode(),
    ...derivedRegionCodes,
    nilai: numeric("nilai", { precision: 14, scale: 0 }),
    importBatchId: integer("import_batch_id"), // no FK: a per-row check on every bulk load (measured ~4 s per 300k rows)
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("recipients_unit_key").on(t.program, t.periode, t.tahap, t.unitKey, t.occurrence),
    index("recipients_nik_idx").on(t.nik),
    index("recipients_no_kk_idx").on(t.noKk),
    index("recipients_id_rt_idx").on(t.idRt),
    index("recipients_desa_idx").on(t.kodeDesa),
  ],
);

/**
 * Errors the seed generator planted on purpose, kept so tests can measure the findings engine's
 * precision and recall against ground truth. Empty outside seeded databases.
 */
export const seedPlantedFindings = pgTable(
  "seed_planted_findings",
  {
    id: serial("id").primaryKey(),
    jenis: findingKind("jenis").notNull(),
    program: varchar("program", { length: 32 }),
    periode: varchar("periode", { length: 7 }),
    nik: varchar("nik", { length: 16 }),
    noKk: varchar("no_kk", { length: 16 }),
    idRt: text("id_rt"),
    kodeDesa: desaCode(),
    note: text("note"),
  },
  (t) => [index("seed_planted_findings_jenis_idx").on(t.jenis)],
);

/** Key/value facts about the loaded data (seed parameters, data hash, region name). */
export const datasetInfo = pgTable("dataset_info", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Targeting findings (formats.md `temuan`), recomputed per program and period by the findings
 * engine: one run replaces the rows of its (program, periode) scope in one transaction.
 */
export const findings = pgTable(
  "findings",
  {
    id: serial("id").primaryKey(),
    program: varchar("program", { length: 32 }),
    periode: varchar("periode", { length: 7 }),
    jenis: findingKind("jenis").notNull(),
    nik: varchar("nik", { length: 16 }),
    noKk: varchar("no_kk", { length: 16 }),
    idRt: text("id_rt"),
    kodeDesa: desaCode(),
    ...derivedRegionCodes,
    keterangan: text("keterangan").notNull(),
    /** The recipient-list stage the finding was computed on (default realisasi). */
    tahap: recipientStage("tahap"),
    /** programRules.version of the rule that produced it; null for kinds that use no rule. */
    aturanVersi: integer("aturan_versi"),
    /** Facts behind the finding (matched names, dates, scores) for the verification views. */
    detail: jsonb("detail"),
    detectedAt: timestamp("detected_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("findings_scope_idx").on(t.program, t.periode, t.jenis),
    index("findings_desa_idx").on(t.kodeDesa),
    index("findings_nik_idx").on(t.nik),
    index("findings_id_rt_idx").on(t.idRt),
  ],
);

export const accountRole = pgEnum("account_role", roles);

/** Accounts of the four user levels of the regulations plus guests, each bound to a wilayah scope. */
export const accounts = pgTable(
  "accounts",
  {
    id: serial("id").primaryKey(),
    username: varchar("username", { length: 64 }).notNull(),
    displayName: text("display_name").notNull(),
    /** bcrypt hash (bcryptjs); never the password. */
    passwordHash: text("password_hash").notNull(),
    role: accountRole("role").notNull(),
    /** Plain wilayah code of the scope: 4 (kabupaten), 6 (kecamatan) or 10 (desa) digits; '' for admin/guest. */
    scopeCode: varchar("scope_code", { length: 10 }).notNull().default(""),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    passwordChangedAt: timestamp("password_changed_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    uniqueIndex("accounts_username_key").on(sql`lower(${t.username})`),
    check(
      "accounts_scope_matches_role",
      sql`length(${t.scopeCode}) = CASE ${t.role} WHEN 'kabupaten' THEN 4 WHEN 'kecamatan' THEN 6 WHEN 'desa' THEN 10 ELSE length(${t.scopeCode}) END`,
    ),
  ],
);

/** Server-side sessions: the cookie carries only the random id, so logout and expiry are real. */
export const sessions = pgTable(
  "sessions",
  {
    id: varchar("id", { length: 64 }).primaryKey(),
    accountId: integer("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_account_idx").on(t.accountId), index("sessions_expires_idx").on(t.expiresAt)],
);

/** Every change to a household, member, location, program rule or account: who, when, before, after. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: serial("id").primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    accountId: integer("account_id").references(() => accounts.id, { onDelete: "set null" }),
    /** Kept as text too, so the entry still says who after the account is deleted. */
    actor: text("actor").notNull(),
    entity: varchar("entity", { length: 32 }).notNull(),
    entityKey: text("entity_key").notNull(),
    action: varchar("action", { length: 32 }).notNull(),
    kodeDesa: desaCode(),
    before: jsonb("before"),
    after: jsonb("after"),
    reason: text("reason"),
  },
  (t) => [
    index("audit_log_entity_idx").on(t.entity, t.entityKey),
    index("audit_log_at_idx").on(t.at),
    index("audit_log_actor_idx").on(t.actor),
  ],
);

/**
 * Coverage per program, period and area from the last findings run (one build of E and B), so
 * pages read it instead of rebuilding E and B per request — on the embedded database that build
 * would block the whole server for seconds.
 */
export const targetingSnapshots = pgTable(
  "targeting_snapshots",
  {
    periode: varchar("periode", { length: 7 }).notNull(),
    tahap: recipientStage("tahap").notNull().default("realisasi"),
    computedAt: timestamp("computed_at", { withTimezone: true }).notNull().defaultNow(),
    /** analytics/targeting CoverageRow[] for kabupaten, kecamatan and desa. */
    coverage: jsonb("coverage").notNull(),
    findingCounts: jsonb("finding_counts").notNull(),
    ms: integer("ms").notNull(),
  },
  (t) => [primaryKey({ columns: [t.periode, t.tahap] })],
);

// ---------------------------------------------------------------------------------------------
// Verification cycle (verval → penetapan): Perwali Mojokerto Ps 4–13, Kepwal Bekasi 1–8.
// ---------------------------------------------------------------------------------------------

export const applicationStatus = pgEnum("application_status", applicationStatuses);
/** aktif: the household applies at the desa; pasif: a field officer registers it after an RT report. */
export const registrationChannel = pgEnum("registration_channel", ["aktif", "pasif"]);
/** baru: not in DTKS (initial assessment); terdaftar: already listed (only changes go on). */
export const applicationMatch = pgEnum("application_match", ["baru", "terdaftar"]);
export const visitResult = pgEnum("visit_result", ["valid", "tidak_valid", "perlu_perubahan"]);
export const taskStatus = pgEnum("task_status", ["terbuka", "ditugaskan", "selesai", "dibatalkan"]);

/**
 * A registration (pendaftaran) and its way through verval: the submitted household and members
 * (formats.md fields, as typed), the match against DTKS, the initial assessment and its status.
 */
export const applications = pgTable(
  "applications",
  {
    id: serial("id").primaryKey(),
    channel: registrationChannel("channel").notNull(),
    kodeDesa: desaCode()
      .notNull()
      .references(() => regions.code),
    ...derivedRegionCodes,
    /** The DTKS household this applicant matched (NIK / No. KK), null when new. */
    idRt: text("id_rt"),
    match: applicationMatch("match").notNull(),
    nikKepala: varchar("nik_kepala", { length: 16 }).notNull(),
    noKk: varchar("no_kk", { length: 16 }).notNull(),
    namaKepala: text("nama_kepala").notNull(),
    alamat: text("alamat"),
    /** formats.md rumah_tangga fields as submitted (without id_rt). */
    household: jsonb("household").notNull(),
    /** formats.md anggota rows as submitted. */
    members: jsonb("members").notNull(),
    sktmRef: text("sktm_ref"),
    /** For pasif registrations: the RT report that led to the visit. */
    rtReport: text("rt_report"),
    registeredBy: integer("registered_by").references(() => accounts.id, { onDelete: "set null" }),
    registeringOfficer: text("registering_officer").notNull(),
    registeredAt: timestamp("registered_at", { withTimezone: true }).notNull().defaultNow(),
    /** analytics/verval AssessmentResult for new applicants; null when already listed. */
    assessment: jsonb("assessment"),
    /** analytics/verval FieldChange[] against the DTKS record for listed applicants. */
    changes: jsonb("changes"),
    /** An officer's override of the initial assessment, with the reason (never silent). */
    overrideEligible: boolean("override_eligible"),
    overrideReason: text("override_reason"),
    overrideBy: text("override_by"),
    status: applicationStatus("status").notNull().default("draft"),
    statusChangedAt: timestamp("status_changed_at", { withTimezone: true }).notNull().defaultNow(),
    meetingDate: date("meeting_date"),
    minutesRef: text("minutes_ref"),
    decreeNumber: text("decree_number"),
    location: geometry("location", "Point"),
    /** Optimistic lock: bumped on every write. */
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("applications_desa_status_idx").on(t.kodeDesa, t.status),
    index("applications_kecamatan_status_idx").on(t.kodeKecamatan, t.status),
    index("applications_nik_idx").on(t.nikKepala),
    index("applications_no_kk_idx").on(t.noKk),
    index("applications_id_rt_idx").on(t.idRt),
  ],
);

/** Every status move of an application: who, when, from, to, and the facts it carried. */
export const applicationEvents = pgTable(
  "application_events",
  {
    id: serial("id").primaryKey(),
    applicationId: integer("application_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    fromStatus: applicationStatus("from_status"),
    toStatus: applicationStatus("to_status").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    accountId: integer("account_id").references(() => accounts.id, { onDelete: "set null" }),
    actor: text("actor").notNull(),
    /** meeting date, minutes reference, decree number, visit result… as given. */
    facts: jsonb("facts"),
    reason: text("reason"),
  },
  (t) => [index("application_events_application_idx").on(t.applicationId, t.at)],
);

/**
 * A field verification task: from a registration (listed-with-changes or new, Ps 11) or raised by
 * pemadanan (deceased/moved members, invalid or duplicate NIK, household without location).
 */
export const verificationTasks = pgTable(
  "verification_tasks",
  {
    id: serial("id").primaryKey(),
    /** pendaftaran_baru, pendaftaran_berubah, meninggal, pindah, nik_tidak_valid, nik_ganda, tanpa_lokasi */
    kind: varchar("kind", { length: 32 }).notNull(),
    applicationId: integer("application_id").references(() => applications.id, { onDelete: "cascade" }),
    /** The pemadanan finding's natural key (kind:nik:id_rt) so re-raising is idempotent. */
    sourceKey: text("source_key"),
    idRt: text("id_rt"),
    nik: varchar("nik", { length: 16 }),
    kodeDesa: desaCode()
      .notNull()
      .references(() => regions.code),
    ...derivedRegionCodes,
    title: text("title").notNull(),
    status: taskStatus("status").notNull().default("terbuka"),
    assignedTo: integer("assigned_to").references(() => accounts.id, { onDelete: "set null" }),
    assignedAt: timestamp("assigned_at", { withTimezone: true }),
    dueDate: date("due_date"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    result: visitResult("result"),
    completedAt: timestamp("completed_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("verification_tasks_desa_status_idx").on(t.kodeDesa, t.status),
    index("verification_tasks_kecamatan_status_idx").on(t.kodeKecamatan, t.status),
    index("verification_tasks_assigned_idx").on(t.assignedTo, t.status),
    uniqueIndex("verification_tasks_source_key").on(t.sourceKey),
  ],
);

/** A house photo, size-limited, kept in the database so backups and scope checks cover it. */
export const photos = pgTable("photos", {
  id: serial("id").primaryKey(),
  mime: varchar("mime", { length: 32 }).notNull(),
  bytes: integer("bytes").notNull(),
  sha256: varchar("sha256", { length: 64 }).notNull(),
  content: customType<{ data: Buffer }>({ dataType: () => "bytea" })("content").notNull(),
  /** GPS position read from the photo's EXIF, when present. */
  exifLat: doublePrecision("exif_lat"),
  exifLon: doublePrecision("exif_lon"),
  takenAt: timestamp("taken_at", { withTimezone: true }),
  kodeDesa: desaCode().notNull(),
  uploadedBy: integer("uploaded_by").references(() => accounts.id, { onDelete: "set null" }),
  uploadedAt: timestamp("uploaded_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A field visit, written once when the phone syncs; clientId makes a re-sent visit a no-op. */
export const visits = pgTable(
  "visits",
  {
    id: serial("id").primaryKey(),
    clientId: varchar("client_id", { length: 64 }).notNull(),
    taskId: integer("task_id")
      .notNull()
      .references(() => verificationTasks.id, { onDelete: "cascade" }),
    /** The task version the officer saw; a newer one on the server is a conflict, shown not overwritten. */
    baseVersion: integer("base_version").notNull(),
    visitedAt: timestamp("visited_at", { withTimezone: true }).notNull(),
    officerId: integer("officer_id").references(() => accounts.id, { onDelete: "set null" }),
    officer: text("officer").notNull(),
    location: geometry("location", "Point"),
    accuracyM: real("accuracy_m"),
    result: visitResult("result").notNull(),
    notes: text("notes"),
    /** Field changes the officer recorded (field → new value). */
    changes: jsonb("changes"),
    photoId: integer("photo_id").references(() => photos.id, { onDelete: "set null" }),
    conflict: boolean("conflict").notNull().default(false),
    syncedAt: timestamp("synced_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("visits_client_id_key").on(t.clientId), index("visits_task_idx").on(t.taskId)],
);

/** TKPK's local weighted instrument (analytics/verval InstrumentSchema), versioned. */
export const rankingInstruments = pgTable(
  "ranking_instruments",
  {
    version: integer("version").primaryKey(),
    name: text("name").notNull(),
    instrument: jsonb("instrument").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    note: text("note"),
  },
);

/**
 * A decree (penetapan) snapshot: the approved list of a period frozen as one immutable version.
 * Rows are never updated or deleted (a trigger refuses it); a correction is a new version.
 */
export const decreeSnapshots = pgTable(
  "decree_snapshots",
  {
    id: serial("id").primaryKey(),
    periode: varchar("periode", { length: 7 }).notNull(),
    version: integer("version").notNull(),
    /** Nomor SK */
    number: text("number").notNull(),
    decreeDate: date("decree_date").notNull(),
    signer: text("signer").notNull(),
    /** Scope of the list: kabupaten code (or a narrower wilayah). */
    scopeCode: varchar("scope_code", { length: 10 }).notNull(),
    instrumentVersion: integer("instrument_version"),
    rowCount: integer("row_count").notNull(),
    /** sha256 over the ordered list, shown on the printout. */
    checksum: varchar("checksum", { length: 64 }).notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("decree_snapshots_periode_version_key").on(t.periode, t.scopeCode, t.version)],
);

export const decreeSnapshotItems = pgTable(
  "decree_snapshot_items",
  {
    snapshotId: integer("snapshot_id")
      .notNull()
      .references(() => decreeSnapshots.id),
    rank: integer("rank").notNull(),
    idRt: text("id_rt"),
    applicationId: integer("application_id"),
    nikKepala: varchar("nik_kepala", { length: 16 }),
    noKk: varchar("no_kk", { length: 16 }),
    namaKepala: text("nama_kepala"),
    alamat: text("alamat"),
    kodeDesa: desaCode().notNull(),
    desil: smallint("desil"),
    score: doublePrecision("score"),
    /** The ranking explanation (analytics/verval ScorePart[]) at the time of the decree. */
    parts: jsonb("parts"),
  },
  (t) => [primaryKey({ columns: [t.snapshotId, t.rank] }), index("decree_snapshot_items_id_rt_idx").on(t.idRt)],
);
