CREATE TABLE "targeting_snapshots" (
	"periode" varchar(7) NOT NULL,
	"tahap" "recipient_stage" DEFAULT 'realisasi' NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"coverage" jsonb NOT NULL,
	"finding_counts" jsonb NOT NULL,
	"ms" integer NOT NULL,
	CONSTRAINT "targeting_snapshots_periode_tahap_pk" PRIMARY KEY("periode","tahap")
);
