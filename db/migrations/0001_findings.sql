CREATE TABLE "findings" (
	"id" serial PRIMARY KEY NOT NULL,
	"program" varchar(32),
	"periode" varchar(7),
	"jenis" "finding_kind" NOT NULL,
	"nik" varchar(16),
	"no_kk" varchar(16),
	"id_rt" text,
	"kode_desa" varchar(10),
	"kode_kecamatan" varchar(6) GENERATED ALWAYS AS (left(kode_desa, 6)) STORED,
	"kode_kabupaten" varchar(4) GENERATED ALWAYS AS (left(kode_desa, 4)) STORED,
	"keterangan" text NOT NULL,
	"detail" jsonb,
	"detected_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "findings_scope_idx" ON "findings" USING btree ("program","periode","jenis");--> statement-breakpoint
CREATE INDEX "findings_desa_idx" ON "findings" USING btree ("kode_desa");--> statement-breakpoint
CREATE INDEX "findings_nik_idx" ON "findings" USING btree ("nik");