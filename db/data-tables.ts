/**
 * The tables that hold one loaded dataset (imports and what is computed from them), children
 * before parents, and the tables of accounts. A reseed empties the first list and keeps accounts;
 * tests empty both.
 */
export const datasetTables = [
  "decree_snapshot_items",
  "decree_snapshots",
  "ranking_instruments",
  "visits",
  "photos",
  "verification_tasks",
  "application_events",
  "applications",
  "seed_planted_findings",
  "findings",
  "targeting_snapshots",
  "recipients",
  "program_rules",
  "programs",
  "population",
  "members",
  "households",
  "regions",
  "import_batch_rows",
  "import_batches",
  "dataset_info",
] as const;

export const accountTables = ["audit_log", "sessions", "accounts"] as const;
