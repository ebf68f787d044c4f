ALTER TABLE "households" DROP CONSTRAINT "households_import_batch_id_import_batches_id_fk";
--> statement-breakpoint
ALTER TABLE "members" DROP CONSTRAINT "members_import_batch_id_import_batches_id_fk";
--> statement-breakpoint
ALTER TABLE "population" DROP CONSTRAINT "population_import_batch_id_import_batches_id_fk";
--> statement-breakpoint
ALTER TABLE "programs" DROP CONSTRAINT "programs_import_batch_id_import_batches_id_fk";
--> statement-breakpoint
ALTER TABLE "recipients" DROP CONSTRAINT "recipients_import_batch_id_import_batches_id_fk";
--> statement-breakpoint
ALTER TABLE "regions" DROP CONSTRAINT "regions_import_batch_id_import_batches_id_fk";
