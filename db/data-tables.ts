/**
 * The tables that hold one loaded dataset (imports and what is computed from them), children
 * before parents, and the tables of accounts. A reseed empties the first list and keeps accounts;
 * tests empty both.
 */
export const datasetTables = [
  "seed_planted_findings",
  "findings",
  "targeting_snapshots",
  "recipients",
  "programs",
  "population",
  "members",
  "households",
  "regions",
  "import_batches",
  "dataset_info",
] as const;

export const accountTables = ["audit_log", "sessions", "accounts"] as const;
