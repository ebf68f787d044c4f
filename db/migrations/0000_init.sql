CREATE TYPE "public"."building_tenure" AS ENUM('milik_sendiri', 'kontrak_sewa', 'bebas_sewa', 'dinas', 'lainnya');--> statement-breakpoint
CREATE TYPE "public"."condition" AS ENUM('bagus', 'jelek');--> statement-breakpoint
CREATE TYPE "public"."cooking_fuel" AS ENUM('listrik', 'gas_5_5kg_lebih', 'gas_3kg', 'gas_kota_biogas', 'minyak_tanah', 'briket', 'arang', 'kayu_bakar', 'tidak_memasak');--> statement-breakpoint
CREATE TYPE "public"."disability_level" AS ENUM('tidak', 'ringan', 'berat');--> statement-breakpoint
CREATE TYPE "public"."education_level" AS ENUM('tidak_ada', 'paud', 'sd', 'smp', 'sma', 'd1_d3', 'd4_s1', 's2_s3');--> statement-breakpoint
CREATE TYPE "public"."finding_kind" AS ENUM('exclusion', 'inclusion', 'not_in_dtks', 'deceased', 'moved', 'duplicate_nik', 'invalid_nik', 'double_receipt', 'conflicting_programs', 'name_mismatch');--> statement-breakpoint
CREATE TYPE "public"."floor_material" AS ENUM('marmer_granit', 'keramik', 'parket_vinil', 'ubin_tegel', 'kayu_kualitas_tinggi', 'semen_bata_merah', 'bambu', 'kayu_kualitas_rendah', 'tanah', 'lainnya');--> statement-breakpoint
CREATE TYPE "public"."funding_source" AS ENUM('apbn', 'apbd_provinsi', 'apbd_kabupaten', 'dana_desa', 'lainnya');--> statement-breakpoint
CREATE TYPE "public"."import_kind" AS ENUM('wilayah', 'rumah_tangga', 'anggota', 'penduduk', 'penerima', 'program');--> statement-breakpoint
CREATE TYPE "public"."land_tenure" AS ENUM('milik_sendiri', 'milik_orang_lain', 'tanah_negara', 'lainnya');--> statement-breakpoint
CREATE TYPE "public"."lighting_source" AS ENUM('listrik_pln_meteran', 'listrik_pln_tanpa_meteran', 'listrik_non_pln', 'bukan_listrik');--> statement-breakpoint
CREATE TYPE "public"."location_source" AS ENUM('import', 'gps', 'map');--> statement-breakpoint
CREATE TYPE "public"."marital_status" AS ENUM('belum_kawin', 'kawin', 'cerai_hidup', 'cerai_mati');--> statement-breakpoint
CREATE TYPE "public"."population_status" AS ENUM('hidup', 'meninggal', 'pindah');--> statement-breakpoint
CREATE TYPE "public"."program_unit" AS ENUM('individu', 'keluarga', 'rumah_tangga');--> statement-breakpoint
CREATE TYPE "public"."recipient_stage" AS ENUM('usulan', 'penetapan', 'realisasi');--> statement-breakpoint
CREATE TYPE "public"."region_level" AS ENUM('provinsi', 'kabupaten', 'kecamatan', 'desa');--> statement-breakpoint
CREATE TYPE "public"."relation_to_head" AS ENUM('kepala', 'pasangan', 'anak', 'menantu', 'cucu', 'orang_tua_mertua', 'pembantu', 'lainnya');--> statement-breakpoint
CREATE TYPE "public"."roof_material" AS ENUM('beton', 'genteng', 'seng', 'asbes', 'kayu_sirap', 'bambu', 'jerami_ijuk_rumbia', 'lainnya');--> statement-breakpoint
CREATE TYPE "public"."school_participation" AS ENUM('tidak_pernah', 'masih_sekolah', 'tidak_lagi');--> statement-breakpoint
CREATE TYPE "public"."sector" AS ENUM('pertanian', 'perikanan', 'perdagangan', 'industri', 'konstruksi', 'jasa', 'lainnya');--> statement-breakpoint
CREATE TYPE "public"."sewage_disposal" AS ENUM('tangki_septik', 'ipal', 'kolam_sawah_sungai', 'lubang_tanah', 'pantai_kebun', 'lainnya');--> statement-breakpoint
CREATE TYPE "public"."sex" AS ENUM('L', 'P');--> statement-breakpoint
CREATE TYPE "public"."toilet_facility" AS ENUM('sendiri', 'bersama', 'umum', 'tidak_ada');--> statement-breakpoint
CREATE TYPE "public"."toilet_type" AS ENUM('leher_angsa', 'plengsengan', 'cemplung', 'tidak_pakai');--> statement-breakpoint
CREATE TYPE "public"."wall_material" AS ENUM('tembok', 'plesteran_anyaman_bambu', 'kayu', 'anyaman_bambu', 'batang_kayu', 'bambu', 'lainnya');--> statement-breakpoint
CREATE TYPE "public"."water_source" AS ENUM('air_kemasan', 'air_isi_ulang', 'leding', 'sumur_bor_pompa', 'sumur_terlindung', 'sumur_tak_terlindung', 'mata_air_terlindung', 'mata_air_tak_terlindung', 'air_permukaan', 'air_hujan', 'lainnya');--> statement-breakpoint
CREATE TYPE "public"."work_status" AS ENUM('bekerja', 'tidak_bekerja');--> statement-breakpoint
CREATE TABLE "dataset_info" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "households" (
	"id_rt" text PRIMARY KEY NOT NULL,
	"kode_desa" varchar(10) NOT NULL,
	"kode_kecamatan" varchar(6) GENERATED ALWAYS AS (left(kode_desa, 6)) STORED,
	"kode_kabupaten" varchar(4) GENERATED ALWAYS AS (left(kode_desa, 4)) STORED,
	"alamat" text,
	"rt" text,
	"rw" text,
	"desil" smallint,
	"status_kesejahteraan" smallint,
	"status_bangunan" "building_tenure",
	"status_lahan" "land_tenure",
	"luas_lantai" real,
	"lantai" "floor_material",
	"dinding" "wall_material",
	"kondisi_dinding" "condition",
	"atap" "roof_material",
	"kondisi_atap" "condition",
	"jumlah_kamar" smallint,
	"sumber_air_minum" "water_source",
	"sumber_penerangan" "lighting_source",
	"daya_listrik" integer,
	"bahan_bakar_memasak" "cooking_fuel",
	"fasilitas_bab" "toilet_facility",
	"jenis_kloset" "toilet_type",
	"pembuangan_tinja" "sewage_disposal",
	"aset_tabung_gas_5_5kg" boolean,
	"aset_lemari_es" boolean,
	"aset_ac" boolean,
	"aset_pemanas_air" boolean,
	"aset_telepon_rumah" boolean,
	"aset_televisi" boolean,
	"aset_emas_10g" boolean,
	"aset_komputer" boolean,
	"aset_smartphone" boolean,
	"aset_sepeda" boolean,
	"aset_sepeda_motor" boolean,
	"aset_mobil" boolean,
	"aset_perahu" boolean,
	"aset_perahu_motor" boolean,
	"aset_lahan" boolean,
	"aset_rumah_lain" boolean,
	"luas_lahan" real,
	"jumlah_sapi" integer,
	"jumlah_kerbau" integer,
	"jumlah_kuda" integer,
	"jumlah_babi" integer,
	"jumlah_kambing_domba" integer,
	"makan_per_hari" smallint,
	"daging_per_minggu" smallint,
	"pakaian_baru_per_tahun" smallint,
	"mampu_berobat" boolean,
	"punya_aset_500rb" boolean,
	"pendapatan_krt" bigint,
	"location" geometry(Point,4326),
	"location_source" "location_source",
	"location_accuracy_m" real,
	"location_by" text,
	"location_at" timestamp with time zone,
	"import_batch_id" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "households_desil_range" CHECK ("households"."desil" BETWEEN 1 AND 10),
	CONSTRAINT "households_status_kesejahteraan_range" CHECK ("households"."status_kesejahteraan" BETWEEN 1 AND 4)
);
--> statement-breakpoint
CREATE TABLE "import_batches" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" "import_kind" NOT NULL,
	"file_name" text NOT NULL,
	"checksum" varchar(64) NOT NULL,
	"imported_by" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"rows_total" integer DEFAULT 0 NOT NULL,
	"rows_inserted" integer DEFAULT 0 NOT NULL,
	"rows_updated" integer DEFAULT 0 NOT NULL,
	"notes" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "members" (
	"id" serial PRIMARY KEY NOT NULL,
	"id_rt" text NOT NULL,
	"nik" varchar(16) NOT NULL,
	"no_kk" varchar(16) NOT NULL,
	"nama" text NOT NULL,
	"kode_desa" varchar(10) NOT NULL,
	"kode_kecamatan" varchar(6) GENERATED ALWAYS AS (left(kode_desa, 6)) STORED,
	"kode_kabupaten" varchar(4) GENERATED ALWAYS AS (left(kode_desa, 4)) STORED,
	"hubungan_krt" "relation_to_head",
	"jenis_kelamin" "sex",
	"tanggal_lahir" date,
	"status_perkawinan" "marital_status",
	"hamil" boolean,
	"partisipasi_sekolah" "school_participation",
	"jenjang_pendidikan" "education_level",
	"status_bekerja" "work_status",
	"lapangan_usaha" "sector",
	"disabilitas" "disability_level",
	"penyakit_kronis" boolean,
	"import_batch_id" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "members_nik_digits" CHECK ("members"."nik" ~ '^[0-9]{16}$'),
	CONSTRAINT "members_no_kk_digits" CHECK ("members"."no_kk" ~ '^[0-9]{16}$')
);
--> statement-breakpoint
CREATE TABLE "population" (
	"nik" varchar(16) PRIMARY KEY NOT NULL,
	"no_kk" varchar(16),
	"nama" text,
	"jenis_kelamin" "sex",
	"tanggal_lahir" date,
	"kode_desa" varchar(10),
	"kode_kecamatan" varchar(6) GENERATED ALWAYS AS (left(kode_desa, 6)) STORED,
	"kode_kabupaten" varchar(4) GENERATED ALWAYS AS (left(kode_desa, 4)) STORED,
	"status" "population_status" DEFAULT 'hidup' NOT NULL,
	"tanggal_status" date,
	"import_batch_id" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "population_nik_digits" CHECK ("population"."nik" ~ '^[0-9]{16}$')
);
--> statement-breakpoint
CREATE TABLE "programs" (
	"kode" varchar(32) PRIMARY KEY NOT NULL,
	"nama" text NOT NULL,
	"unit" "program_unit" NOT NULL,
	"sumber_dana" "funding_source" NOT NULL,
	"tidak_boleh_bersama" text[] DEFAULT '{}'::text[] NOT NULL,
	"rule" jsonb NOT NULL,
	"import_batch_id" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recipients" (
	"id" serial PRIMARY KEY NOT NULL,
	"program" varchar(32) NOT NULL,
	"periode" varchar(7) NOT NULL,
	"tahap" "recipient_stage" DEFAULT 'realisasi' NOT NULL,
	"unit_key" text NOT NULL,
	"occurrence" smallint DEFAULT 1 NOT NULL,
	"nik" varchar(16),
	"no_kk" varchar(16),
	"id_rt" text,
	"nama" text,
	"kode_desa" varchar(10),
	"kode_kecamatan" varchar(6) GENERATED ALWAYS AS (left(kode_desa, 6)) STORED,
	"kode_kabupaten" varchar(4) GENERATED ALWAYS AS (left(kode_desa, 4)) STORED,
	"nilai" numeric(14, 0),
	"import_batch_id" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "regions" (
	"code" varchar(10) PRIMARY KEY NOT NULL,
	"level" "region_level" NOT NULL,
	"name" text NOT NULL,
	"parent_code" varchar(10),
	"geom" geometry(MultiPolygon,4326),
	"area_km2" double precision,
	"import_batch_id" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "regions_code_matches_level" CHECK (length("regions"."code") = CASE "regions"."level" WHEN 'provinsi' THEN 2 WHEN 'kabupaten' THEN 4 WHEN 'kecamatan' THEN 6 ELSE 10 END)
);
--> statement-breakpoint
CREATE TABLE "seed_planted_findings" (
	"id" serial PRIMARY KEY NOT NULL,
	"jenis" "finding_kind" NOT NULL,
	"program" varchar(32),
	"periode" varchar(7),
	"nik" varchar(16),
	"no_kk" varchar(16),
	"id_rt" text,
	"kode_desa" varchar(10),
	"note" text
);
--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_kode_desa_regions_code_fk" FOREIGN KEY ("kode_desa") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_import_batch_id_import_batches_id_fk" FOREIGN KEY ("import_batch_id") REFERENCES "public"."import_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_id_rt_households_id_rt_fk" FOREIGN KEY ("id_rt") REFERENCES "public"."households"("id_rt") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_import_batch_id_import_batches_id_fk" FOREIGN KEY ("import_batch_id") REFERENCES "public"."import_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "population" ADD CONSTRAINT "population_import_batch_id_import_batches_id_fk" FOREIGN KEY ("import_batch_id") REFERENCES "public"."import_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programs" ADD CONSTRAINT "programs_import_batch_id_import_batches_id_fk" FOREIGN KEY ("import_batch_id") REFERENCES "public"."import_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recipients" ADD CONSTRAINT "recipients_program_programs_kode_fk" FOREIGN KEY ("program") REFERENCES "public"."programs"("kode") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recipients" ADD CONSTRAINT "recipients_import_batch_id_import_batches_id_fk" FOREIGN KEY ("import_batch_id") REFERENCES "public"."import_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regions" ADD CONSTRAINT "regions_import_batch_id_import_batches_id_fk" FOREIGN KEY ("import_batch_id") REFERENCES "public"."import_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "households_location_gist" ON "households" USING gist ("location");--> statement-breakpoint
CREATE INDEX "households_desa_idx" ON "households" USING btree ("kode_desa");--> statement-breakpoint
CREATE INDEX "households_kecamatan_idx" ON "households" USING btree ("kode_kecamatan");--> statement-breakpoint
CREATE UNIQUE INDEX "members_household_nik_key" ON "members" USING btree ("id_rt","nik");--> statement-breakpoint
CREATE INDEX "members_nik_idx" ON "members" USING btree ("nik");--> statement-breakpoint
CREATE INDEX "members_no_kk_idx" ON "members" USING btree ("no_kk");--> statement-breakpoint
CREATE INDEX "members_desa_idx" ON "members" USING btree ("kode_desa");--> statement-breakpoint
CREATE INDEX "population_no_kk_idx" ON "population" USING btree ("no_kk");--> statement-breakpoint
CREATE INDEX "population_desa_idx" ON "population" USING btree ("kode_desa");--> statement-breakpoint
CREATE UNIQUE INDEX "recipients_unit_key" ON "recipients" USING btree ("program","periode","tahap","unit_key","occurrence");--> statement-breakpoint
CREATE INDEX "recipients_nik_idx" ON "recipients" USING btree ("nik");--> statement-breakpoint
CREATE INDEX "recipients_no_kk_idx" ON "recipients" USING btree ("no_kk");--> statement-breakpoint
CREATE INDEX "recipients_id_rt_idx" ON "recipients" USING btree ("id_rt");--> statement-breakpoint
CREATE INDEX "recipients_desa_idx" ON "recipients" USING btree ("kode_desa");--> statement-breakpoint
CREATE INDEX "regions_geom_gist" ON "regions" USING gist ("geom");--> statement-breakpoint
CREATE INDEX "regions_parent_idx" ON "regions" USING btree ("parent_code");--> statement-breakpoint
CREATE INDEX "regions_level_idx" ON "regions" USING btree ("level");--> statement-breakpoint
CREATE INDEX "seed_planted_findings_jenis_idx" ON "seed_planted_findings" USING btree ("jenis");