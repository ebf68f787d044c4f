CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX "households_alamat_trgm_idx" ON "households" USING gin (lower("alamat") gin_trgm_ops);
