CREATE TYPE "public"."application_match" AS ENUM('baru', 'terdaftar');--> statement-breakpoint
CREATE TYPE "public"."application_status" AS ENUM('draft', 'submitted', 'verified', 'rejected', 'approved', 'proposed', 'decreed');--> statement-breakpoint
CREATE TYPE "public"."registration_channel" AS ENUM('aktif', 'pasif');--> statement-breakpoint
CREATE TYPE "public"."task_status" AS ENUM('terbuka', 'ditugaskan', 'selesai', 'dibatalkan');--> statement-breakpoint
CREATE TYPE "public"."visit_result" AS ENUM('valid', 'tidak_valid', 'perlu_perubahan');--> statement-breakpoint
CREATE TABLE "application_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"application_id" integer NOT NULL,
	"from_status" "application_status",
	"to_status" "application_status" NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"account_id" integer,
	"actor" text NOT NULL,
	"facts" jsonb,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "applications" (
	"id" serial PRIMARY KEY NOT NULL,
	"channel" "registration_channel" NOT NULL,
	"kode_desa" varchar(10) NOT NULL,
	"kode_kecamatan" varchar(6) GENERATED ALWAYS AS (left(kode_desa, 6)) STORED,
	"kode_kabupaten" varchar(4) GENERATED ALWAYS AS (left(kode_desa, 4)) STORED,
	"id_rt" text,
	"match" "application_match" NOT NULL,
	"nik_kepala" varchar(16) NOT NULL,
	"no_kk" varchar(16) NOT NULL,
	"nama_kepala" text NOT NULL,
	"alamat" text,
	"household" jsonb NOT NULL,
	"members" jsonb NOT NULL,
	"sktm_ref" text,
	"rt_report" text,
	"registered_by" integer,
	"registering_officer" text NOT NULL,
	"registered_at" timestamp with time zone DEFAULT now() NOT NULL,
	"assessment" jsonb,
	"changes" jsonb,
	"override_eligible" boolean,
	"override_reason" text,
	"override_by" text,
	"status" "application_status" DEFAULT 'draft' NOT NULL,
	"status_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"meeting_date" date,
	"minutes_ref" text,
	"decree_number" text,
	"location" geometry(Point,4326),
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "decree_snapshot_items" (
	"snapshot_id" integer NOT NULL,
	"rank" integer NOT NULL,
	"id_rt" text,
	"application_id" integer,
	"nik_kepala" varchar(16),
	"no_kk" varchar(16),
	"nama_kepala" text,
	"alamat" text,
	"kode_desa" varchar(10) NOT NULL,
	"desil" smallint,
	"score" double precision,
	"parts" jsonb,
	CONSTRAINT "decree_snapshot_items_snapshot_id_rank_pk" PRIMARY KEY("snapshot_id","rank")
);
--> statement-breakpoint
CREATE TABLE "decree_snapshots" (
	"id" serial PRIMARY KEY NOT NULL,
	"periode" varchar(7) NOT NULL,
	"version" integer NOT NULL,
	"number" text NOT NULL,
	"decree_date" date NOT NULL,
	"signer" text NOT NULL,
	"scope_code" varchar(10) NOT NULL,
	"instrument_version" integer,
	"row_count" integer NOT NULL,
	"checksum" varchar(64) NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "photos" (
	"id" serial PRIMARY KEY NOT NULL,
	"mime" varchar(32) NOT NULL,
	"bytes" integer NOT NULL,
	"sha256" varchar(64) NOT NULL,
	"content" "bytea" NOT NULL,
	"exif_lat" double precision,
	"exif_lon" double precision,
	"taken_at" timestamp with time zone,
	"kode_desa" varchar(10) NOT NULL,
	"uploaded_by" integer,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "program_rules" (
	"program" varchar(32) NOT NULL,
	"version" integer NOT NULL,
	"berlaku_mulai" varchar(7) NOT NULL,
	"rule" jsonb NOT NULL,
	"tidak_boleh_bersama" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"note" text,
	CONSTRAINT "program_rules_program_version_pk" PRIMARY KEY("program","version")
);
--> statement-breakpoint
CREATE TABLE "ranking_instruments" (
	"version" integer PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"instrument" jsonb NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "verification_tasks" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" varchar(32) NOT NULL,
	"application_id" integer,
	"source_key" text,
	"id_rt" text,
	"nik" varchar(16),
	"kode_desa" varchar(10) NOT NULL,
	"kode_kecamatan" varchar(6) GENERATED ALWAYS AS (left(kode_desa, 6)) STORED,
	"kode_kabupaten" varchar(4) GENERATED ALWAYS AS (left(kode_desa, 4)) STORED,
	"title" text NOT NULL,
	"status" "task_status" DEFAULT 'terbuka' NOT NULL,
	"assigned_to" integer,
	"assigned_at" timestamp with time zone,
	"due_date" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"result" "visit_result",
	"completed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "visits" (
	"id" serial PRIMARY KEY NOT NULL,
	"client_id" varchar(64) NOT NULL,
	"task_id" integer NOT NULL,
	"base_version" integer NOT NULL,
	"visited_at" timestamp with time zone NOT NULL,
	"officer_id" integer,
	"officer" text NOT NULL,
	"location" geometry(Point,4326),
	"accuracy_m" real,
	"result" "visit_result" NOT NULL,
	"notes" text,
	"changes" jsonb,
	"photo_id" integer,
	"conflict" boolean DEFAULT false NOT NULL,
	"synced_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "findings" ADD COLUMN "tahap" "recipient_stage";--> statement-breakpoint
ALTER TABLE "findings" ADD COLUMN "aturan_versi" integer;--> statement-breakpoint
ALTER TABLE "application_events" ADD CONSTRAINT "application_events_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_events" ADD CONSTRAINT "application_events_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_kode_desa_regions_code_fk" FOREIGN KEY ("kode_desa") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_registered_by_accounts_id_fk" FOREIGN KEY ("registered_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decree_snapshot_items" ADD CONSTRAINT "decree_snapshot_items_snapshot_id_decree_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."decree_snapshots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "photos" ADD CONSTRAINT "photos_uploaded_by_accounts_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_rules" ADD CONSTRAINT "program_rules_program_programs_kode_fk" FOREIGN KEY ("program") REFERENCES "public"."programs"("kode") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verification_tasks" ADD CONSTRAINT "verification_tasks_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verification_tasks" ADD CONSTRAINT "verification_tasks_kode_desa_regions_code_fk" FOREIGN KEY ("kode_desa") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verification_tasks" ADD CONSTRAINT "verification_tasks_assigned_to_accounts_id_fk" FOREIGN KEY ("assigned_to") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_task_id_verification_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."verification_tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_officer_id_accounts_id_fk" FOREIGN KEY ("officer_id") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "visits" ADD CONSTRAINT "visits_photo_id_photos_id_fk" FOREIGN KEY ("photo_id") REFERENCES "public"."photos"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "application_events_application_idx" ON "application_events" USING btree ("application_id","at");--> statement-breakpoint
CREATE INDEX "applications_desa_status_idx" ON "applications" USING btree ("kode_desa","status");--> statement-breakpoint
CREATE INDEX "applications_kecamatan_status_idx" ON "applications" USING btree ("kode_kecamatan","status");--> statement-breakpoint
CREATE INDEX "applications_nik_idx" ON "applications" USING btree ("nik_kepala");--> statement-breakpoint
CREATE INDEX "applications_no_kk_idx" ON "applications" USING btree ("no_kk");--> statement-breakpoint
CREATE INDEX "applications_id_rt_idx" ON "applications" USING btree ("id_rt");--> statement-breakpoint
CREATE INDEX "decree_snapshot_items_id_rt_idx" ON "decree_snapshot_items" USING btree ("id_rt");--> statement-breakpoint
CREATE UNIQUE INDEX "decree_snapshots_periode_version_key" ON "decree_snapshots" USING btree ("periode","scope_code","version");--> statement-breakpoint
CREATE UNIQUE INDEX "program_rules_program_start_key" ON "program_rules" USING btree ("program","berlaku_mulai");--> statement-breakpoint
CREATE INDEX "verification_tasks_desa_status_idx" ON "verification_tasks" USING btree ("kode_desa","status");--> statement-breakpoint
CREATE INDEX "verification_tasks_kecamatan_status_idx" ON "verification_tasks" USING btree ("kode_kecamatan","status");--> statement-breakpoint
CREATE INDEX "verification_tasks_assigned_idx" ON "verification_tasks" USING btree ("assigned_to","status");--> statement-breakpoint
CREATE UNIQUE INDEX "verification_tasks_source_key" ON "verification_tasks" USING btree ("source_key");--> statement-breakpoint
CREATE UNIQUE INDEX "visits_client_id_key" ON "visits" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "visits_task_idx" ON "visits" USING btree ("task_id");--> statement-breakpoint
-- Decree snapshots are immutable (a correction is a new version): refuse UPDATE and DELETE.
CREATE FUNCTION decree_snapshot_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'SK penetapan % tidak dapat diubah atau dihapus; buat versi baru', TG_TABLE_NAME
    USING ERRCODE = 'integrity_constraint_violation';
END $$;--> statement-breakpoint
CREATE TRIGGER decree_snapshots_immutable BEFORE UPDATE OR DELETE ON decree_snapshots
  FOR EACH ROW EXECUTE FUNCTION decree_snapshot_immutable();--> statement-breakpoint
CREATE TRIGGER decree_snapshot_items_immutable BEFORE UPDATE OR DELETE ON decree_snapshot_items
  FOR EACH ROW EXECUTE FUNCTION decree_snapshot_immutable();--> statement-breakpoint
-- The current rule of every program becomes its version 1, valid from the start.
INSERT INTO program_rules (program, version, berlaku_mulai, rule, tidak_boleh_bersama, created_by, note)
SELECT kode, 1, '2000-01', rule, tidak_boleh_bersama, 'migrasi', 'aturan awal' FROM programs;
